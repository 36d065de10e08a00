#pragma once
// Declaring a validation-layer DataFrameSchema on an asset:
//
//   defs.asset("events", load_events).schema(DataFrameSchema("events")
//       .column(ColumnSchema::integer("event_id").unique())
//       .column(ColumnSchema::floating("amount").ge(0).nullable()));
//
// The output is validated before it is stored. When a constraint fails the
// step fails without retrying, the report is recorded on the ASSET_CHECK
// event and nothing is stored, so the previous version stays. Either way the
// hook's metadata is "validation" (ValidationReport::to_json without the
// statistics) and "column_statistics" (count, nulls, min, max, mean,
// distinct estimate per column, computed in the same pass); when the check
// passes it is recorded with the materialization. A schema that coerces
// or drops undeclared columns stores the converted frame.
#include <memory>

#include "strata/orchestrate/schema_hook.hpp"
#include "strata/validate/batch_validator.hpp"
#include "strata/validate/dataframe_schema.hpp"

namespace strata {

/// A hook validating DataFrame outputs against `schema`. Statistics are
/// always computed (they become metadata); the other options apply.
std::shared_ptr<SchemaHook> validation_schema_hook(DataFrameSchema schema, ValidationOptions options = {});

}  // namespace strata
