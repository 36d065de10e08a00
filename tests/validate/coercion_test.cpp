// Type families, type mismatches and lossless coercion.
#include "validate/validate_test_support.hpp"

namespace strata {
namespace {

using namespace validate_test;

TEST(TypeRequirement, FamiliesAcceptTheirTypes) {
  EXPECT_TRUE(TypeRequirement(TypeFamily::Integer).accepts(DataType::uint8()));
  EXPECT_FALSE(TypeRequirement(TypeFamily::Integer).accepts(DataType::float64()));
  EXPECT_TRUE(TypeRequirement(TypeFamily::Numeric).accepts(DataType::decimal(10, 2)));
  EXPECT_TRUE(TypeRequirement(TypeFamily::Float).accepts(DataType::float32()));
  EXPECT_FALSE(TypeRequirement(TypeFamily::String).accepts(DataType::categorical()));
  EXPECT_TRUE(TypeRequirement(TypeFamily::Any).accepts(DataType::list(DataType::int64())));
  const auto utc_ms = TypeRequirement::datetime(TimeUnit::Milli, "UTC");
  EXPECT_TRUE(utc_ms.accepts(DataType::timestamp(TimeUnit::Milli, "UTC")));
  EXPECT_FALSE(utc_ms.accepts(DataType::timestamp(TimeUnit::Micro, "UTC")));
  EXPECT_FALSE(utc_ms.accepts(DataType::timestamp(TimeUnit::Milli)));
  EXPECT_TRUE(TypeRequirement::datetime(std::nullopt, "").accepts(DataType::timestamp(TimeUnit::Nano)));
  EXPECT_TRUE(TypeRequirement::exactly(DataType::int32()).accepts(DataType::int32()));
  EXPECT_FALSE(TypeRequirement::exactly(DataType::int32()).accepts(DataType::int64()));
  EXPECT_EQ(TypeRequirement::exactly(DataType::int32()).family(), TypeFamily::Integer);
}

TEST(TypeRequirement, CoercionTargetsAndNames) {
  EXPECT_EQ(*TypeRequirement(TypeFamily::Integer).coercion_target(DataType::string()), DataType::int64());
  EXPECT_EQ(*TypeRequirement(TypeFamily::Integer).coercion_target(DataType::int8()), DataType::int8());
  EXPECT_EQ(*TypeRequirement(TypeFamily::Numeric).coercion_target(DataType::string()), DataType::float64());
  EXPECT_EQ(*TypeRequirement::datetime(TimeUnit::Milli, std::nullopt).coercion_target(DataType::timestamp(TimeUnit::Nano, "UTC")),
            DataType::timestamp(TimeUnit::Milli, "UTC"));
  EXPECT_EQ(*TypeRequirement(TypeFamily::Any).coercion_target(DataType::string()), DataType::string());
  EXPECT_EQ(TypeRequirement::datetime(std::nullopt, "UTC").to_string(), "datetime[any unit, UTC]");
  EXPECT_EQ(TypeRequirement::datetime(TimeUnit::Nano, "").to_string(), "datetime[ns, naive]");
  EXPECT_EQ(TypeRequirement::exactly(DataType::int32()).to_string(), "i32");
  EXPECT_EQ(parse_type_family("categorical"), TypeFamily::Categorical);
  EXPECT_FALSE(parse_type_family("int").has_value());
}

TEST(Coercion, WrongTypeWithoutCoercionSkipsValueConstraints) {
  const DataFrame frame({texts("x", {"1", "-5"})});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("x").ge(0));
  const ValidationReport report = validate(frame, schema);
  ASSERT_EQ(report.failures.size(), 1u) << report.to_string();
  EXPECT_EQ(failure_of(report, "x", "type(integer)").detail, "found str; cast the column, or let the schema coerce it");
}

TEST(Coercion, TextIsParsedAndUnparsableRowsFail) {
  const DataFrame frame({texts("x", {"1", "abc", "-5", std::nullopt, "2.5"})});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("x").nullable().ge(0)).coerce();
  const ValidatedFrame validated = validate_and_coerce(frame, schema);
  const ConstraintFailure type = failure_of(validated.report, "x", "type(integer)");
  EXPECT_EQ(type.failing_rows, 2);
  EXPECT_EQ(case_values(type), (std::vector<std::string>{"\"abc\"", "\"2.5\""}));
  // Value constraints run on what converted.
  EXPECT_EQ(case_rows(failure_of(validated.report, "x", "ge(0)")), (std::vector<int64_t>{2}));
  EXPECT_EQ(validated.frame.column("x").type(), DataType::int64());
  EXPECT_EQ(validated.frame.column("x").to_int64(), (Ints{1, std::nullopt, -5, std::nullopt, std::nullopt}));
}

TEST(Coercion, FailedCastsDoNotCountAsNulls) {
  const DataFrame frame({texts("x", {"1", "oops"})});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("x")).coerce();
  const ValidationReport report = validate(frame, schema);
  ASSERT_EQ(report.failures.size(), 1u) << report.to_string();
  failure_of(report, "x", "type(integer)");
}

TEST(Coercion, FloatsBecomeIntegersOnlyWithoutFraction) {
  const DataFrame frame({floats("x", {1.0, 2.5, -3.0, std::nan(""), 1e30})});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("x")).coerce();
  const ConstraintFailure failure = failure_of(validate(frame, schema), "x", "type(integer)");
  EXPECT_EQ(case_rows(failure), (std::vector<int64_t>{1, 3, 4}));
}

TEST(Coercion, IntegersBecomeFloatsOnlyWhenExact) {
  const int64_t exact = int64_t{1} << 53;
  const DataFrame frame({ints("x", {1, exact, exact + 1})});
  const auto schema = DataFrameSchema().column(ColumnSchema::floating("x")).coerce();
  const ConstraintFailure failure = failure_of(validate(frame, schema), "x", "type(float)");
  EXPECT_EQ(case_rows(failure), (std::vector<int64_t>{2}));
}

TEST(Coercion, NarrowingToExactTypeChecksRange) {
  const DataFrame frame({ints("x", {1, 200, -1})});
  const auto schema = DataFrameSchema().column(ColumnSchema::of_type("x", DataType::uint8())).coerce();
  const ValidatedFrame validated = validate_and_coerce(frame, schema);
  EXPECT_EQ(case_rows(failure_of(validated.report, "x", "type(u8)")), (std::vector<int64_t>{2}));
  EXPECT_EQ(validated.frame.column("x").type(), DataType::uint8());
}

TEST(Coercion, DatetimeToDateKeepsOnlyMidnights) {
  const DataFrame frame({timestamps("d", {"2024-01-01T00:00:00", "2024-01-02T08:30:00"})});
  const auto schema = DataFrameSchema().column(ColumnSchema::date("d")).coerce();
  const ConstraintFailure failure = failure_of(validate(frame, schema), "d", "type(date)");
  EXPECT_EQ(case_values(failure), (std::vector<std::string>{"2024-01-02 08:30:00"}));
}

TEST(Coercion, TextToDatetimeAndCategorical) {
  const DataFrame frame({texts("ts", {"2024-01-01T10:00:00", "yesterday"}), texts("c", {"b", "a"})});
  const auto schema = DataFrameSchema()
                          .column(ColumnSchema::datetime("ts", TimeUnit::Milli, "UTC"))
                          .column(ColumnSchema::categorical("c", {"a", "b"}))
                          .coerce();
  const ValidatedFrame validated = validate_and_coerce(frame, schema);
  ASSERT_EQ(validated.report.failures.size(), 1u) << validated.report.to_string();
  EXPECT_EQ(case_values(failure_of(validated.report, "ts", "type(datetime[ms, UTC])")),
            (std::vector<std::string>{"\"yesterday\""}));
  EXPECT_EQ(validated.frame.column("ts").type(), DataType::timestamp(TimeUnit::Milli, "UTC"));
  EXPECT_EQ(validated.frame.column("c").type(), DataType::categorical());
}

TEST(Coercion, CategoricalToString) {
  const DataFrame frame({categories("s", {"x", std::nullopt, "yy"})});
  const auto schema = DataFrameSchema().column(ColumnSchema::string("s").nullable().max_length(1)).coerce();
  const ValidatedFrame validated = validate_and_coerce(frame, schema);
  EXPECT_EQ(case_values(failure_of(validated.report, "s", "max_length(1)")), (std::vector<std::string>{"\"yy\""}));
  EXPECT_EQ(validated.frame.column("s").to_strings(), (Texts{"x", std::nullopt, "yy"}));
}

TEST(Coercion, ColumnOverrideBeatsSchemaSetting) {
  const DataFrame frame({texts("a", {"1"}), texts("b", {"2"})});
  const auto schema = DataFrameSchema()
                          .column(ColumnSchema::integer("a").coerce(false))
                          .column(ColumnSchema::integer("b"))
                          .coerce();
  const ValidationReport report = validate(frame, schema);
  ASSERT_EQ(report.failures.size(), 1u) << report.to_string();
  failure_of(report, "a", "type(integer)");
}

TEST(Coercion, NumbersAndTimesDoNotConvertIntoEachOther) {
  // Integers have no unit of time: 1 could be a day, a second or a nanosecond.
  const auto to_date = DataFrameSchema().column(ColumnSchema::date("x")).coerce();
  EXPECT_EQ(failure_of(validate(DataFrame({ints("x", {1})}), to_date), "x", "type(date)").detail,
            "found i64; it cannot be cast to date");
  EXPECT_EQ(failure_of(validate(DataFrame({floats("x", {1.5})}), to_date), "x", "type(date)").detail,
            "found f64; it cannot be cast to date");
  const auto to_integer = DataFrameSchema().column(ColumnSchema::integer("d")).coerce();
  EXPECT_EQ(failure_of(validate(DataFrame({dates("d", {"2024-01-01"})}), to_integer), "d", "type(integer)").detail,
            "found date; it cannot be cast to i64");
}

TEST(Coercion, RequireValidReturnsTheCoercedFrame) {
  const DataFrame frame({texts("x", {"1", "2"})});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("x")).coerce();
  const DataFrame clean = require_valid(frame, schema);
  EXPECT_EQ(clean.column("x").to_int64(), (Ints{1, 2}));
}

}  // namespace
}  // namespace strata
