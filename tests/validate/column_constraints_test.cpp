// Constraints on single columns: nulls, uniqueness, ranges, allowed values,
// patterns, lengths, dates and datetimes, custom checks.
#include "validate/validate_test_support.hpp"

namespace strata {
namespace {

using namespace validate_test;

TEST(ColumnConstraints, PassingFrameHasNoFailures) {
  const DataFrame frame({ints("id", {1, 2, 3}), floats("amount", {0.5, 10.0, 99.0})});
  const auto schema = DataFrameSchema("orders")
                          .column(ColumnSchema::integer("id").unique().ge(1))
                          .column(ColumnSchema::floating("amount").between(0, 100));
  const ValidationReport report = validate(frame, schema);
  EXPECT_TRUE(report.passed()) << report.to_string();
  EXPECT_EQ(report.rows, 3);
  EXPECT_EQ(report.schema_name, "orders");
}

TEST(ColumnConstraints, NullsFailNonNullableColumnsOnly) {
  const DataFrame frame({ints("a", {1, std::nullopt, 3, std::nullopt}), ints("b", {std::nullopt, 2, 3, 4})});
  const auto schema = DataFrameSchema()
                          .column(ColumnSchema::integer("a"))  // non-nullable by default
                          .column(ColumnSchema::integer("b").nullable());
  const ValidationReport report = validate(frame, schema);
  ASSERT_EQ(report.failures.size(), 1u) << report.to_string();
  const ConstraintFailure failure = failure_of(report, "a", "nullable=false");
  EXPECT_EQ(failure.failing_rows, 2);
  EXPECT_EQ(case_rows(failure), (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(case_values(failure), (std::vector<std::string>{"null", "null"}));
}

TEST(ColumnConstraints, ValueConstraintsSkipNulls) {
  const DataFrame frame({ints("x", {std::nullopt, 5, std::nullopt})});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("x").nullable().ge(0).le(10).isin({5, 6}));
  EXPECT_TRUE(validate(frame, schema).passed());
}

TEST(ColumnConstraints, AllNullColumnPassesValueConstraints) {
  const DataFrame frame({ints("x", {std::nullopt, std::nullopt})});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("x").nullable().unique().gt(100));
  EXPECT_TRUE(validate(frame, schema).passed());
}

TEST(ColumnConstraints, UniqueReportsRepeatsAfterTheFirstOccurrence) {
  const DataFrame frame({ints("id", {7, 1, 7, 2, 1, 7, std::nullopt, std::nullopt})});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("id").nullable().unique());
  const ConstraintFailure failure = failure_of(validate(frame, schema), "id", "unique");
  EXPECT_EQ(failure.failing_rows, 3);  // nulls never collide
  EXPECT_EQ(case_rows(failure), (std::vector<int64_t>{2, 4, 5}));
  EXPECT_EQ(case_values(failure), (std::vector<std::string>{"7", "1", "7"}));
}

TEST(ColumnConstraints, UniqueStringsIncludingUnicode) {
  const DataFrame frame({texts("name", {"Zoë", "zoë", "Zoë", "東京", "東京"})});
  const auto schema = DataFrameSchema().column(ColumnSchema::string("name").unique());
  const ConstraintFailure failure = failure_of(validate(frame, schema), "name", "unique");
  EXPECT_EQ(failure.failing_rows, 2);
  EXPECT_EQ(case_values(failure), (std::vector<std::string>{"\"Zoë\"", "\"東京\""}));
}

TEST(ColumnConstraints, InclusiveAndExclusiveBounds) {
  const DataFrame frame({ints("x", {0, 1, 5, 9, 10})});
  const auto inclusive = DataFrameSchema().column(ColumnSchema::integer("x").ge(1).le(9));
  const ConstraintFailure failure = failure_of(validate(frame, inclusive), "x", "ge(1) & le(9)");
  EXPECT_EQ(case_rows(failure), (std::vector<int64_t>{0, 4}));
  const auto exclusive = DataFrameSchema().column(ColumnSchema::integer("x").gt(0).lt(10));
  const ConstraintFailure open = failure_of(validate(frame, exclusive), "x", "gt(0) & lt(10)");
  EXPECT_EQ(case_rows(open), (std::vector<int64_t>{0, 4}));
  const auto between_open = DataFrameSchema().column(ColumnSchema::integer("x").between(0, 10, false, true));
  EXPECT_EQ(case_rows(failure_of(validate(frame, between_open), "x", "gt(0) & le(10)")), (std::vector<int64_t>{0}));
}

TEST(ColumnConstraints, FloatBoundOnIntegerColumnComparesByValue) {
  const DataFrame frame({ints("x", {1, 2, 3})});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("x").ge(1.5));
  const ConstraintFailure failure = failure_of(validate(frame, schema), "x", "ge(1.5)");
  EXPECT_EQ(case_rows(failure), (std::vector<int64_t>{0}));
}

TEST(ColumnConstraints, NaNIsAboveEveryNumber) {
  const DataFrame frame({floats("x", {1.0, std::nan(""), -1.0})});
  const auto upper = DataFrameSchema().column(ColumnSchema::floating("x").le(10));
  EXPECT_EQ(case_values(failure_of(validate(frame, upper), "x", "le(10)")), (std::vector<std::string>{"NaN"}));
  const auto lower = DataFrameSchema().column(ColumnSchema::floating("x").ge(0));
  EXPECT_EQ(case_values(failure_of(validate(frame, lower), "x", "ge(0)")), (std::vector<std::string>{"-1.0"}));
}

TEST(ColumnConstraints, IsinForNumbersStringsAndCategoricals) {
  const DataFrame frame({ints("n", {1, 2, 3}), texts("s", {"a", "b", "é"}), categories("c", {"new", "old", "new"})});
  const auto schema = DataFrameSchema()
                          .column(ColumnSchema::integer("n").isin({1, 3}))
                          .column(ColumnSchema::string("s").isin({"a", "é"}))
                          .column(ColumnSchema::categorical("c", {"new", "paid"}));
  const ValidationReport report = validate(frame, schema);
  EXPECT_EQ(case_rows(failure_of(report, "n", "isin([1, 3])")), (std::vector<int64_t>{1}));
  EXPECT_EQ(case_values(failure_of(report, "s", "isin(['a', 'é'])")), (std::vector<std::string>{"\"b\""}));
  const ConstraintFailure category = failure_of(report, "c", "isin(['new', 'paid'])");
  EXPECT_EQ(case_rows(category), (std::vector<int64_t>{1}));
  EXPECT_EQ(case_values(category), (std::vector<std::string>{"\"old\""}));
}

TEST(ColumnConstraints, PatternMustMatchTheWholeValue) {
  const DataFrame frame({texts("code", {"AB12", "xAB12", "AB12x", "AB", "ÄB12", std::nullopt})});
  const auto schema = DataFrameSchema().column(ColumnSchema::string("code").nullable().matches("[A-Z]{2}[0-9]+"));
  const ConstraintFailure failure = failure_of(validate(frame, schema), "code", "matches('[A-Z]{2}[0-9]+')");
  EXPECT_EQ(failure.failing_rows, 4);
  EXPECT_EQ(case_rows(failure), (std::vector<int64_t>{1, 2, 3, 4}));
}

TEST(ColumnConstraints, PatternWithAlternationIsAnchoredAsAWhole) {
  const DataFrame frame({texts("x", {"cat", "dog", "catdog", "hotdog"})});
  const auto schema = DataFrameSchema().column(ColumnSchema::string("x").matches("cat|dog"));
  EXPECT_EQ(case_rows(failure_of(validate(frame, schema), "x", "matches('cat|dog')")), (std::vector<int64_t>{2, 3}));
}

TEST(ColumnConstraints, PatternMatchesUnicodeCharacters) {
  const DataFrame frame({texts("city", {"Zürich", "東京", "Paris1"})});
  const auto schema = DataFrameSchema().column(ColumnSchema::string("city").matches(R"(\pL+)"));
  EXPECT_EQ(case_rows(failure_of(validate(frame, schema), "city", R"(matches('\pL+'))")), (std::vector<int64_t>{2}));
}

TEST(ColumnConstraints, PatternOnCategoricalUsesItsStrings) {
  const DataFrame frame({categories("c", {"ok", "bad!", "ok"})});
  const auto schema = DataFrameSchema().column(ColumnSchema::categorical("c").matches("[a-z]+"));
  EXPECT_EQ(case_values(failure_of(validate(frame, schema), "c", "matches('[a-z]+')")), (std::vector<std::string>{"\"bad!\""}));
}

TEST(ColumnConstraints, LengthCountsCodePoints) {
  const DataFrame frame({texts("s", {"", "ab", "äöü", "東京都庁舎"})});
  const auto schema = DataFrameSchema().column(ColumnSchema::string("s").length_between(1, 3));
  const ConstraintFailure failure = failure_of(validate(frame, schema), "s", "min_length(1) & max_length(3)");
  EXPECT_EQ(case_rows(failure), (std::vector<int64_t>{0, 3}));
  EXPECT_EQ(case_values(failure), (std::vector<std::string>{"\"\"", "\"東京都庁舎\""}));
}

TEST(ColumnConstraints, DatetimeRangeWithTextBounds) {
  const DataFrame frame({timestamps("ts", {"2019-12-31T23:59:59", "2020-01-01T00:00:00", "2024-06-01T12:00:00",
                                           "2030-01-01T00:00:00"})});
  const auto schema =
      DataFrameSchema().column(ColumnSchema::datetime("ts").ge("2020-01-01").lt("2030-01-01T00:00:00"));
  const ConstraintFailure failure = failure_of(validate(frame, schema), "ts", "ge('2020-01-01') & lt('2030-01-01T00:00:00')");
  EXPECT_EQ(case_rows(failure), (std::vector<int64_t>{0, 3}));
  EXPECT_EQ(case_values(failure), (std::vector<std::string>{"2019-12-31 23:59:59", "2030-01-01 00:00:00"}));
}

TEST(ColumnConstraints, DatetimeBoundsWithOffsetsOnZonedColumn) {
  const DataFrame frame({timestamps("ts", {"2024-01-01T10:00:00", "2024-01-01T12:00:00"}, "UTC")});
  // 12:00+01:00 is 11:00 UTC.
  const auto schema = DataFrameSchema().column(ColumnSchema::datetime("ts", TimeUnit::Micro, "UTC").le("2024-01-01T12:00:00+01:00"));
  EXPECT_EQ(case_rows(failure_of(validate(frame, schema), "ts", "le('2024-01-01T12:00:00+01:00')")), (std::vector<int64_t>{1}));
}

TEST(ColumnConstraints, DateRangeAndDateTimeBounds) {
  const DataFrame frame({dates("day", {"2024-02-28", "2024-02-29", "2024-03-01"})});
  const auto schema = DataFrameSchema().column(ColumnSchema::date("day").le("2024-02-29"));
  EXPECT_EQ(case_rows(failure_of(validate(frame, schema), "day", "le('2024-02-29')")), (std::vector<int64_t>{2}));
  // A bound with a time of day compares the date's midnight with it.
  const auto with_time = DataFrameSchema().column(ColumnSchema::date("day").gt("2024-02-28T12:00:00"));
  EXPECT_EQ(case_rows(failure_of(validate(frame, with_time), "day", "gt('2024-02-28T12:00:00')")), (std::vector<int64_t>{0}));
}

TEST(ColumnConstraints, DatetimeAllowedValuesFromText) {
  const DataFrame frame({dates("day", {"2024-01-01", "2024-01-02"})});
  const auto schema = DataFrameSchema().column(ColumnSchema::date("day").isin({"2024-01-01"}));
  EXPECT_EQ(case_rows(failure_of(validate(frame, schema), "day", "isin(['2024-01-01'])")), (std::vector<int64_t>{1}));
}

TEST(ColumnConstraints, BooleanColumnWithAllowedValue) {
  const DataFrame frame({Series::from("flag", std::vector<std::optional<bool>>{true, false, true})});
  const auto schema = DataFrameSchema().column(ColumnSchema::boolean("flag").isin({true}));
  EXPECT_EQ(case_rows(failure_of(validate(frame, schema), "flag", "isin([true])")), (std::vector<int64_t>{1}));
}

TEST(ColumnConstraints, ColumnCustomExpressionShowsInvolvedValues) {
  const DataFrame frame({ints("start", {1, 5, 3}), ints("end", {2, 4, std::nullopt})});
  const auto schema = DataFrameSchema()
                          .column(ColumnSchema::integer("start"))
                          .column(ColumnSchema::integer("end").nullable().check("after_start", col("end") >= col("start")));
  const ConstraintFailure failure = failure_of(validate(frame, schema), "end", "check(after_start)");
  // The null comparison in row 2 passes (SQL CHECK semantics).
  EXPECT_EQ(failure.failing_rows, 1);
  EXPECT_EQ(case_values(failure), (std::vector<std::string>{"end=4, start=5"}));
}

TEST(ColumnConstraints, CustomCheckOnOwnColumnShowsBareValue) {
  const DataFrame frame({ints("x", {2, 3, 4})});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("x").check("even", col("x") % 2 == 0));
  EXPECT_EQ(case_values(failure_of(validate(frame, schema), "x", "check(even)")), (std::vector<std::string>{"3"}));
}

TEST(ColumnConstraints, CustomCheckWrittenInCpp) {
  const DataFrame frame({texts("s", {"keep", "drop", "keep"})});
  const CustomCheck not_drop("not_drop",
                             [](const RecordBatch& batch) {
                               BoolBuilder builder;
                               const Array& values = batch.columns[0];
                               for (int64_t i = 0; i < values.length(); ++i) builder.append(values.string_at(i) != "drop");
                               return builder.finish();
                             },
                             {"s"});
  const auto schema = DataFrameSchema().column(ColumnSchema::string("s").check(not_drop));
  EXPECT_EQ(case_rows(failure_of(validate(frame, schema), "s", "check(not_drop)")), (std::vector<int64_t>{1}));
}

TEST(ColumnConstraints, CustomCheckThatFailsToEvaluateIsReported) {
  const DataFrame frame({ints("x", {INT64_MAX, 1})});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("x").check("small", col("x") + col("x") > 0));
  const ConstraintFailure failure = failure_of(validate(frame, schema), "x", "check(small)");
  EXPECT_NE(failure.detail.find("could not be checked"), std::string::npos) << failure.detail;
  EXPECT_NE(failure.detail.find("overflow"), std::string::npos) << failure.detail;
}

TEST(ColumnConstraints, BoundsOfTheWrongTypeUnderAnyAreReported) {
  const DataFrame frame({ints("x", {1, 2})});
  const auto schema = DataFrameSchema().column(ColumnSchema::any("x").ge("a"));
  const ConstraintFailure failure = failure_of(validate(frame, schema), "x", "ge('a')");
  EXPECT_NE(failure.detail.find("cannot be checked"), std::string::npos) << failure.detail;
}

TEST(ColumnConstraints, PatternOnNumbersUnderAnyIsReported) {
  const DataFrame frame({ints("x", {1, 2})});
  const auto schema = DataFrameSchema().column(ColumnSchema::any("x").matches("1"));
  const ConstraintFailure failure = failure_of(validate(frame, schema), "x", "matches('1')");
  EXPECT_NE(failure.detail.find("applies to str and cat columns"), std::string::npos) << failure.detail;
}

}  // namespace
}  // namespace strata
