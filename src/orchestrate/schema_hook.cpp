#include "strata/orchestrate/schema_hook.hpp"

#include "strata/core/error.hpp"

namespace strata {

namespace {

class ExpectSchemaHook final : public SchemaHook {
 public:
  ExpectSchemaHook(Schema schema, ExpectSchemaOptions options) : schema_(std::move(schema)), options_(options) {}

  std::string describe() const override { return schema_.to_string(); }

  void check(const AssetKey& key, Value& value, Metadata& metadata) const override {
    if (!value.is_frame())
      throw SchemaError("asset '" + key.to_string() + "' declares a schema " + schema_.to_string() +
                        " but produced a " + value_kind_name(value.kind()) + " value");
    const DataFrame& frame = value.frame();
    const std::vector<std::string> actual = frame.column_names();
    std::vector<std::string> problems;
    int64_t previous_index = -1;
    for (const Field& field : schema_.fields()) {
      if (!frame.has_column(field.name)) {
        std::string hint = closest_name(field.name, actual);
        problems.push_back("missing column '" + field.name + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
        continue;
      }
      const Series& column = frame.column(field.name);
      if (column.type() != field.type)
        problems.push_back("column '" + field.name + "' has type " + column.type().to_string() + ", expected " +
                           field.type.to_string());
      if (options_.check_nullability && !field.nullable && column.null_count() > 0)
        problems.push_back("column '" + field.name + "' has " + std::to_string(column.null_count()) +
                           " nulls but is declared non-nullable");
      if (options_.check_order) {
        int64_t index = 0;
        while (actual[static_cast<size_t>(index)] != field.name) ++index;
        if (index < previous_index) problems.push_back("column '" + field.name + "' is out of the declared order");
        previous_index = index;
      }
    }
    if (!options_.allow_extra_columns) {
      for (const std::string& name : actual)
        if (!schema_.index_of(name)) problems.push_back("unexpected column '" + name + "'");
    }
    metadata["schema_check"] = problems.empty() ? "passed" : "failed";
    if (problems.empty()) return;
    std::string message = "asset '" + key.to_string() + "' does not match its declared schema " +
                          schema_.to_string() + ": ";
    for (size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + problems[i];
    message += ". Fix the asset's output or update its declared schema";
    throw SchemaError(message);
  }

 private:
  Schema schema_;
  ExpectSchemaOptions options_;
};

}  // namespace

std::shared_ptr<SchemaHook> expect_schema(Schema schema, ExpectSchemaOptions options) {
  return std::make_shared<ExpectSchemaHook>(std::move(schema), options);
}

}  // namespace strata
