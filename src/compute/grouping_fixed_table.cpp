// The key table for one fixed-width key: integers of every width, floats,
// dates, times, timestamps, durations and decimals. Each slot holds the
// key's canonical bits and its group id, so a probe touches one cache line
// and needs no indirection; the null key is a group kept outside the table.
#include <typeinfo>

#include "compute/internal/key_hashing.hpp"
#include "compute/internal/key_table.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute::internal {

namespace {

template <typename T>
class FixedKeyTable final : public KeyTable {
  using K = KeyBits<T>;
  struct Slot {
    K key;
    uint32_t id;
  };

 public:
  explicit FixedKeyTable(DataType type) : type_(std::move(type)) { resize_slots(64); }

  void insert(const std::vector<Array>& keys, int64_t begin, int64_t end, uint32_t* out) override {
    const Array& column = keys[0];
    const T* values = column.values<T>();
    if (column.null_count() == 0) {
      for (int64_t i = begin; i < end; ++i) out[i - begin] = find_or_insert(key_bits(values[i]));
      return;
    }
    const uint8_t* valid = column.validity_bits();
    for (int64_t i = begin; i < end; ++i)
      out[i - begin] = bitmap::get(valid, i) ? find_or_insert(key_bits(values[i])) : null_group();
  }

  void find(const std::vector<Array>& keys, int64_t begin, int64_t end, uint32_t* out) const override {
    const Array& column = keys[0];
    const T* values = column.values<T>();
    for (int64_t i = begin; i < end; ++i)
      out[i - begin] = column.is_valid(i) ? lookup(key_bits(values[i])) : null_group_;
  }

  std::vector<uint32_t> merge(const KeyTable& other_table) override {
    const auto& other = dynamic_cast<const FixedKeyTable&>(other_table);
    std::vector<uint32_t> mapping(other.keys_.size());
    for (size_t g = 0; g < other.keys_.size(); ++g)
      mapping[g] = g == other.null_group_ ? null_group() : find_or_insert(other.keys_[g]);
    return mapping;
  }

  int64_t size() const override { return static_cast<int64_t>(keys_.size()); }

  std::vector<Array> keys() const override {
    FixedWidthBuilder<T> builder(type_);
    builder.reserve(size());
    for (size_t g = 0; g < keys_.size(); ++g) {
      if (g == null_group_) builder.append_null();
      else builder.append(from_key_bits<T>(keys_[g]));
    }
    return {builder.finish()};
  }

 private:
  uint32_t find_or_insert(K key) {
    size_t pos = hash_key_bits(key) & mask_;
    while (true) {
      Slot& slot = slots_[pos];
      if (slot.id == kNoGroup) {
        const auto id = static_cast<uint32_t>(keys_.size());
        slot = Slot{key, id};
        keys_.push_back(key);
        if (table_needs_growth(keys_.size(), slots_.size())) resize_slots(slots_.size() * 2);
        return id;
      }
      if (slot.key == key) return slot.id;
      pos = (pos + 1) & mask_;
    }
  }

  uint32_t lookup(K key) const {
    size_t pos = hash_key_bits(key) & mask_;
    while (true) {
      const Slot& slot = slots_[pos];
      if (slot.id == kNoGroup) return kNoGroup;
      if (slot.key == key) return slot.id;
      pos = (pos + 1) & mask_;
    }
  }

  uint32_t null_group() {
    if (null_group_ == kNoGroup) {
      null_group_ = static_cast<uint32_t>(keys_.size());
      keys_.push_back(K{});
    }
    return null_group_;
  }

  void resize_slots(size_t capacity) {
    slots_.assign(capacity, Slot{K{}, kNoGroup});
    mask_ = capacity - 1;
    for (size_t g = 0; g < keys_.size(); ++g) {
      if (g == null_group_) continue;
      size_t pos = hash_key_bits(keys_[g]) & mask_;
      while (slots_[pos].id != kNoGroup) pos = (pos + 1) & mask_;
      slots_[pos] = Slot{keys_[g], static_cast<uint32_t>(g)};
    }
  }

  DataType type_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  std::vector<K> keys_;  // canonical bits per group id
  uint32_t null_group_ = kNoGroup;
};

}  // namespace

std::unique_ptr<KeyTable> make_fixed_key_table(const DataType& type) {
  return visit_physical(type, [&](auto tag) -> std::unique_ptr<KeyTable> {
    using T = typename decltype(tag)::type;
    if constexpr (is_fixed_width_v<T> && !std::is_same_v<T, bool>) {
      return std::make_unique<FixedKeyTable<T>>(type);
    } else {
      throw InternalError("fixed-width key table requested for type " + type.to_string());
    }
  });
}

}  // namespace strata::compute::internal
