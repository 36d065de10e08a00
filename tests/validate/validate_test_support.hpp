#pragma once
// Shared helpers of the validation tests: small frames and lookups into
// reports that fail the test with the whole report when something is missing.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "strata/core/builder.hpp"
#include "strata/validate/validate.hpp"

namespace strata::validate_test {

using Ints = std::vector<std::optional<int64_t>>;
using Floats = std::vector<std::optional<double>>;
using Texts = std::vector<std::optional<std::string>>;

inline Series ints(const std::string& name, const Ints& values) { return Series::from(name, values); }
inline Series floats(const std::string& name, const Floats& values) { return Series::from(name, values); }
inline Series texts(const std::string& name, const Texts& values) { return Series::from(name, values); }
inline Series categories(const std::string& name, const Texts& values) {
  return Series(name, make_categorical(make_string_array(values)));
}
/// Timestamps (microseconds, optional zone) from text such as "2024-01-31T12:00:00".
Series timestamps(const std::string& name, const Texts& values, const std::string& timezone = "");
/// Dates from "YYYY-MM-DD" text.
Series dates(const std::string& name, const Texts& values);

/// The failure of `constraint` on `column`; fails the test (printing the
/// report) and returns an empty failure when it is not in the report.
ConstraintFailure failure_of(const ValidationReport& report, const std::string& column,
                             const std::string& constraint);

/// Rows of the failure's cases.
std::vector<int64_t> case_rows(const ConstraintFailure& failure);
/// Values of the failure's cases.
std::vector<std::string> case_values(const ConstraintFailure& failure);

}  // namespace strata::validate_test
