#pragma once
// Validating data against a DataFrameSchema. Everything a user of the
// validation layer needs, in one include.
//
//   ValidationReport report = validate(frame, schema);
//   if (!report.passed()) std::cerr << report.to_string();
//   DataFrame clean = require_valid(frame, schema);  // throws SchemaValidationError
#include "strata/frame/dataframe.hpp"
#include "strata/validate/batch_source.hpp"
#include "strata/validate/batch_validator.hpp"
#include "strata/validate/column_schema.hpp"
#include "strata/validate/dataframe_schema.hpp"
#include "strata/validate/schema_serialization.hpp"
#include "strata/validate/validation_report.hpp"

namespace strata {

/// Checks every constraint of `schema` on `frame` (batch by batch) and
/// returns the report with column statistics. Never throws for data that
/// fails; see BatchValidator for the errors it does throw.
ValidationReport validate(const DataFrame& frame, const DataFrameSchema& schema, const ValidationOptions& options = {});

/// Same, over a stream of batches.
ValidationReport validate(RecordBatchSource& source, const DataFrameSchema& schema,
                          const ValidationOptions& options = {});

/// The validated data (coerced to the declared types, undeclared columns
/// dropped when the schema says so) with its report.
struct ValidatedFrame {
  DataFrame frame;
  ValidationReport report;
};
ValidatedFrame validate_and_coerce(const DataFrame& frame, const DataFrameSchema& schema,
                                   const ValidationOptions& options = {});

/// The validated (coerced) frame; throws SchemaValidationError with the
/// report when any constraint fails.
DataFrame require_valid(const DataFrame& frame, const DataFrameSchema& schema, const ValidationOptions& options = {});

}  // namespace strata
