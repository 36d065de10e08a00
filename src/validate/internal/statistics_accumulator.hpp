#pragma once
// Summary statistics of one column, accumulated batch by batch with the
// mergeable aggregate states of the compute layer and a HyperLogLog sketch.
#include <memory>
#include <optional>
#include <vector>

#include "strata/compute/aggregate.hpp"
#include "strata/validate/column_statistics.hpp"
#include "strata/validate/hyperloglog.hpp"

namespace strata::validate_internal {

class StatisticsAccumulator {
 public:
  StatisticsAccumulator(std::string name, DataType type);
  /// Adds one batch's values of the column. Not thread-safe.
  void consume(const Array& values);
  ColumnStatistics finish();

 private:
  ColumnStatistics statistics_;
  std::unique_ptr<compute::GroupedAggregator> min_;
  std::unique_ptr<compute::GroupedAggregator> max_;
  std::unique_ptr<compute::GroupedAggregator> mean_;
  std::optional<HyperLogLog> distinct_;
  std::vector<uint32_t> group_zero_;  // every row in the one group
};

}  // namespace strata::validate_internal
