#pragma once
// The result of validating data against a DataFrameSchema: every failed
// constraint with how many rows broke it and the first offending rows, plus
// the column statistics gathered in the same pass.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "strata/core/error.hpp"
#include "strata/validate/column_statistics.hpp"

namespace strata {

/// One offending row: its index in the validated data (counting from 0
/// across all batches) and its value as displayed ("null" for nulls; for
/// constraints over several columns "a=1, b=x").
struct FailureCase {
  int64_t row = 0;
  std::string value;
  bool operator==(const FailureCase& other) const = default;
};

struct ConstraintFailure {
  /// The column, "" for constraints on the whole table, "a, b" for
  /// uniqueness over several columns.
  std::string column;
  /// The constraint as written in schema files: "ge(0)", "nullable=false",
  /// "matches('^[A-Z]+$')", "type(integer)", "check(end_after_start)", ...
  std::string constraint;
  /// Rows that broke it (0 for structural failures such as a missing column).
  int64_t failing_rows = 0;
  /// The first failing rows in row order (at most ValidationOptions::max_failure_cases).
  std::vector<FailureCase> cases;
  /// What was found, for structural failures ("column is missing", "found
  /// str"), or why a check could not run.
  std::string detail;
};

class ValidationReport {
 public:
  std::string schema_name;
  int64_t rows = 0;  // rows validated
  std::vector<ConstraintFailure> failures;
  std::vector<ColumnStatistics> statistics;  // one per data column, when computed

  bool passed() const { return failures.empty(); }
  /// The failures of one column ("" for table constraints), in report order.
  std::vector<const ConstraintFailure*> failures_of(const std::string& column) const;
  /// The failure of `constraint` on `column`, or nullptr.
  const ConstraintFailure* find(const std::string& column, const std::string& constraint) const;

  /// A compact table for terminals, one line per failure:
  ///
  ///   schema 'orders': 2 of its constraints failed on 1000 rows
  ///   column  constraint      failing rows  first failures (row: value)
  ///   ------  --------------  ------------  ---------------------------
  ///   amount  ge(0)                      2  3: -5.0, 17: -1.5
  ///   email   matches('.+@.+')           1  9: "bob"
  ///
  /// Columns are aligned by display width (code points), values longer
  /// than 40 characters are shortened. "passed" line when nothing failed.
  std::string to_string() const;
  /// {"schema", "rows", "passed", "failures": [{"column", "constraint",
  /// "failing_rows", "cases": [{"row", "value"}...], "detail"}...],
  /// "statistics": {column: ColumnStatistics::to_json()...}}.
  nlohmann::json to_json() const;
};

/// Thrown by require_valid when data fails its schema. what() is the
/// report's table, after a first line naming what was validated.
class SchemaValidationError : public SchemaError {
 public:
  /// `subject` names the data in the first line, e.g. "asset 'orders'".
  explicit SchemaValidationError(ValidationReport report, const std::string& subject = "data frame");
  const ValidationReport& report() const { return *report_; }

 private:
  std::shared_ptr<const ValidationReport> report_;  // shared: exceptions are copied
};

}  // namespace strata
