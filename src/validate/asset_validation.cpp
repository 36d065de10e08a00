#include "strata/validate/asset_validation.hpp"

#include "strata/validate/validate.hpp"

namespace strata {

AssetValidation validate_asset_output(const DataFrame& frame, const DataFrameSchema& schema,
                                      const ValidationOptions& options) {
  ValidationOptions with_statistics = options;
  with_statistics.statistics = true;
  const bool converts = schema.coerces() || schema.extra_columns_mode() == ExtraColumns::Drop;
  AssetValidation result;
  if (converts) {
    ValidatedFrame validated = validate_and_coerce(frame, schema, with_statistics);
    result.report = std::move(validated.report);
    result.frame = std::move(validated.frame);
  } else {
    result.report = validate(frame, schema, with_statistics);
    result.frame = frame;  // shares the columns
  }
  result.metadata = nlohmann::json::object();
  nlohmann::json report = result.report.to_json();
  result.metadata["column_statistics"] = std::move(report["statistics"]);
  report.erase("statistics");
  result.metadata["validation"] = std::move(report);
  return result;
}

void throw_if_invalid(const AssetValidation& validation, const std::string& asset_name) {
  if (!validation.report.passed()) throw SchemaValidationError(validation.report, "asset '" + asset_name + "'");
}

}  // namespace strata
