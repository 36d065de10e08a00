#pragma once
// The shared base of all grouped aggregators and the row loop they use.
// Aggregators read rows [begin, end) of a batch, so that one batch can be
// split across threads (or into cache-sized blocks) without copying;
// group_ids holds one id per row of that range (group_ids[i - begin] for row
// i), and a null group_ids pointer means every row belongs to group 0
// (whole-column aggregation).
#include <cstdint>
#include <memory>
#include <vector>

#include "strata/compute/aggregate.hpp"
#include "strata/core/array.hpp"

namespace strata::compute::internal {

class AggregatorBase : public GroupedAggregator {
 public:
  void consume(const Array& values, const uint32_t* group_ids) final {
    consume_range(values, 0, values.length(), group_ids);
  }
  /// Adds rows [begin, end) of `values`; see the file comment for group_ids.
  virtual void consume_range(const Array& values, int64_t begin, int64_t end, const uint32_t* group_ids) = 0;
};

/// Calls fn(row, group) for rows [begin, end); with skip_nulls, only for
/// valid rows. The branches on nulls and on group ids are taken once.
template <typename Fn>
inline void for_each_row(const Array& values, int64_t begin, int64_t end, const uint32_t* group_ids,
                         bool skip_nulls, Fn&& fn) {
  const uint8_t* valid = skip_nulls && values.null_count() > 0 ? values.validity_bits() : nullptr;
  if (skip_nulls && values.null_count() == values.length() && values.length() > 0) return;
  if (group_ids == nullptr) {
    if (valid == nullptr) {
      for (int64_t i = begin; i < end; ++i) fn(i, uint32_t{0});
    } else {
      for (int64_t i = begin; i < end; ++i)
        if (bitmap::get(valid, i)) fn(i, uint32_t{0});
    }
  } else {
    if (valid == nullptr) {
      for (int64_t i = begin; i < end; ++i) fn(i, group_ids[i - begin]);
    } else {
      for (int64_t i = begin; i < end; ++i)
        if (bitmap::get(valid, i)) fn(i, group_ids[i - begin]);
    }
  }
}

/// Reads value i of a fixed-width array as T, or of a Bool array as 0/1.
template <typename T>
struct ValueReader {
  explicit ValueReader(const Array& array) : values(array.values<T>()) {}
  T operator()(int64_t i) const { return values[i]; }
  const T* values;
};

struct BoolReader {
  explicit BoolReader(const Array& array) : bits(array.bool_bits()) {}
  bool operator()(int64_t i) const { return bitmap::get(bits, i); }
  const uint8_t* bits;
};

// Factories, one per family of aggregates (each in its own source file).
std::unique_ptr<AggregatorBase> make_sum_aggregator(const DataType& input);
std::unique_ptr<AggregatorBase> make_mean_aggregator(const DataType& input);
std::unique_ptr<AggregatorBase> make_min_max_aggregator(AggKind kind, const DataType& input);
std::unique_ptr<AggregatorBase> make_count_aggregator(AggKind kind, const DataType& input);
std::unique_ptr<AggregatorBase> make_n_unique_aggregator(const DataType& input);
std::unique_ptr<AggregatorBase> make_first_last_aggregator(AggKind kind, const DataType& input);
std::unique_ptr<AggregatorBase> make_variance_aggregator(AggKind kind, const DataType& input, int ddof);
std::unique_ptr<AggregatorBase> make_quantile_aggregator(const DataType& input, double quantile);
/// Corr or Cov over a pair (see pair_columns).
std::unique_ptr<AggregatorBase> make_correlation_aggregator(AggKind kind, const DataType& input, int ddof);

/// Any aggregator, as make_grouped_aggregator but with the internal base.
std::unique_ptr<AggregatorBase> make_aggregator(AggKind kind, const DataType& input, const AggOptions& options);

/// The value of a numeric, decimal or bool array at i as a double (decimals
/// are scaled). Used by mean, variance and quantiles.
template <typename T>
inline double to_double(T value, double decimal_scale) {
  if constexpr (std::is_same_v<T, __int128>) return static_cast<double>(value) / decimal_scale;
  else return static_cast<double>(value);
}

}  // namespace strata::compute::internal
