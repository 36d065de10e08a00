#pragma once
// The validation an asset's output goes through before it is stored: the
// function the orchestration layer's schema hook calls. One pass computes
// the report and the column statistics; the metadata it returns is JSON
// ready to be recorded with the materialization event.
#include <string>

#include <nlohmann/json.hpp>

#include "strata/frame/dataframe.hpp"
#include "strata/validate/batch_validator.hpp"

namespace strata {

struct AssetValidation {
  ValidationReport report;
  /// The data to store: cast to the declared types when the schema coerces,
  /// without undeclared columns under ExtraColumns::Drop, else the input.
  DataFrame frame;
  /// {"validation": {"schema", "rows", "passed", "failures": [...]},
  ///  "column_statistics": {column: {...}}}: entries to merge into the
  /// materialization's metadata (see ValidationReport::to_json).
  nlohmann::json metadata;
};

/// Validates `frame` against `schema` with statistics on.
AssetValidation validate_asset_output(const DataFrame& frame, const DataFrameSchema& schema,
                                      const ValidationOptions& options = {});

/// Throws SchemaValidationError naming the asset ("asset 'orders' does not
/// match schema 'orders'") when the validation failed; returns otherwise.
void throw_if_invalid(const AssetValidation& validation, const std::string& asset_name);

}  // namespace strata
