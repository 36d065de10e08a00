#pragma once
// Streaming validation: a BatchValidator checks batches as they arrive and
// keeps only per-constraint state (counts, the first failing rows, the hash
// tables of uniqueness constraints, statistics sketches), so the data never
// has to be in memory at once.
//
// Within a batch the constraints and statistics run in parallel on the
// shared thread pool; batches are consumed in row order.
#include <cstdint>
#include <memory>

#include "strata/core/table.hpp"
#include "strata/validate/dataframe_schema.hpp"
#include "strata/validate/validation_report.hpp"

namespace strata {

struct ValidationOptions {
  /// Failing rows kept per constraint (the first ones in row order).
  int64_t max_failure_cases = 5;
  /// Compute ColumnStatistics for every output column.
  bool statistics = true;
  /// Rows per batch when validating a DataFrame or Table.
  int64_t batch_rows = 1 << 17;
};

namespace validate_internal {
class ValidationPlan;
}

class BatchValidator {
 public:
  /// Prepares the validation of data with `data_schema` against `schema`.
  /// Problems of the data's structure (missing or extra columns, wrong
  /// types, a constraint that cannot apply to a column's actual type) are
  /// known here already and go into the report: bad data never throws.
  BatchValidator(const DataFrameSchema& schema, const Schema& data_schema, const ValidationOptions& options = {});
  ~BatchValidator();
  BatchValidator(BatchValidator&&) noexcept;
  BatchValidator& operator=(BatchValidator&&) noexcept;

  /// The schema of the batches consume() returns: declared columns cast to
  /// their declared types when coercing, undeclared columns dropped under
  /// ExtraColumns::Drop.
  const Schema& output_schema() const;

  /// Checks the next batch (its rows follow the previous batches') and
  /// returns it in output_schema(). InvalidInputError when the batch's
  /// schema is not the data schema given at construction. Not thread-safe.
  RecordBatch consume(const RecordBatch& batch);

  /// Row-count constraints, then the report. The validator is spent.
  ValidationReport finish();

 private:
  std::unique_ptr<validate_internal::ValidationPlan> plan_;
};

}  // namespace strata
