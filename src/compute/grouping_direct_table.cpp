// The key table for one integer key whose values lie in a small known range
// (H2O-style ids, small codes, dates of a few years): the slot of a value is
// simply value - min in an array, so a row costs one subtraction and one
// load, with no hashing and no probing. Chosen by group_arrays_parallel
// after it has measured the key's range.
#include <string>
#include <type_traits>
#include <typeinfo>

#include "compute/internal/key_table.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute::internal {

namespace {

template <typename T>
class DirectKeyTable final : public KeyTable {
 public:
  DirectKeyTable(DataType type, int64_t min, int64_t max)
      : type_(std::move(type)),
        min_(static_cast<uint64_t>(min)),
        span_(static_cast<uint64_t>(max) - static_cast<uint64_t>(min)),
        slots_(static_cast<size_t>(span_) + 1, kNoGroup) {}

  void insert(const std::vector<Array>& keys, int64_t begin, int64_t end, uint32_t* out) override {
    const Array& column = keys[0];
    const T* values = column.values<T>();
    if (column.null_count() == 0) {
      for (int64_t i = begin; i < end; ++i) out[i - begin] = find_or_insert(values[i]);
    } else {
      const uint8_t* valid = column.validity_bits();
      for (int64_t i = begin; i < end; ++i)
        out[i - begin] = bitmap::get(valid, i) ? find_or_insert(values[i]) : null_group();
    }
  }

  void find(const std::vector<Array>& keys, int64_t begin, int64_t end, uint32_t* out) const override {
    const Array& column = keys[0];
    const T* values = column.values<T>();
    for (int64_t i = begin; i < end; ++i) {
      if (!column.is_valid(i)) {
        out[i - begin] = null_group_;
        continue;
      }
      const uint64_t slot = offset(values[i]);
      out[i - begin] = slot <= span_ ? slots_[slot] : kNoGroup;
    }
  }

  std::vector<uint32_t> merge(const KeyTable& other_table) override {
    const auto& other = dynamic_cast<const DirectKeyTable&>(other_table);
    STRATA_CHECK(other.min_ == min_ && other.span_ == span_, "direct key tables merged across different ranges");
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
      else builder.append(keys_[g]);
    }
    return {builder.finish()};
  }

 private:
  uint64_t offset(T value) const { return static_cast<uint64_t>(static_cast<int64_t>(value)) - min_; }

  uint32_t find_or_insert(T value) {
    const uint64_t slot = offset(value);
    if (slot > span_)
      throw InternalError("value " + std::to_string(value) + " outside the measured key range");
    uint32_t& id = slots_[slot];
    if (id == kNoGroup) {
      id = static_cast<uint32_t>(keys_.size());
      keys_.push_back(value);
    }
    return id;
  }

  uint32_t null_group() {
    if (null_group_ == kNoGroup) {
      null_group_ = static_cast<uint32_t>(keys_.size());
      keys_.push_back(T{});
    }
    return null_group_;
  }

  DataType type_;
  uint64_t min_;
  uint64_t span_;  // max - min
  std::vector<uint32_t> slots_;
  std::vector<T> keys_;
  uint32_t null_group_ = kNoGroup;
};

}  // namespace

std::unique_ptr<KeyTable> make_direct_key_table(const DataType& type, int64_t min, int64_t max) {
  return visit_physical(type, [&](auto tag) -> std::unique_ptr<KeyTable> {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool> && sizeof(T) <= 8) {
      return std::make_unique<DirectKeyTable<T>>(type, min, max);
    } else {
      throw InternalError("direct key table requested for type " + type.to_string());
    }
  });
}

}  // namespace strata::compute::internal
