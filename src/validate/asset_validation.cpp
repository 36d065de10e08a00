#include "strata/validate/asset_validation.hpp"

#include "strata/validate/validate.hpp"

namespace strata {

AssetValidation validate_asset_output(const DataFrame& frame, const DataFrameSchema& schema,
                                      const ValidationOptions& options) {
  ValidationOptions with_statistics = options;
  with_statistics.statistics = true;
  AssetValidation result{validate(frame, schema, with_statistics), nlohmann::json::object()};
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
