// Every kind of constraint over nulls, empty frames and non-ASCII text: the
// cases where validators most often disagree or crash.
#include "validate/validate_test_support.hpp"

namespace strata {
namespace {

using namespace validate_test;

TEST(NullsEverywhere, StringConstraintsSkipNullsAndOnlyNullabilityFails) {
  const Texts values = {"ab", std::nullopt, "cd", std::nullopt};
  const DataFrame frame({texts("nullable", values), texts("required", values)});
  const auto constraints = [](ColumnSchema column) {
    return column.unique().matches("[a-z]+").length_between(2, 2).isin({"ab", "cd"});
  };
  const auto schema = DataFrameSchema()
                          .column(constraints(ColumnSchema::string("nullable").nullable()))
                          .column(constraints(ColumnSchema::string("required")));
  const ValidationReport report = validate(frame, schema);
  ASSERT_EQ(report.failures.size(), 1u) << report.to_string();
  EXPECT_EQ(case_rows(failure_of(report, "required", "nullable=false")), (std::vector<int64_t>{1, 3}));
}

TEST(NullsEverywhere, DatetimeDateCategoricalAndBooleanSkipNulls) {
  const DataFrame frame({timestamps("ts", {std::nullopt, "2024-01-01T00:00:00"}),
                         dates("day", {"2024-01-01", std::nullopt}),
                         categories("c", {std::nullopt, "new"}),
                         Series::from("flag", std::vector<std::optional<bool>>{std::nullopt, true})});
  const auto schema = DataFrameSchema()
                          .column(ColumnSchema::datetime("ts").nullable().ge("2023-01-01").isin({"2024-01-01"}))
                          .column(ColumnSchema::date("day").nullable().le("2024-12-31").unique())
                          .column(ColumnSchema::categorical("c", {"new"}).nullable().matches("n.*"))
                          .column(ColumnSchema::boolean("flag").nullable().isin({true}));
  const ValidationReport report = validate(frame, schema);
  EXPECT_TRUE(report.passed()) << report.to_string();
  const ValidationReport strict = validate(
      frame, DataFrameSchema().column(ColumnSchema::datetime("ts")).column(ColumnSchema::categorical("c")));
  EXPECT_EQ(case_rows(failure_of(strict, "ts", "nullable=false")), (std::vector<int64_t>{0}));
  EXPECT_EQ(case_rows(failure_of(strict, "c", "nullable=false")), (std::vector<int64_t>{0}));
}

TEST(NullsEverywhere, FloatNullsAreNotNaN) {
  // NaN is a value (above every number); a null is missing and skipped.
  const DataFrame frame({floats("x", {std::nullopt, std::nan(""), 1.0})});
  const auto schema = DataFrameSchema().column(ColumnSchema::floating("x").nullable().le(10.0));
  const ConstraintFailure failure = failure_of(validate(frame, schema), "x", "le(10.0)");
  EXPECT_EQ(case_rows(failure), (std::vector<int64_t>{1}));
}

TEST(NullsEverywhere, TableCheckWithNullOperandPassesUniqueCombinationIgnoresIt) {
  const DataFrame frame({ints("a", {1, std::nullopt, 1, 1}), ints("b", {2, 2, std::nullopt, 2})});
  const auto schema = DataFrameSchema()
                          .column(ColumnSchema::integer("a").nullable())
                          .column(ColumnSchema::integer("b").nullable())
                          .check("a_below_b", col("a") < col("b"))
                          .unique({"a", "b"});
  const ValidationReport report = validate(frame, schema);
  ASSERT_EQ(report.failures.size(), 1u) << report.to_string();
  EXPECT_EQ(case_rows(failure_of(report, "a, b", "unique(a, b)")), (std::vector<int64_t>{3}));
}

TEST(EmptyFrames, TableConstraintsPassOnNoRows) {
  const DataFrame frame({ints("a", {}), texts("b", {})});
  const auto schema = DataFrameSchema()
                          .column(ColumnSchema::integer("a").unique())
                          .column(ColumnSchema::string("b").matches("x").min_length(3))
                          .unique({"a", "b"})
                          .check("a_positive", col("a") > 0)
                          .ordered()
                          .strict()
                          .max_rows(0);
  const ValidationReport report = validate(frame, schema);
  EXPECT_TRUE(report.passed()) << report.to_string();
  EXPECT_EQ(report.rows, 0);
}

TEST(EmptyFrames, StructuralFailuresStillShow) {
  const DataFrame frame({texts("b", {}), ints("a", {}), ints("extra", {})});
  const auto schema = DataFrameSchema()
                          .column(ColumnSchema::integer("a"))
                          .column(ColumnSchema::floating("b"))
                          .ordered()
                          .strict();
  const ValidationReport report = validate(frame, schema);
  failure_of(report, "extra", "extra_columns=reject");
  failure_of(report, "b", "type(float)");
  EXPECT_EQ(failure_of(report, "", "ordered").detail, "declared order a, b; found b, a");
}

TEST(EmptyFrames, CoercionGivesTheDeclaredTypes) {
  const DataFrame frame({texts("n", {}), texts("when", {})});
  const auto schema = DataFrameSchema()
                          .column(ColumnSchema::integer("n"))
                          .column(ColumnSchema::datetime("when", TimeUnit::Micro))
                          .coerce();
  const ValidatedFrame validated = validate_and_coerce(frame, schema);
  EXPECT_TRUE(validated.report.passed()) << validated.report.to_string();
  EXPECT_EQ(validated.frame.height(), 0);
  EXPECT_EQ(validated.frame.column("n").type(), DataType::int64());
  EXPECT_EQ(validated.frame.column("when").type(), DataType::timestamp(TimeUnit::Micro));
}

TEST(Unicode, ColumnNamesAndValuesInReportsAndChecks) {
  const DataFrame frame({texts("städte", {"Zürich", "東京", "Zürich"}), ints("größe", {5, -1, 3})});
  const auto schema = DataFrameSchema("ünicode")
                          .column(ColumnSchema::string("städte").isin({"Zürich", "東京"}).unique())
                          .column(ColumnSchema::integer("größe"))
                          .check("größe_positiv", col("größe") > 0);
  const ValidationReport report = validate(frame, schema);
  EXPECT_EQ(case_values(failure_of(report, "städte", "unique")), (std::vector<std::string>{"\"Zürich\""}));
  EXPECT_EQ(case_values(failure_of(report, "", "check(größe_positiv)")), (std::vector<std::string>{"größe=-1"}));
  EXPECT_EQ(report.find("städte", "isin(['Zürich', '東京'])"), nullptr) << report.to_string();
  const nlohmann::json json = report.to_json();
  EXPECT_EQ(json["schema"], "ünicode");
  EXPECT_EQ(json["statistics"]["städte"]["max"], "東京");  // byte order: 東 sorts after Z
  EXPECT_NE(report.to_string().find("check(größe_positiv)"), std::string::npos) << report.to_string();
}

TEST(Unicode, CategoriesAndLengthsOfCombiningSequences) {
  // "é" written as e + combining accent is two code points.
  const DataFrame frame({categories("c", {"café", "naïve", "東"}), texts("s", {"e\u0301", "\u00e9", "x"})});
  const auto schema = DataFrameSchema()
                          .column(ColumnSchema::categorical("c", {"café", "東"}))
                          .column(ColumnSchema::string("s").max_length(1));
  const ValidationReport report = validate(frame, schema);
  EXPECT_EQ(case_values(failure_of(report, "c", "isin(['café', '東'])")), (std::vector<std::string>{"\"naïve\""}));
  EXPECT_EQ(case_rows(failure_of(report, "s", "max_length(1)")), (std::vector<int64_t>{0}));
}

TEST(Unicode, SchemasRoundTripThroughYamlAndJson) {
  const auto schema = DataFrameSchema("größen")
                          .description("Maße in µm — «laut Katalog»")
                          .column(ColumnSchema::string("städte").matches(R"(\pL+)").isin({"Zürich", "東京", ""}))
                          .column(ColumnSchema::categorical("ß", {"ä", "ö"}).nullable())
                          .unique({"städte", "ß"});
  const auto json = schema_to_json(schema);
  EXPECT_EQ(schema_to_json(schema_from_json(json)), json);
  // Through text, as a file would hold it (dump escapes nothing but keeps UTF-8).
  EXPECT_EQ(schema_to_json(schema_from_json(nlohmann::ordered_json::parse(json.dump()))), json);
  EXPECT_NE(json.dump().find("東京"), std::string::npos);
  const std::string yaml = schema_to_yaml(schema);
  EXPECT_EQ(schema_to_json(schema_from_yaml(yaml)), json) << yaml;
  EXPECT_EQ(schema_from_yaml(yaml).summary(), schema.summary());
  const DataFrame frame({texts("städte", {"東京", "Zürich1"}), categories("ß", {"ä", "ü"})});
  const ValidationReport report = validate(frame, schema_from_yaml(yaml));
  EXPECT_EQ(case_rows(failure_of(report, "städte", R"(matches('\pL+'))")), (std::vector<int64_t>{1}));
  EXPECT_EQ(case_values(failure_of(report, "ß", "isin(['ä', 'ö'])")), (std::vector<std::string>{"\"ü\""}));
}

}  // namespace
}  // namespace strata
