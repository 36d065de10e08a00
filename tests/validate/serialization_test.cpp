// Schemas to and from JSON and YAML, files, and the errors of bad documents.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "validate/validate_test_support.hpp"

namespace strata {
namespace {

using namespace validate_test;

DataFrameSchema full_schema(const CheckRegistry& registry) {
  return DataFrameSchema("orders")
      .description("one row per order")
      .column(ColumnSchema::integer("order_id").unique().ge(1))
      .column(ColumnSchema::floating("amount").nullable().between(0, 1e6, true, false))
      .column(ColumnSchema::string("email").matches(R"([^@\s]+@[^@\s]+)").length_between(3, 254))
      .column(ColumnSchema::categorical("status", {"new", "paid", "shipped"}))
      .column(ColumnSchema::datetime("created", TimeUnit::Micro, "UTC").ge("2020-01-01").lt("2030-01-01"))
      .column(ColumnSchema::datetime("shipped").nullable().optional().check(registry.get("shipped_after_created")))
      .column(ColumnSchema::of_type("code", DataType::int32()).coerce(false).description("branch code"))
      .column(ColumnSchema::string("flag").isin({"true", "12", "null", ""}))
      .unique({"order_id", "email"})
      .check(registry.get("positive_total"))
      .extra_columns(ExtraColumns::Drop)
      .ordered()
      .coerce()
      .rows_between(1, 10'000'000);
}

// The registry the test schemas refer to (an own one, not the global).
const CheckRegistry& test_registry() {
  static CheckRegistry registry;
  static const bool filled = [] {
    registry.add(CustomCheck("shipped_after_created", col("shipped") >= col("created")));
    registry.add(CustomCheck("positive_total", col("amount") > 0));
    return true;
  }();
  EXPECT_TRUE(filled);
  return registry;
}

TEST(Serialization, YamlLooksLikeTheDocumentedFormat) {
  const std::string yaml = schema_to_yaml(DataFrameSchema("t")
                                              .column(ColumnSchema::integer("id").unique().ge(0))
                                              .column(ColumnSchema::datetime("at", TimeUnit::Micro, "UTC").nullable())
                                              .unique({"id", "at"})
                                              .strict());
  EXPECT_EQ(yaml,
            "name: t\n"
            "extra_columns: reject\n"
            "unique:\n"
            "  - [id, at]\n"
            "columns:\n"
            "  - name: id\n"
            "    type: integer\n"
            "    unique: true\n"
            "    ge: 0\n"
            "  - name: at\n"
            "    type: datetime\n"
            "    unit: us\n"
            "    timezone: UTC\n"
            "    nullable: true\n");
}

TEST(Serialization, RoundTripsThroughJsonAndYaml) {
  const CheckRegistry& registry = test_registry();
  const DataFrameSchema schema = full_schema(registry);
  const auto json = schema_to_json(schema);
  EXPECT_EQ(schema_to_json(schema_from_json(json, registry)), json);
  EXPECT_EQ(schema_to_json(schema_from_yaml(schema_to_yaml(schema), registry)), json);
  EXPECT_EQ(json["columns"][7]["isin"], (nlohmann::ordered_json{"true", "12", "null", ""}));
  EXPECT_EQ(schema_from_yaml(schema_to_yaml(schema), registry).summary(), schema.summary());
}

TEST(Serialization, LoadedSchemaValidatesLikeTheOriginal) {
  const CheckRegistry& registry = test_registry();
  const std::string yaml = R"(
name: events
coerce: true
checks: [positive_total]
columns:
  - name: amount
    type: float
    le: 100
  - name: created
    type: datetime
    ge: "2024-01-01"
)";
  const DataFrameSchema schema = schema_from_yaml(yaml, registry);
  const DataFrame frame({texts("amount", {"5", "-1", "500"}), timestamps("created", {"2024-02-01", "2023-01-01", "2024-03-01"})});
  const ValidationReport report = validate(frame, schema);
  EXPECT_EQ(case_rows(failure_of(report, "amount", "le(100)")), (std::vector<int64_t>{2}));
  EXPECT_EQ(case_rows(failure_of(report, "created", "ge('2024-01-01')")), (std::vector<int64_t>{1}));
  EXPECT_EQ(case_values(failure_of(report, "", "check(positive_total)")), (std::vector<std::string>{"amount=-1.0"}));
}

TEST(Serialization, FilesInBothFormats) {
  const CheckRegistry& registry = test_registry();
  const DataFrameSchema schema = full_schema(registry);
  const auto directory = std::filesystem::temp_directory_path() / ("strata_schema_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  for (const char* name : {"orders.yaml", "orders.json"}) {
    const std::string path = (directory / name).string();
    save_schema(schema, path);
    EXPECT_EQ(schema_to_json(load_schema(path, registry)), schema_to_json(schema)) << name;
  }
  std::ifstream json_file(directory / "orders.json");
  std::string first_line;
  std::getline(json_file, first_line);
  EXPECT_EQ(first_line, "{");
  std::filesystem::remove_all(directory);
  EXPECT_THROW(load_schema((directory / "missing.yaml").string(), registry), IOError);
}

std::string error_of(const std::string& yaml, const CheckRegistry& registry) {
  try {
    schema_from_yaml(yaml, registry);
  } catch (const InvalidInputError& error) {
    return error.what();
  }
  return "no error";
}

TEST(Serialization, ErrorsNameTheKeyPath) {
  const CheckRegistry& registry = test_registry();
  EXPECT_EQ(error_of("columns:\n  - name: a\n    type: integer\n    gee: 1\n", registry),
            "schema document, columns[0]: unknown key 'gee' (did you mean 'ge'?); the keys here are name, type, "
            "dtype, unit, timezone, required, nullable, unique, coerce, description, ge, gt, le, lt, isin, matches, "
            "min_length, max_length, checks");
  EXPECT_EQ(error_of("columns:\n  - name: a\n    type: int\n", registry).substr(0, 63),
            "schema document, columns[0].type: unknown type family 'int'; ex");
  EXPECT_EQ(error_of("columns:\n  - {name: a, type: string, matches: '(x'}\n", registry).substr(0, 85),
            "schema document, columns[0].matches: invalid regular expression '(x' for column 'a': ");
  EXPECT_EQ(error_of("columns:\n  - {name: a, type: integer, ge: abc}\n", registry),
            "schema document, columns[0].ge: the lower bound 'abc' of column 'a' is not a value of type integer");
  EXPECT_EQ(error_of("columns:\n  - {name: a, type: integer, nullable: yes}\n", registry),
            "schema document, columns[0].nullable: expected true or false, found \"yes\"");
  EXPECT_NE(error_of("checks: [no_such_check]\n", registry).find("checks[0]: no custom check named 'no_such_check'"),
            std::string::npos);
  EXPECT_EQ(error_of("columns:\n  - {name: a, dtype: i32, type: integer}\n", registry),
            "schema document, columns[0]: give either type (a family) or dtype (an exact type), not both");
  EXPECT_EQ(error_of("columns:\n  - {name: a, type: integer, unit: ms}\n", registry),
            "schema document, columns[0]: unit and timezone apply to type: datetime only");
  EXPECT_EQ(error_of("extra_columns: maybe\n", registry),
            "schema document, extra_columns: unknown mode 'maybe'; expected allow, reject or drop");
  EXPECT_NE(error_of("columns: [\n", registry).find("schema YAML is not valid: line"), std::string::npos);
  EXPECT_EQ(error_of("- a\n", registry), "schema document, top level: expected a mapping, found array");
}

TEST(Serialization, ExactTypesAndDefaultFamily) {
  const DataFrameSchema schema = schema_from_yaml(
      "columns:\n  - {name: a, dtype: 'datetime[ms, UTC]'}\n  - {name: b}\n", CheckRegistry());
  EXPECT_EQ(schema.columns()[0].type(), TypeRequirement::exactly(DataType::timestamp(TimeUnit::Milli, "UTC")));
  EXPECT_EQ(schema.columns()[1].type().family(), TypeFamily::Any);
}

}  // namespace
}  // namespace strata
