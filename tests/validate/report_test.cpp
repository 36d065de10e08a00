// The report as a terminal table, as JSON, and inside SchemaValidationError.
#include "validate/validate_test_support.hpp"

namespace strata {
namespace {

using namespace validate_test;

TEST(Report, TerminalTable) {
  const DataFrame frame({floats("amount", {1.0, -5.0, 3.0, -1.5}), texts("email", {"a@b", "a@b", "bob", "c@d"})});
  const auto schema = DataFrameSchema("orders")
                          .column(ColumnSchema::floating("amount").ge(0))
                          .column(ColumnSchema::string("email").matches(".+@.+"))
                          .column(ColumnSchema::integer("id"));
  const std::string expected =
      "schema 'orders': 3 constraints failed on 4 rows\n"
      "column  constraint        failing rows  first failures (row: value)\n"
      "------  ----------------  ------------  ---------------------------\n"
      "id      required                     -  the column is missing\n"
      "amount  ge(0)                        2  1: -5.0, 3: -1.5\n"
      "email   matches('.+@.+')             1  2: \"bob\"\n";
  EXPECT_EQ(validate(frame, schema).to_string(), expected);
}

TEST(Report, UnicodeCellsAlignByCodePoints) {
  const DataFrame frame({texts("städte", {"Zürich", "東京"})});
  const auto schema = DataFrameSchema().column(ColumnSchema::string("städte").isin({"Bern"}));
  const std::string text = validate(frame, schema).to_string();
  EXPECT_NE(text.find("städte  isin(['Bern'])             2  0: \"Zürich\", 1: \"東京\"\n"), std::string::npos) << text;
}

TEST(Report, LongValuesAreShortenedAndMoreCasesMarked) {
  const std::string long_value(60, 'x');
  const DataFrame frame({texts("s", {long_value, "y", "y"})});
  ValidationOptions options;
  options.max_failure_cases = 1;
  const auto schema = DataFrameSchema().column(ColumnSchema::string("s").max_length(0));
  const std::string text = validate(frame, schema, options).to_string();
  EXPECT_NE(text.find("0: \"" + std::string(38, 'x') + "…, …\n"), std::string::npos) << text;
  // JSON keeps whole values.
  const auto json = validate(frame, schema, options).to_json();
  EXPECT_EQ(json["failures"][0]["cases"][0]["value"], "\"" + long_value + "\"");
}

TEST(Report, PassedLine) {
  const DataFrame frame({ints("x", {1})});
  EXPECT_EQ(validate(frame, DataFrameSchema("s")).to_string(), "schema 's': passed on 1 row\n");
}

TEST(Report, ControlCharactersAreEscaped) {
  const DataFrame frame({texts("s", {"a\nb\t\"c\""})});
  const auto schema = DataFrameSchema().column(ColumnSchema::string("s").matches("[a-z]+"));
  EXPECT_EQ(case_values(failure_of(validate(frame, schema), "s", "matches('[a-z]+')")),
            (std::vector<std::string>{"\"a\\nb\\t\\\"c\\\"\""}));
}

TEST(Report, Json) {
  const DataFrame frame({ints("x", {1, -1})});
  const auto json = validate(frame, DataFrameSchema("t").column(ColumnSchema::integer("x").ge(0))).to_json();
  EXPECT_EQ(json["schema"], "t");
  EXPECT_EQ(json["rows"], 2);
  EXPECT_EQ(json["passed"], false);
  EXPECT_EQ(json["failures"][0]["column"], "x");
  EXPECT_EQ(json["failures"][0]["constraint"], "ge(0)");
  EXPECT_EQ(json["failures"][0]["failing_rows"], 1);
  EXPECT_EQ(json["failures"][0]["cases"][0]["row"], 1);
  EXPECT_EQ(json["failures"][0]["cases"][0]["value"], "-1");
  EXPECT_EQ(json["statistics"]["x"]["min"], -1);
}

TEST(Report, RequireValidThrowsSchemaValidationError) {
  const DataFrame frame({ints("x", {1, -1})});
  const auto schema = DataFrameSchema("t").column(ColumnSchema::integer("x").ge(0));
  try {
    require_valid(frame, schema);
    FAIL() << "expected SchemaValidationError";
  } catch (const SchemaValidationError& error) {
    EXPECT_EQ(error.kind(), ErrorKind::Schema);
    EXPECT_EQ(error.report().failures.size(), 1u);
    const std::string message = error.what();
    EXPECT_EQ(message.rfind("data frame does not match schema 't'\nschema 't': 1 constraint failed on 2 rows\n", 0), 0u)
        << message;
    EXPECT_NE(message.find("1: -1"), std::string::npos) << message;
  }
  const SchemaError& as_base = SchemaValidationError(ValidationReport{});
  EXPECT_NE(std::string(as_base.what()).find("passed"), std::string::npos);
}

}  // namespace
}  // namespace strata
