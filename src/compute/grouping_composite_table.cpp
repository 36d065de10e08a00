// The key table for several key columns. Each column gets its own
// single-column table (string, fixed-width or direct-indexed, so every
// column is hashed with its fastest layout and a string is never re-encoded),
// which turns the column's values into small dense ids; a row is then the
// tuple of its columns' ids, and the tuples get the final group ids in an
// open-addressing table of fixed-size integer tuples. Nulls are a group of
// their column's table, so a null in any column is simply another id.
//
// Merging merges the column tables first and translates the other table's
// tuples through their id mappings, so per-thread composite tables merge
// like any other key table.
#include <algorithm>
#include <typeinfo>

#include "compute/internal/key_hashing.hpp"
#include "compute/internal/key_table.hpp"
#include "strata/compute/selection.hpp"
#include "strata/core/error.hpp"
#include "strata/core/hash.hpp"

namespace strata::compute::internal {

namespace {

// Rows whose column ids are computed together before their tuples are
// looked up: bounds the scratch space of a call.
constexpr int64_t kTupleBlockRows = 2048;

class CompositeKeyTable final : public KeyTable {
  struct Slot {
    uint32_t id;   // kNoGroup when empty
    uint32_t tag;  // high half of the tuple's hash
  };

 public:
  explicit CompositeKeyTable(std::vector<std::unique_ptr<KeyTable>> columns)
      : columns_(std::move(columns)), width_(columns_.size()) {
    STRATA_CHECK(width_ >= 1, "a composite key table needs at least one column");
    resize_slots(64);
  }

  void insert(const std::vector<Array>& keys, int64_t begin, int64_t end, uint32_t* out) override {
    column_ids_.resize(width_ * static_cast<size_t>(kTupleBlockRows));
    for (int64_t block = begin; block < end; block += kTupleBlockRows) {
      const int64_t block_end = std::min(end, block + kTupleBlockRows);
      insert_column_ids(keys, block, block_end);
      const auto rows = static_cast<size_t>(block_end - block);
      uint32_t* block_out = out + (block - begin);
      if (width_ == 2) {
        const uint32_t* first = column_ids_.data();
        const uint32_t* second = first + kTupleBlockRows;
        for (size_t r = 0; r < rows; ++r) {
          const uint32_t tuple[2] = {first[r], second[r]};
          block_out[r] = find_or_insert(tuple);
        }
      } else {
        std::vector<uint32_t>& tuple = tuple_scratch_;
        tuple.resize(width_);
        for (size_t r = 0; r < rows; ++r) {
          for (size_t c = 0; c < width_; ++c) tuple[c] = column_ids_[c * kTupleBlockRows + r];
          block_out[r] = find_or_insert(tuple.data());
        }
      }
    }
  }

  void find(const std::vector<Array>& keys, int64_t begin, int64_t end, uint32_t* out) const override {
    std::vector<uint32_t> ids(width_ * static_cast<size_t>(kTupleBlockRows));
    std::vector<uint32_t> tuple(width_);
    for (int64_t block = begin; block < end; block += kTupleBlockRows) {
      const int64_t block_end = std::min(end, block + kTupleBlockRows);
      find_column_ids(keys, block, block_end, ids.data());
      for (int64_t r = 0; r < block_end - block; ++r) {
        bool known = true;
        for (size_t c = 0; c < width_; ++c) {
          tuple[c] = ids[c * kTupleBlockRows + static_cast<size_t>(r)];
          known = known && tuple[c] != kNoGroup;
        }
        out[block - begin + r] = known ? lookup(tuple.data()) : kNoGroup;
      }
    }
  }

  std::vector<uint32_t> merge(const KeyTable& other_table) override {
    const auto& other = dynamic_cast<const CompositeKeyTable&>(other_table);
    STRATA_CHECK(&other != this && other.width_ == width_, "composite key tables of different widths merged");
    std::vector<std::vector<uint32_t>> column_mappings(width_);
    for (size_t c = 0; c < width_; ++c) column_mappings[c] = columns_[c]->merge(*other.columns_[c]);
    const size_t groups = other.size_groups();
    std::vector<uint32_t> mapping(groups);
    std::vector<uint32_t> tuple(width_);
    for (size_t g = 0; g < groups; ++g) {
      for (size_t c = 0; c < width_; ++c) tuple[c] = column_mappings[c][other.tuples_[g * width_ + c]];
      mapping[g] = find_or_insert(tuple.data());
    }
    return mapping;
  }

  int64_t size() const override { return static_cast<int64_t>(size_groups()); }

  std::vector<Array> keys() const override {
    const size_t groups = size_groups();
    std::vector<Array> out;
    std::vector<int64_t> rows(groups);
    for (size_t c = 0; c < width_; ++c) {
      for (size_t g = 0; g < groups; ++g) rows[g] = tuples_[g * width_ + c];
      out.push_back(take(columns_[c]->keys()[0], rows));
    }
    return out;
  }

 private:
  size_t size_groups() const { return tuples_.size() / width_; }

  // Fills column_ids_[c * kTupleBlockRows + r] with column c's id of row
  // begin + r, adding unseen values to the column tables.
  void insert_column_ids(const std::vector<Array>& keys, int64_t begin, int64_t end) {
    STRATA_CHECK(keys.size() == width_, "composite key table called with the wrong number of key columns");
    single_key_.resize(1);
    for (size_t c = 0; c < width_; ++c) {
      single_key_[0] = keys[c];
      columns_[c]->insert(single_key_, begin, end, column_ids_.data() + c * kTupleBlockRows);
    }
  }

  // As insert_column_ids into `ids`, with kNoGroup for unseen values.
  void find_column_ids(const std::vector<Array>& keys, int64_t begin, int64_t end, uint32_t* ids) const {
    STRATA_CHECK(keys.size() == width_, "composite key table called with the wrong number of key columns");
    for (size_t c = 0; c < width_; ++c) {
      const std::vector<Array> key{keys[c]};
      columns_[c]->find(key, begin, end, ids + c * kTupleBlockRows);
    }
  }

  uint64_t hash(const uint32_t* tuple) const { return hash_id_tuple(tuple, width_); }

  // A plain loop: tuples are a few ids long, too short to pay for a call.
  bool equal(uint32_t id, const uint32_t* tuple) const {
    return same_id_tuple(tuples_.data() + static_cast<size_t>(id) * width_, tuple, width_);
  }

  uint32_t find_or_insert(const uint32_t* tuple) {
    const uint64_t h = hash(tuple);
    const auto tag = static_cast<uint32_t>(h >> 32);
    size_t pos = h & mask_;
    while (true) {
      Slot& slot = slots_[pos];
      if (slot.id == kNoGroup) {
        const auto id = static_cast<uint32_t>(size_groups());
        slot = Slot{id, tag};
        tuples_.insert(tuples_.end(), tuple, tuple + width_);
        if (table_needs_growth(size_groups(), slots_.size())) resize_slots(slots_.size() * 2);
        return id;
      }
      if (slot.tag == tag && equal(slot.id, tuple)) return slot.id;
      pos = (pos + 1) & mask_;
    }
  }

  uint32_t lookup(const uint32_t* tuple) const {
    const uint64_t h = hash(tuple);
    const auto tag = static_cast<uint32_t>(h >> 32);
    size_t pos = h & mask_;
    while (true) {
      const Slot& slot = slots_[pos];
      if (slot.id == kNoGroup) return kNoGroup;
      if (slot.tag == tag && equal(slot.id, tuple)) return slot.id;
      pos = (pos + 1) & mask_;
    }
  }

  void resize_slots(size_t capacity) {
    slots_.assign(capacity, Slot{kNoGroup, 0});
    mask_ = capacity - 1;
    const size_t groups = size_groups();
    for (size_t g = 0; g < groups; ++g) {
      const uint64_t h = hash(tuples_.data() + g * width_);
      size_t pos = h & mask_;
      while (slots_[pos].id != kNoGroup) pos = (pos + 1) & mask_;
      slots_[pos] = Slot{static_cast<uint32_t>(g), static_cast<uint32_t>(h >> 32)};
    }
  }

  std::vector<std::unique_ptr<KeyTable>> columns_;
  size_t width_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  std::vector<uint32_t> tuples_;  // width_ column ids per group, in id order
  std::vector<uint32_t> column_ids_;
  std::vector<uint32_t> tuple_scratch_;
  std::vector<Array> single_key_;
};

}  // namespace

std::unique_ptr<KeyTable> make_composite_key_table(std::vector<std::unique_ptr<KeyTable>> columns) {
  return std::make_unique<CompositeKeyTable>(std::move(columns));
}

}  // namespace strata::compute::internal
