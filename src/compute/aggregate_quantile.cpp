// Median and quantiles with linear interpolation between the two closest
// ranks (position q * (n - 1), as Polars' and numpy's "linear" method). The
// state is the list of (group, value) pairs; finish() buckets them by group
// and selects the ranks with nth_element, so no group is fully sorted.
#include <algorithm>
#include <cmath>
#include <string>
#include <type_traits>

#include "compute/internal/aggregator_base.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/decimal.hpp"
#include "strata/core/error.hpp"
#include "strata/core/thread_pool.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute::internal {

namespace {

// NaN sorts after every number, as in the sort kernel.
inline bool nan_last_less(double a, double b) { return !std::isnan(a) && (std::isnan(b) || a < b); }

template <typename T, typename Reader>
class QuantileAggregator final : public AggregatorBase {
 public:
  QuantileAggregator(const DataType& input, double quantile)
      : quantile_(quantile),
        decimal_scale_(input.id() == TypeId::Decimal ? static_cast<double>(decimal::power_of_ten(input.scale()))
                                                     : 1.0) {}

  void resize(int64_t num_groups) override { num_groups_ = std::max(num_groups_, num_groups); }

  void consume_range(const Array& values, int64_t begin, int64_t end, const uint32_t* group_ids) override {
    if (values.type().id() == TypeId::Null) return;
    const Reader read(values);
    for_each_row(values, begin, end, group_ids, true, [&](int64_t i, uint32_t g) {
      values_.push_back(to_double(read(i), decimal_scale_));
      groups_.push_back(g);
    });
  }

  void merge(GroupedAggregator& other_base, const uint32_t* mapping) override {
    auto& other = dynamic_cast<QuantileAggregator&>(other_base);
    values_.insert(values_.end(), other.values_.begin(), other.values_.end());
    for (const uint32_t g : other.groups_) groups_.push_back(mapping[g]);
  }

  Array finish() override {
    const auto groups = static_cast<size_t>(num_groups_);
    std::vector<size_t> starts(groups + 1, 0);
    for (const uint32_t g : groups_) ++starts[g + 1];
    for (size_t g = 0; g < groups; ++g) starts[g + 1] += starts[g];
    std::vector<double> sorted(values_.size());
    std::vector<size_t> cursor(starts.begin(), starts.end() - 1);
    for (size_t i = 0; i < values_.size(); ++i) sorted[cursor[groups_[i]]++] = values_[i];

    // Groups are independent: their selections run in parallel over
    // ranges of groups.
    std::vector<double> results(groups, 0.0);
    const int64_t parts = values_.size() < (size_t{1} << 16) ? 1 : range_count(num_groups_, 64);
    ThreadPool::global().parallel_for(parts, [&](int64_t part) {
      const size_t begin = groups * static_cast<size_t>(part) / static_cast<size_t>(parts);
      const size_t end = groups * static_cast<size_t>(part + 1) / static_cast<size_t>(parts);
      for (size_t g = begin; g < end; ++g) {
        double* first = sorted.data() + starts[g];
        double* last = sorted.data() + starts[g + 1];
        if (first != last) results[g] = select_quantile(first, last);
      }
    });
    FixedWidthBuilder<double> builder(DataType::float64());
    builder.reserve(num_groups_);
    for (size_t g = 0; g < groups; ++g) {
      if (starts[g + 1] == starts[g]) builder.append_null();
      else builder.append(results[g]);
    }
    return builder.finish();
  }

 private:
  // The quantile of the values [first, last), which it reorders; not empty.
  double select_quantile(double* first, double* last) const {
    const auto count = static_cast<size_t>(last - first);
    const double position = quantile_ * static_cast<double>(count - 1);
    const auto low = static_cast<size_t>(std::floor(position));
    std::nth_element(first, first + low, last, nan_last_less);
    const double low_value = first[low];
    if (low + 1 >= count || position == static_cast<double>(low)) return low_value;
    const double high_value = *std::min_element(first + low + 1, last, nan_last_less);
    return low_value + (high_value - low_value) * (position - static_cast<double>(low));
  }

  double quantile_;
  double decimal_scale_;
  int64_t num_groups_ = 0;
  std::vector<double> values_;
  std::vector<uint32_t> groups_;
};

}  // namespace

std::unique_ptr<AggregatorBase> make_quantile_aggregator(const DataType& input, double quantile) {
  if (!(quantile >= 0.0 && quantile <= 1.0))
    throw InvalidInputError("quantile must be in [0, 1], got " + std::to_string(quantile));
  return visit_physical(input, [&](auto tag) -> std::unique_ptr<AggregatorBase> {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, BoolTag> || std::is_same_v<T, NullTag>) {
      return std::make_unique<QuantileAggregator<bool, BoolReader>>(input, quantile);
    } else if constexpr (is_fixed_width_v<T>) {
      return std::make_unique<QuantileAggregator<T, ValueReader<T>>>(input, quantile);
    } else {
      throw InternalError("quantile dispatched for type " + input.to_string());
    }
  });
}

}  // namespace strata::compute::internal
