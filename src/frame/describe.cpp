// describe(): summary statistics per column, in the layout of Polars'
// describe — one row per statistic, one column per input column.
#include <cstdio>

#include "strata/compute/aggregate.hpp"
#include "strata/core/builder.hpp"
#include "strata/frame/dataframe.hpp"

namespace strata {

namespace {

bool summarised_as_number(const DataType& type) { return type.is_numeric() || type.id() == TypeId::Bool; }

bool orderable(const DataType& type) {
  return !type.is_nested() && type.id() != TypeId::Null && type.id() != TypeId::Binary;
}

std::string percentile_label(double p) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g%%", p * 100);
  return buffer;
}

}  // namespace

DataFrame DataFrame::describe(const DescribeOptions& options) const {
  using compute::AggKind;
  std::vector<std::string> labels{"count", "null_count", "mean", "std", "min"};
  for (double p : options.percentiles) labels.push_back(percentile_label(p));
  labels.push_back("max");

  std::vector<Series> out{Series::from("statistic", labels)};
  for (const auto& column : columns_) {
    const DataType& type = column.type();
    ChunkedArray data = column.data();
    if (type.id() == TypeId::Bool) data = column.cast(DataType::float64()).data();
    std::vector<Scalar> stats;
    stats.push_back(Scalar::int64(column.length() - column.null_count()));
    stats.push_back(Scalar::int64(column.null_count()));
    const bool numeric = summarised_as_number(type);
    auto stat = [&](AggKind kind, const compute::AggOptions& agg_options = {}) -> Scalar {
      return compute::aggregate(data, kind, agg_options);
    };
    stats.push_back(numeric ? stat(AggKind::Mean) : Scalar());
    stats.push_back(numeric ? stat(AggKind::Std) : Scalar());
    stats.push_back(orderable(type) ? stat(AggKind::Min) : Scalar());
    for (double p : options.percentiles) {
      compute::AggOptions quantile;
      quantile.quantile = p;
      stats.push_back(numeric ? stat(AggKind::Quantile, quantile) : Scalar());
    }
    stats.push_back(orderable(type) ? stat(AggKind::Max) : Scalar());

    if (numeric) {
      std::vector<std::optional<double>> values;
      for (const auto& s : stats) values.push_back(s.is_null() ? std::nullopt : std::optional<double>(s.as_double()));
      out.push_back(Series::from(column.name(), values));
    } else {
      std::vector<std::optional<std::string>> values;
      for (const auto& s : stats) values.push_back(s.is_null() ? std::nullopt : std::optional<std::string>(s.to_string()));
      out.push_back(Series::from(column.name(), values));
    }
  }
  return DataFrame(std::move(out));
}

}  // namespace strata
