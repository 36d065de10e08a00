#pragma once
// A DataFrameSchema bound to the schema of actual data: which columns are
// cast to which types, which checks run on which batch columns, and the
// failure recorders in report order. Built once per validation; the data's
// structural problems (missing, extra, mistyped columns) are found here.
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "strata/validate/batch_validator.hpp"
#include "validate/internal/batch_checks.hpp"
#include "validate/internal/failure_recorder.hpp"
#include "validate/internal/statistics_accumulator.hpp"

namespace strata::validate_internal {

class ValidationPlan {
 public:
  ValidationPlan(DataFrameSchema schema, Schema data_schema, ValidationOptions options);

  const Schema& output_schema() const { return output_schema_; }
  /// See BatchValidator::consume.
  RecordBatch consume(const RecordBatch& batch);
  /// See BatchValidator::finish.
  ValidationReport finish();

 private:
  // How a declared column that is present in the data is treated.
  struct ColumnBinding {
    const ColumnSchema* declared;
    int64_t index;                     // in the data
    std::optional<DataType> cast_to;   // set when the column is coerced
    bool usable = true;                // its (coerced) type meets the declaration
    std::string type_problem;          // why not, for the report
  };
  struct Coercion {
    int64_t column;
    DataType target;
    FailureRecorder* recorder;
  };

  FailureRecorder& add_recorder(std::string column, std::string constraint);
  void bind_structure();
  ColumnBinding bind_type(const ColumnSchema& declared, int64_t index);
  void bind_column(const ColumnBinding& binding);
  void bind_value_constraints(const ColumnBinding& binding);
  void bind_custom_check(const CustomCheck& check, const std::string& owner_column);
  void bind_table_constraints();
  void bind_outputs();
  void check_batch_schema(const RecordBatch& batch) const;
  RecordBatch coerce(const RecordBatch& batch, int64_t first_row);

  DataFrameSchema schema_;
  Schema data_schema_;
  ValidationOptions options_;
  std::vector<ColumnBinding> bindings_;
  std::vector<bool> usable_;  // per data column: declared columns of the wrong type are not
  Schema coerced_schema_;     // every data column, declared ones in their coerced types
  std::vector<int64_t> output_columns_;
  Schema output_schema_;
  std::deque<FailureRecorder> recorders_;  // in report order; addresses stay valid
  std::vector<Coercion> coercions_;
  std::vector<std::unique_ptr<BatchCheck>> checks_;
  std::vector<StatisticsAccumulator> statistics_;  // one per output column
  FailureRecorder* min_rows_recorder_ = nullptr;
  FailureRecorder* max_rows_recorder_ = nullptr;
  int64_t rows_ = 0;
  bool finished_ = false;
};

}  // namespace strata::validate_internal
