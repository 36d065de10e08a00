// Constraints on the table: presence of columns, extra columns, order,
// uniqueness over several columns, custom checks, row counts; empty and
// one-row frames.
#include "validate/validate_test_support.hpp"

namespace strata {
namespace {

using namespace validate_test;

TEST(TableConstraints, MissingRequiredColumnWithHint) {
  const DataFrame frame({ints("customer_id", {1})});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("customerid"));
  const ConstraintFailure failure = failure_of(validate(frame, schema), "customerid", "required");
  EXPECT_EQ(failure.failing_rows, 0);
  EXPECT_EQ(failure.detail, "the column is missing (did you mean 'customer_id'?)");
}

TEST(TableConstraints, MissingOptionalColumnIsFine) {
  const DataFrame frame({ints("a", {1})});
  const auto schema = DataFrameSchema()
                          .column(ColumnSchema::integer("a"))
                          .column(ColumnSchema::string("comment").optional().matches("x+"));
  EXPECT_TRUE(validate(frame, schema).passed());
}

TEST(TableConstraints, StrictRejectsEachUndeclaredColumn) {
  const DataFrame frame({ints("a", {1}), ints("b", {2}), ints("c", {3})});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("a")).strict();
  const ValidationReport report = validate(frame, schema);
  ASSERT_EQ(report.failures.size(), 2u) << report.to_string();
  EXPECT_EQ(failure_of(report, "b", "extra_columns=reject").detail, "the column is not declared in the schema");
  failure_of(report, "c", "extra_columns=reject");
  EXPECT_TRUE(validate(frame, DataFrameSchema().column(ColumnSchema::integer("a"))).passed());
}

TEST(TableConstraints, DropRemovesUndeclaredColumnsFromTheOutput) {
  const DataFrame frame({ints("a", {1, 2}), texts("note", {"x", "y"})});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("a")).extra_columns(ExtraColumns::Drop);
  const ValidatedFrame validated = validate_and_coerce(frame, schema);
  EXPECT_TRUE(validated.report.passed());
  EXPECT_EQ(validated.frame.column_names(), (std::vector<std::string>{"a"}));
  EXPECT_EQ(validated.frame.column("a").to_int64(), (Ints{1, 2}));
}

TEST(TableConstraints, OrderedChecksDeclaredColumnsOnly) {
  const DataFrame frame({ints("b", {1}), ints("extra", {0}), ints("a", {2})});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("a")).column(ColumnSchema::integer("b")).ordered();
  EXPECT_EQ(failure_of(validate(frame, schema), "", "ordered").detail, "declared order a, b; found b, a");
  const auto right = DataFrameSchema().column(ColumnSchema::integer("b")).column(ColumnSchema::integer("a")).ordered();
  EXPECT_TRUE(validate(frame, right).passed());
}

TEST(TableConstraints, UniqueCombinationIgnoresRowsWithNulls) {
  const DataFrame frame({ints("customer", {1, 1, 2, 1, std::nullopt, std::nullopt}),
                         texts("order", {"a", "b", "a", "a", "z", "z"})});
  const auto schema = DataFrameSchema()
                          .column(ColumnSchema::integer("customer").nullable())
                          .column(ColumnSchema::string("order"))
                          .unique({"customer", "order"});
  const ConstraintFailure failure = failure_of(validate(frame, schema), "customer, order", "unique(customer, order)");
  EXPECT_EQ(failure.failing_rows, 1);
  EXPECT_EQ(case_rows(failure), (std::vector<int64_t>{3}));
  EXPECT_EQ(case_values(failure), (std::vector<std::string>{"customer=1, order=\"a\""}));
}

TEST(TableConstraints, UniqueCombinationWithMissingColumnCannotRun) {
  const DataFrame frame({ints("a", {1})});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("a")).unique({"a", "b"});
  EXPECT_EQ(failure_of(validate(frame, schema), "a, b", "unique(a, b)").detail, "cannot run: the column 'b' is missing");
}

TEST(TableConstraints, TableCustomCheck) {
  const DataFrame frame({floats("net", {10, 20, 30}), floats("tax", {2, 4, 6}), floats("gross", {12, 25, 36})});
  const auto schema = DataFrameSchema()
                          .column(ColumnSchema::floating("net"))
                          .column(ColumnSchema::floating("tax"))
                          .column(ColumnSchema::floating("gross"))
                          .check("gross_is_net_plus_tax", col("gross") == col("net") + col("tax"));
  const ConstraintFailure failure = failure_of(validate(frame, schema), "", "check(gross_is_net_plus_tax)");
  EXPECT_EQ(case_rows(failure), (std::vector<int64_t>{1}));
  EXPECT_EQ(case_values(failure), (std::vector<std::string>{"gross=25.0, net=20.0, tax=4.0"}));
}

TEST(TableConstraints, CustomCheckOnMissingColumnCannotRun) {
  const DataFrame frame({ints("start", {1})});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("start")).check("order", col("strat") > 0);
  EXPECT_EQ(failure_of(validate(frame, schema), "", "check(order)").detail,
            "cannot run: it reads the column 'strat', which is missing (did you mean 'start'?)");
}

TEST(TableConstraints, CustomCheckThatIsNotBoolCannotRun) {
  const DataFrame frame({ints("x", {1})});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("x")).check("sum", col("x") + 1);
  const ConstraintFailure failure = failure_of(validate(frame, schema), "", "check(sum)");
  EXPECT_NE(failure.detail.find("a check must give bool"), std::string::npos) << failure.detail;
}

TEST(TableConstraints, RowCountRange) {
  const DataFrame frame({ints("x", {1, 2, 3})});
  EXPECT_TRUE(validate(frame, DataFrameSchema().rows_between(3, 3)).passed());
  EXPECT_EQ(failure_of(validate(frame, DataFrameSchema().min_rows(4)), "", "min_rows(4)").detail, "found 3 rows");
  EXPECT_EQ(failure_of(validate(frame, DataFrameSchema().max_rows(2)), "", "max_rows(2)").detail, "found 3 rows");
}

TEST(TableConstraints, EmptyFrameRunsStructuralChecksOnly) {
  const DataFrame frame({ints("id", {}), texts("name", {})});
  const auto schema = DataFrameSchema()
                          .column(ColumnSchema::integer("id").unique().ge(0))
                          .column(ColumnSchema::string("name").matches("x"))
                          .column(ColumnSchema::floating("missing"))
                          .min_rows(1);
  const ValidationReport report = validate(frame, schema);
  EXPECT_EQ(report.rows, 0);
  ASSERT_EQ(report.failures.size(), 2u) << report.to_string();
  failure_of(report, "missing", "required");
  failure_of(report, "", "min_rows(1)");
  ASSERT_EQ(report.statistics.size(), 2u);
  EXPECT_EQ(report.statistics[0].count, 0);
  EXPECT_TRUE(report.statistics[0].min.is_null());
}

TEST(TableConstraints, FrameWithoutColumns) {
  const ValidationReport report = validate(DataFrame(), DataFrameSchema().column(ColumnSchema::integer("x")));
  EXPECT_EQ(report.rows, 0);
  failure_of(report, "x", "required");
}

TEST(TableConstraints, OneRowFrame) {
  const DataFrame frame({ints("id", {5}), texts("s", {"é"})});
  const auto schema = DataFrameSchema()
                          .column(ColumnSchema::integer("id").unique().lt(5))
                          .column(ColumnSchema::string("s").max_length(1).unique());
  const ValidationReport report = validate(frame, schema);
  ASSERT_EQ(report.failures.size(), 1u) << report.to_string();
  EXPECT_EQ(case_rows(failure_of(report, "id", "lt(5)")), (std::vector<int64_t>{0}));
}

TEST(TableConstraints, FailuresFollowTheSchemaOrder) {
  const DataFrame frame({ints("b", {std::nullopt}), ints("a", {-1}), ints("extra", {0})});
  const auto schema = DataFrameSchema()
                          .column(ColumnSchema::integer("a").ge(0))
                          .column(ColumnSchema::integer("b"))
                          .column(ColumnSchema::integer("c"))
                          .strict()
                          .min_rows(2);
  const ValidationReport report = validate(frame, schema);
  std::vector<std::string> order;
  for (const ConstraintFailure& failure : report.failures) order.push_back(failure.column + " " + failure.constraint);
  EXPECT_EQ(order, (std::vector<std::string>{"c required", "extra extra_columns=reject", "a ge(0)", "b nullable=false",
                                             " min_rows(2)"}));
}

}  // namespace
}  // namespace strata
