#include "strata/validate/validate.hpp"

namespace strata {

ValidationReport validate(RecordBatchSource& source, const DataFrameSchema& schema, const ValidationOptions& options) {
  BatchValidator validator(schema, source.schema(), options);
  while (auto batch = source.next()) validator.consume(*batch);
  return validator.finish();
}

ValidationReport validate(const DataFrame& frame, const DataFrameSchema& schema, const ValidationOptions& options) {
  TableBatchSource source(frame.to_table(), options.batch_rows);
  return validate(source, schema, options);
}

ValidatedFrame validate_and_coerce(const DataFrame& frame, const DataFrameSchema& schema,
                                   const ValidationOptions& options) {
  TableBatchSource source(frame.to_table(), options.batch_rows);
  BatchValidator validator(schema, source.schema(), options);
  std::vector<RecordBatch> batches;
  while (auto batch = source.next()) batches.push_back(validator.consume(*batch));
  const Table table = Table::from_batches(validator.output_schema(), batches);
  ValidationReport report = validator.finish();
  return {DataFrame(table), std::move(report)};
}

DataFrame require_valid(const DataFrame& frame, const DataFrameSchema& schema, const ValidationOptions& options) {
  ValidatedFrame validated = validate_and_coerce(frame, schema, options);
  if (!validated.report.passed()) throw SchemaValidationError(std::move(validated.report));
  return std::move(validated.frame);
}

}  // namespace strata
