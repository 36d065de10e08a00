#pragma once
// A DataFrameSchema: the columns a table must have (ColumnSchema) and the
// constraints on the table as a whole, built fluently:
//
//   DataFrameSchema("orders")
//       .column(ColumnSchema::integer("order_id").unique())
//       .column(ColumnSchema::floating("amount").ge(0))
//       .column(ColumnSchema::datetime("created"))
//       .column(ColumnSchema::datetime("shipped").nullable())
//       .unique({"customer_id", "order_id"})
//       .check("shipped_after_created", col("shipped") >= col("created"))
//       .rows_between(1, 10'000'000)
//       .strict()
//       .coerce();
//
// Validate with validate() / require_valid() (validate.hpp); save and load
// with schema_serialization.hpp.
#include <optional>
#include <string>
#include <vector>

#include "strata/validate/column_schema.hpp"
#include "strata/validate/custom_check.hpp"

namespace strata {

/// What happens to data columns the schema does not declare.
enum class ExtraColumns {
  Allow,   // kept and not checked (the default)
  Reject,  // each one is a failure ("strict")
  Drop,    // removed from the validated output
};

/// "allow", "reject", "drop".
const char* extra_columns_name(ExtraColumns mode);

class DataFrameSchema {
 public:
  explicit DataFrameSchema(std::string name = "");

  /// Adds a column; SchemaError when the name is already declared.
  DataFrameSchema& column(ColumnSchema column);
  DataFrameSchema& description(std::string text);

  /// strict(): undeclared columns are failures; strict(false): allowed.
  DataFrameSchema& strict(bool reject_extra_columns = true);
  DataFrameSchema& extra_columns(ExtraColumns mode);
  /// The declared columns that are present must appear in declared order
  /// (other columns may sit between them).
  DataFrameSchema& ordered(bool in_declared_order = true);
  /// Cast columns to their declared types before checking. A cast must be
  /// lossless: text that does not parse, a float with a fraction cast to an
  /// integer, a value out of the target's range or a datetime with a time
  /// cast to a date is a failure of the column's type constraint, reported
  /// with the rows. Without coercion a column of another type is a failure
  /// and its value constraints are skipped.
  DataFrameSchema& coerce(bool cast_to_types = true);

  /// The number of rows must lie in [min, max] (inclusive).
  DataFrameSchema& min_rows(int64_t rows);
  DataFrameSchema& max_rows(int64_t rows);
  DataFrameSchema& rows_between(int64_t min, int64_t max) { return min_rows(min).max_rows(max); }
  /// No two rows have equal values in all of `columns` (rows with a null in
  /// any of them never collide, as in SQL). InvalidInputError when empty.
  DataFrameSchema& unique(std::vector<std::string> columns);
  /// A row-level constraint over several columns (see CustomCheck).
  DataFrameSchema& check(CustomCheck check);
  DataFrameSchema& check(std::string name, Expr expression, std::string description = "") {
    return check(CustomCheck(std::move(name), std::move(expression), std::move(description)));
  }

  const std::string& name() const { return name_; }
  const std::string& description_text() const { return description_; }
  const std::vector<ColumnSchema>& columns() const { return columns_; }
  /// The declared column named `name`, or nullptr.
  const ColumnSchema* find_column(const std::string& name) const;
  ExtraColumns extra_columns_mode() const { return extra_columns_; }
  bool is_ordered() const { return ordered_; }
  bool coerces() const { return coerce_; }
  const std::optional<int64_t>& min_row_count() const { return min_rows_; }
  const std::optional<int64_t>& max_row_count() const { return max_rows_; }
  const std::vector<std::vector<std::string>>& unique_combinations() const { return unique_; }
  const std::vector<CustomCheck>& checks() const { return checks_; }

  /// One line for listings: "orders {order_id: integer unique, amount: float >= 0, ...}".
  std::string summary() const;

 private:
  std::string name_;
  std::string description_;
  std::vector<ColumnSchema> columns_;
  ExtraColumns extra_columns_ = ExtraColumns::Allow;
  bool ordered_ = false;
  bool coerce_ = false;
  std::optional<int64_t> min_rows_;
  std::optional<int64_t> max_rows_;
  std::vector<std::vector<std::string>> unique_;
  std::vector<CustomCheck> checks_;
};

}  // namespace strata
