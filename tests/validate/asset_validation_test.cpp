// The entry point of the orchestration layer's schema hook.
#include "strata/validate/asset_validation.hpp"
#include "validate/validate_test_support.hpp"

namespace strata {
namespace {

using namespace validate_test;

TEST(AssetValidation, MetadataHoldsReportAndStatistics) {
  const DataFrame frame({ints("id", {1, 2, 2}), texts("name", {"a", "b", "c"})});
  const auto schema = DataFrameSchema("users").column(ColumnSchema::integer("id").unique());
  ValidationOptions options;
  options.statistics = false;  // asset validation always computes them
  const AssetValidation validation = validate_asset_output(frame, schema, options);
  EXPECT_FALSE(validation.report.passed());
  EXPECT_EQ(validation.metadata["validation"]["passed"], false);
  EXPECT_EQ(validation.metadata["validation"]["failures"][0]["constraint"], "unique");
  EXPECT_FALSE(validation.metadata["validation"].contains("statistics"));
  EXPECT_EQ(validation.metadata["column_statistics"]["id"]["distinct_estimate"], 2);
  EXPECT_EQ(validation.metadata["column_statistics"]["name"]["max"], "c");
}

TEST(AssetValidation, ThrowIfInvalidNamesTheAsset) {
  const DataFrame frame({ints("id", {1, 1})});
  const auto schema = DataFrameSchema("users").column(ColumnSchema::integer("id").unique());
  const AssetValidation validation = validate_asset_output(frame, schema);
  try {
    throw_if_invalid(validation, "warehouse/users");
    FAIL() << "expected SchemaValidationError";
  } catch (const SchemaValidationError& error) {
    EXPECT_EQ(std::string(error.what()).rfind("asset 'warehouse/users' does not match schema 'users'\n", 0), 0u)
        << error.what();
  }
  EXPECT_NO_THROW(throw_if_invalid(validate_asset_output(DataFrame({ints("id", {1})}), schema), "users"));
}

}  // namespace
}  // namespace strata
