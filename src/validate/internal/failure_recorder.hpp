#pragma once
// Accumulates one constraint's failures over the batches: the number of
// failing rows and the first few of them with their values.
#include <cstdint>
#include <functional>
#include <string>

#include "strata/core/array.hpp"
#include "strata/validate/validation_report.hpp"
#include "validate/internal/violations.hpp"

namespace strata::validate_internal {

/// A value as shown in reports: "null", strings in double quotes with
/// control characters escaped, other types as Array::value_to_string.
std::string display_value(const Array& array, int64_t row);

class FailureRecorder {
 public:
  FailureRecorder(std::string column, std::string constraint, int64_t max_cases);

  /// Adds a batch's violations; `first_row` is the batch's first row in the
  /// whole input; describe(row) renders a row of the batch (called only for
  /// the rows kept as cases).
  void record(const Violations& violations, int64_t batch_rows, int64_t first_row,
              const std::function<std::string(int64_t)>& describe);
  /// Same, rendering rows of `values`.
  void record(const Violations& violations, const Array& values, int64_t first_row);
  /// A failure not about rows (a missing column, a check that cannot run).
  void fail(std::string detail);

  bool failed() const { return failure_.failing_rows > 0 || !failure_.detail.empty(); }
  const ConstraintFailure& failure() const { return failure_; }

 private:
  ConstraintFailure failure_;
  int64_t max_cases_;
};

}  // namespace strata::validate_internal
