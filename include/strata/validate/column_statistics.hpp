#pragma once
// Summary statistics of a column, computed in the same pass as validation,
// for asset metadata and data catalogues.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "strata/core/scalar.hpp"
#include "strata/core/types.hpp"

namespace strata {

struct ColumnStatistics {
  std::string name;
  DataType type;
  int64_t count = 0;        // non-null values
  int64_t null_count = 0;
  Scalar min;               // null when there is no non-null value or the type has no order
  Scalar max;
  std::optional<double> mean;  // numbers and bools (as 0/1) with at least one value
  /// Distinct non-null values, estimated with a HyperLogLog sketch (about
  /// 1% error, exact-looking below a few hundred); nullopt for list/struct.
  std::optional<int64_t> distinct_estimate;

  /// {"name", "type", "count", "null_count", "min", "max", "mean",
  /// "distinct_estimate"}; numbers and bools stay JSON numbers and bools,
  /// other values (dates, strings, NaN, infinities) their display text,
  /// absent values null.
  nlohmann::json to_json() const;
};

/// A cell as JSON, following ColumnStatistics::to_json.
nlohmann::json scalar_json(const Scalar& value);

}  // namespace strata
