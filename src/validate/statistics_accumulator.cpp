#include "validate/internal/statistics_accumulator.hpp"

#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"

namespace strata::validate_internal {

namespace {

// A one-group aggregator, or nullptr when the aggregate does not apply to
// the type (min of a struct, mean of a string).
std::unique_ptr<compute::GroupedAggregator> one_group(compute::AggKind kind, const DataType& type) {
  if (type.id() == TypeId::Null) return nullptr;
  if (kind == compute::AggKind::Mean && !type.is_numeric() && type.id() != TypeId::Bool) return nullptr;
  try {
    auto aggregator = compute::make_grouped_aggregator(kind, type);
    aggregator->resize(1);
    return aggregator;
  } catch (const TypeError&) {
    return nullptr;
  }
}

Scalar single_value(compute::GroupedAggregator* aggregator) {
  if (aggregator == nullptr) return Scalar();
  return array_value(aggregator->finish(), 0);
}

}  // namespace

StatisticsAccumulator::StatisticsAccumulator(std::string name, DataType type)
    : min_(one_group(compute::AggKind::Min, type)),
      max_(one_group(compute::AggKind::Max, type)),
      mean_(one_group(compute::AggKind::Mean, type)) {
  statistics_.name = std::move(name);
  statistics_.type = std::move(type);
  if (!statistics_.type.is_nested()) distinct_.emplace();
}

void StatisticsAccumulator::consume(const Array& values) {
  const int64_t rows = values.length();
  statistics_.null_count += values.null_count();
  statistics_.count += rows - values.null_count();
  if (rows == values.null_count()) return;
  if (static_cast<int64_t>(group_zero_.size()) < rows) group_zero_.assign(static_cast<size_t>(rows), 0);
  for (compute::GroupedAggregator* aggregator : {min_.get(), max_.get(), mean_.get()})
    if (aggregator != nullptr) aggregator->consume(values, group_zero_.data());
  if (distinct_) distinct_->add(values);
}

ColumnStatistics StatisticsAccumulator::finish() {
  statistics_.min = single_value(min_.get());
  statistics_.max = single_value(max_.get());
  const Scalar mean = single_value(mean_.get());
  if (!mean.is_null()) statistics_.mean = mean.as_double();
  if (distinct_) statistics_.distinct_estimate = distinct_->estimate();
  return statistics_;
}

}  // namespace strata::validate_internal
