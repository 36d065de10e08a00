// Running a ValidationPlan over batches. Per batch: the coercions run in
// parallel (one task per coerced column), then every check and every
// column's statistics (one task each). Each task touches only its own
// state, so no locks are needed; batches are consumed in row order, which
// keeps the failure cases in row order and uniqueness exact.
#include "strata/compute/row_context.hpp"
#include "strata/core/error.hpp"
#include "strata/core/thread_pool.hpp"
#include "validate/internal/lossless_cast.hpp"
#include "validate/internal/validation_plan.hpp"

namespace strata::validate_internal {

void ValidationPlan::check_batch_schema(const RecordBatch& batch) const {
  if (!(batch.schema == data_schema_))
    throw InvalidInputError("a batch with schema " + batch.schema.to_string() +
                            " was given to a validation prepared for " + data_schema_.to_string() +
                            "; every batch of a stream must have the same schema");
  if (static_cast<int64_t>(batch.columns.size()) != data_schema_.size())
    throw InvalidInputError("a batch has " + std::to_string(batch.columns.size()) + " columns but its schema has " +
                            std::to_string(data_schema_.size()));
  for (const Array& column : batch.columns)
    if (column.length() != batch.num_rows)
      throw InvalidInputError("a batch of " + std::to_string(batch.num_rows) + " rows has a column of " +
                              std::to_string(column.length()) + " values");
}

RecordBatch ValidationPlan::coerce(const RecordBatch& batch, int64_t first_row) {
  RecordBatch coerced{coerced_schema_, batch.columns, batch.num_rows};
  ThreadPool::global().parallel_for(static_cast<int64_t>(coercions_.size()), [&](int64_t k) {
    const Coercion& coercion = coercions_[static_cast<size_t>(k)];
    const Array& input = batch.columns[static_cast<size_t>(coercion.column)];
    Array& output = coerced.columns[static_cast<size_t>(coercion.column)];
    const compute::RowOffsetScope rows(first_row);
    try {
      LosslessCast cast = cast_losslessly(input, coercion.target);
      coercion.recorder->record(cast.failures, input, first_row);
      output = std::move(cast.values);
    } catch (const Error& error) {
      coercion.recorder->fail(std::string("cannot be cast: ") + error.what());
      output = make_null_array(coercion.target, batch.num_rows);
    }
  });
  return coerced;
}

RecordBatch ValidationPlan::consume(const RecordBatch& batch) {
  if (finished_) throw InvalidInputError("consume() was called after finish(); start a new BatchValidator");
  check_batch_schema(batch);
  const int64_t first_row = rows_;
  const RecordBatch coerced = coerce(batch, first_row);
  const BatchView view{batch, coerced, first_row};

  RecordBatch output{output_schema_, {}, batch.num_rows};
  output.columns.reserve(output_columns_.size());
  for (int64_t index : output_columns_) output.columns.push_back(coerced.columns[static_cast<size_t>(index)]);

  const auto check_count = static_cast<int64_t>(checks_.size());
  const auto task_count = check_count + static_cast<int64_t>(statistics_.size());
  ThreadPool::global().parallel_for(task_count, [&](int64_t task) {
    const compute::RowOffsetScope rows(first_row);
    if (task < check_count) {
      checks_[static_cast<size_t>(task)]->run(view);
    } else {
      const auto column = static_cast<size_t>(task - check_count);
      statistics_[column].consume(output.columns[column]);
    }
  });
  rows_ += batch.num_rows;
  return output;
}

ValidationReport ValidationPlan::finish() {
  if (finished_) throw InvalidInputError("finish() was called twice on one BatchValidator");
  finished_ = true;
  if (min_rows_recorder_ && rows_ < *schema_.min_row_count())
    min_rows_recorder_->fail("found " + std::to_string(rows_) + " rows");
  if (max_rows_recorder_ && rows_ > *schema_.max_row_count())
    max_rows_recorder_->fail("found " + std::to_string(rows_) + " rows");
  ValidationReport report;
  report.schema_name = schema_.name();
  report.rows = rows_;
  for (const FailureRecorder& recorder : recorders_)
    if (recorder.failed()) report.failures.push_back(recorder.failure());
  for (StatisticsAccumulator& statistics : statistics_) report.statistics.push_back(statistics.finish());
  return report;
}

}  // namespace strata::validate_internal
