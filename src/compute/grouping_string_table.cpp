// The key table for one String or Binary key. Each slot holds the group's
// 16-byte view and id, so a probe compares in place: size and prefix in one
// word, then for inline strings (up to 12 bytes, most keys) one more word,
// for long strings the bytes. The bytes of long strings are copied into
// blocks the table owns (the batch a row came from may be gone by the time a
// later batch is consumed).
#include <algorithm>
#include <cstring>
#include <typeinfo>

#include "compute/internal/key_hashing.hpp"
#include "compute/internal/key_table.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"

namespace strata::compute::internal {

namespace {

class StringKeyTable final : public KeyTable {
  struct Slot {
    StringView view;  // the group's key; long strings point into blocks_
    uint32_t id;
  };

 public:
  explicit StringKeyTable(DataType type) : type_(std::move(type)) { resize_slots(64); }

  void insert(const std::vector<Array>& keys, int64_t begin, int64_t end, uint32_t* out) override {
    const Array& column = keys[0];
    for_each_hashed(column, begin, end, out, [&](const StringView& view, uint64_t hash) {
      // Fast path: an inline string found in its home slot.
      const Slot& home = slots_[hash & mask_];
      if (view.is_inline() && home.view.size_and_prefix() == view.size_and_prefix() &&
          view_tail(home.view) == view_tail(view) && home.id != kNoGroup)
        return home.id;
      return find_or_insert(view, view.is_inline() ? view.inlined : column.resolve(view).data(), hash);
    }, [&] { return null_group(); });
  }

  void find(const std::vector<Array>& keys, int64_t begin, int64_t end, uint32_t* out) const override {
    const Array& column = keys[0];
    for_each_hashed(column, begin, end, out, [&](const StringView& view, uint64_t hash) {
      return lookup(view, view.is_inline() ? view.inlined : column.resolve(view).data(), hash);
    }, [&] { return null_group_; });
  }

  std::vector<uint32_t> merge(const KeyTable& other_table) override {
    const auto& other = dynamic_cast<const StringKeyTable&>(other_table);
    std::vector<uint32_t> mapping(other.views_.size());
    for (size_t g = 0; g < other.views_.size(); ++g) {
      if (g == other.null_group_) {
        mapping[g] = null_group();
        continue;
      }
      const StringView& view = other.views_[g];
      mapping[g] = find_or_insert(view, other.bytes_of(view), other.hashes_[g]);
    }
    return mapping;
  }

  int64_t size() const override { return static_cast<int64_t>(views_.size()); }

  std::vector<Array> keys() const override {
    StringBuilder builder(type_);
    builder.reserve(size());
    for (size_t g = 0; g < views_.size(); ++g) {
      if (g == null_group_) builder.append_null();
      else builder.append(std::string_view(bytes_of(views_[g]), views_[g].size));
    }
    return {builder.finish()};
  }

 private:
  static constexpr size_t kArenaBlockBytes = 1 << 20;
  static constexpr int64_t kBlockRows = 256;

  // Sets out[i - begin] for rows [begin, end) of `column` to
  // id_of(view, hash), or to null_id() for null rows. Hashes are computed a
  // block at a time, ahead of the probes, so the independent multiplications
  // overlap instead of queueing behind the probes' loads.
  template <typename IdOf, typename NullId>
  static void for_each_hashed(const Array& column, int64_t begin, int64_t end, uint32_t* out, IdOf&& id_of,
                              NullId&& null_id) {
    const StringView* views = column.views();
    const bool has_nulls = column.null_count() > 0;
    uint64_t hashes[kBlockRows];
    for (int64_t block = begin; block < end; block += kBlockRows) {
      const int64_t block_end = std::min(end, block + kBlockRows);
      for (int64_t i = block; i < block_end; ++i) {
        const StringView& view = views[i];
        hashes[i - block] = view.is_inline() ? hash_string(view, view.inlined)
                                             : hash_string(view, column.resolve(view).data());
      }
      for (int64_t i = block; i < block_end; ++i)
        out[i - begin] = has_nulls && column.is_null(i) ? null_id() : id_of(views[i], hashes[i - block]);
    }
  }

  const char* bytes_of(const StringView& view) const {
    if (view.is_inline()) return view.inlined;
    return blocks_[view.ref.buffer_index].get() + view.ref.offset;
  }

  bool equal(const StringView& stored, const StringView& view, const char* bytes) const {
    if (stored.size_and_prefix() != view.size_and_prefix()) return false;
    if (view.is_inline()) return view_tail(stored) == view_tail(view);
    return std::memcmp(bytes_of(stored), bytes, view.size) == 0;
  }

  uint32_t find_or_insert(const StringView& view, const char* bytes, uint64_t hash) {
    size_t pos = hash & mask_;
    while (true) {
      Slot& slot = slots_[pos];
      if (slot.id == kNoGroup) {
        const auto id = static_cast<uint32_t>(views_.size());
        const StringView stored = view.is_inline() ? view : store(view, bytes);
        slot = Slot{stored, id};
        views_.push_back(stored);
        hashes_.push_back(hash);
        if (table_needs_growth(views_.size(), slots_.size())) resize_slots(slots_.size() * 2);
        return id;
      }
      if (equal(slot.view, view, bytes)) return slot.id;
      pos = (pos + 1) & mask_;
    }
  }

  uint32_t lookup(const StringView& view, const char* bytes, uint64_t hash) const {
    size_t pos = hash & mask_;
    while (true) {
      const Slot& slot = slots_[pos];
      if (slot.id == kNoGroup) return kNoGroup;
      if (equal(slot.view, view, bytes)) return slot.id;
      pos = (pos + 1) & mask_;
    }
  }

  // Copies a long string's bytes into the table's blocks; returns a view of them.
  StringView store(const StringView& view, const char* bytes) {
    const size_t size = view.size;
    if (blocks_.empty() || block_used_ + size > block_capacity_) {
      block_capacity_ = std::max(kArenaBlockBytes, size);
      blocks_.push_back(std::make_unique<char[]>(block_capacity_));
      block_used_ = 0;
    }
    std::memcpy(blocks_.back().get() + block_used_, bytes, size);
    StringView stored = view;
    stored.ref.buffer_index = static_cast<uint32_t>(blocks_.size() - 1);
    stored.ref.offset = static_cast<uint32_t>(block_used_);
    block_used_ += size;
    return stored;
  }

  uint32_t null_group() {
    if (null_group_ == kNoGroup) {
      null_group_ = static_cast<uint32_t>(views_.size());
      views_.push_back(StringView::make_inline({}));
      hashes_.push_back(hashing::kNullHash);
    }
    return null_group_;
  }

  void resize_slots(size_t capacity) {
    slots_.assign(capacity, Slot{StringView::make_inline({}), kNoGroup});
    mask_ = capacity - 1;
    for (size_t g = 0; g < views_.size(); ++g) {
      if (g == null_group_) continue;
      size_t pos = hashes_[g] & mask_;
      while (slots_[pos].id != kNoGroup) pos = (pos + 1) & mask_;
      slots_[pos] = Slot{views_[g], static_cast<uint32_t>(g)};
    }
  }

  DataType type_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  std::vector<StringView> views_;   // per group; long ones point into blocks_
  std::vector<uint64_t> hashes_;    // per group, for growing and merging
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t block_used_ = 0;
  size_t block_capacity_ = 0;
  uint32_t null_group_ = kNoGroup;
};

}  // namespace

std::unique_ptr<KeyTable> make_string_key_table(const DataType& type) {
  return std::make_unique<StringKeyTable>(type);
}

}  // namespace strata::compute::internal
