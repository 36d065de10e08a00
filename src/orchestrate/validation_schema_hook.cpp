#include "strata/orchestrate/validation_schema_hook.hpp"

#include "strata/core/error.hpp"
#include "strata/validate/asset_validation.hpp"

namespace strata {

namespace {

class ValidationSchemaHook final : public SchemaHook {
 public:
  ValidationSchemaHook(DataFrameSchema schema, ValidationOptions options)
      : schema_(std::move(schema)), options_(options) {}

  std::string describe() const override { return schema_.summary(); }

  void check(const AssetKey& key, Value& value, Metadata& metadata) const override {
    if (!value.is_frame())
      throw SchemaError("asset '" + key.to_string() + "' declares the schema '" + schema_.name() +
                        "' but produced a " + value_kind_name(value.kind()) + " value; return a DataFrame");
    AssetValidation validation = validate_asset_output(value.frame(), schema_, options_);
    // On failure too: the statistics of the rejected data help to find the cause.
    metadata.update(validation.metadata);
    throw_if_invalid(validation, key.to_string());
    value = std::move(validation.frame);
  }

 private:
  DataFrameSchema schema_;
  ValidationOptions options_;
};

}  // namespace

std::shared_ptr<SchemaHook> validation_schema_hook(DataFrameSchema schema, ValidationOptions options) {
  return std::make_shared<ValidationSchemaHook>(std::move(schema), options);
}

}  // namespace strata
