#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "expr/expr_test_support.hpp"
#include "strata/core/error.hpp"
#include "strata/core/temporal.hpp"
#include "strata/expr/evaluate.hpp"

namespace strata {
namespace {

using namespace expr_testing;

Table numbers() {
  return make_table({
      {"a", make_int64_array({1, 2, 3, std::nullopt})},
      {"b", make_int64_array({10, 0, -3, 4})},
      {"f", make_float64_array({0.5, 1.5, std::nullopt, -2.0})},
      {"i32", fixed_array<int32_t>(DataType::int32(), {7, -7, 100, 0})},
      {"flag", make_bool_array({true, false, std::nullopt, true})},
      {"s", make_string_array({"Apple", "banana", std::nullopt, "Cherry pie with cream"})},
  });
}

TEST(EvaluateTest, ColumnsAndLiterals) {
  const Table table = numbers();
  EXPECT_EQ(values_of(col("a"), table), (Strings{"1", "2", "3", "null"}));
  // A bare literal reduces to one value; next to a column it is repeated.
  EXPECT_EQ(values_of(lit(5), table), (Strings{"5"}));
  EXPECT_EQ(values_of(col("a") * 0 + lit(5), table), (Strings{"5", "5", "5", "null"}));
  EXPECT_EQ(rendered(ChunkedArray(evaluate_batch(lit("x"), table.to_batches()[0]))), (Strings{"x", "x", "x", "x"}));
}

TEST(EvaluateTest, Arithmetic) {
  const Table table = numbers();
  EXPECT_EQ(values_of(col("a") + col("b"), table), (Strings{"11", "2", "0", "null"}));
  EXPECT_EQ(values_of(col("a") - 1, table), (Strings{"0", "1", "2", "null"}));
  EXPECT_EQ(values_of(col("a") / col("b"), table), (Strings{"0.1", "inf", "-1.0", "null"}));
  EXPECT_EQ(values_of(floordiv(col("i32"), lit(2)), table), (Strings{"3", "-4", "50", "0"}));
  EXPECT_EQ(values_of(col("i32") % 3, table), (Strings{"1", "2", "1", "0"}));
  EXPECT_EQ(values_of(col("a") % col("b"), table), (Strings{"1", "null", "0", "null"}));
  EXPECT_EQ(values_of(-col("f"), table), (Strings{"-0.5", "-1.5", "null", "2.0"}));
  EXPECT_EQ(values_of(10 - col("a"), table), (Strings{"9", "8", "7", "null"}));
  EXPECT_EQ(values_of(col("a") * col("f"), table), (Strings{"0.5", "3.0", "null", "null"}));
}

TEST(EvaluateTest, IntegerLiteralsTakeTheColumnType) {
  const Table table = numbers();
  EXPECT_EQ(resolve_type(col("i32") + 1, table.schema()), DataType::int32());
  EXPECT_EQ(evaluate(col("i32") + 1, table).type(), DataType::int32());
  EXPECT_EQ(resolve_type(1 + col("i32"), table.schema()), DataType::int32());
  // A literal that does not fit the column type keeps its own.
  EXPECT_EQ(resolve_type(col("i32") + (int64_t{1} << 40), table.schema()), DataType::int64());
  EXPECT_EQ(resolve_type(col("i32") + 0.5, table.schema()), DataType::float64());
  EXPECT_EQ(resolve_type(col("i32") + lit(Scalar::int64(1)), table.schema()), DataType::int64());
  const Table small = make_table({{"x", fixed_array<float>(DataType::float32(), {1.5f})}});
  EXPECT_EQ(evaluate(col("x") * 2, small).type(), DataType::float32());
  EXPECT_EQ(evaluate(col("x") * 0.5, small).type(), DataType::float32());
}

TEST(EvaluateTest, OverflowNamesTheTableRow) {
  // Four chunks: the overflowing row is in the last one.
  std::vector<Array> chunks;
  for (int c = 0; c < 4; ++c) chunks.push_back(make_int64_array({1, 2, c == 3 ? std::numeric_limits<int64_t>::max() : 3}));
  const Table table(Schema({{"v", DataType::int64()}}), {ChunkedArray(DataType::int64(), chunks)});
  try {
    evaluate(col("v") + 1, table);
    FAIL();
  } catch (const ComputeError& error) {
    EXPECT_NE(std::string(error.what()).find("at row 11"), std::string::npos) << error.what();
  }
}

TEST(EvaluateTest, ComparisonsAndKleeneLogic) {
  const Table table = numbers();
  EXPECT_EQ(values_of(col("a") > 1, table), (Strings{"false", "true", "true", "null"}));
  EXPECT_EQ(values_of(col("a") == col("b"), table), (Strings{"false", "false", "false", "null"}));
  EXPECT_EQ(values_of(col("s") < lit("b"), table), (Strings{"true", "false", "null", "true"}));
  EXPECT_EQ(values_of(col("flag") && (col("a") > 1), table), (Strings{"false", "false", "null", "null"}));
  EXPECT_EQ(values_of(col("flag") || (col("a") > 1), table), (Strings{"true", "true", "true", "true"}));
  EXPECT_EQ(values_of(!col("flag"), table), (Strings{"false", "true", "null", "false"}));
  EXPECT_EQ(values_of(col("a").between(lit(2), col("b")), table), (Strings{"false", "false", "false", "null"}));
  EXPECT_EQ(values_of(col("i32").between(lit(0), lit(7)), table), (Strings{"true", "false", "false", "true"}));
}

TEST(EvaluateTest, NullHandling) {
  const Table table = numbers();
  EXPECT_EQ(values_of(col("a").is_null(), table), (Strings{"false", "false", "false", "true"}));
  EXPECT_EQ(values_of(col("s").is_not_null(), table), (Strings{"true", "true", "false", "true"}));
  EXPECT_EQ(values_of(col("a").fill_null(lit(0)), table), (Strings{"1", "2", "3", "0"}));
  EXPECT_EQ(values_of(col("a").fill_null(col("b")), table), (Strings{"1", "2", "3", "4"}));
  const ChunkedArray promoted = evaluate(col("a").fill_null(lit(0.5)), table);
  EXPECT_EQ(promoted.type(), DataType::float64());
  EXPECT_EQ(rendered(promoted), (Strings{"1.0", "2.0", "3.0", "0.5"}));
  EXPECT_EQ(evaluate(col("i32").fill_null(lit(0)), table).type(), DataType::int32());
  EXPECT_EQ(values_of(col("a") + lit_null(DataType::int64()), table), (Strings{"null", "null", "null", "null"}));
}

TEST(EvaluateTest, Casts) {
  const Table table = numbers();
  EXPECT_EQ(values_of(col("f").cast(DataType::int64()), table), (Strings{"0", "1", "null", "-2"}));
  EXPECT_EQ(values_of(col("a").cast(DataType::string()), table), (Strings{"1", "2", "3", "null"}));
  EXPECT_THROW(evaluate(col("s").cast(DataType::int64()), table), ComputeError);
  EXPECT_EQ(values_of(col("s").cast(DataType::int64(), CastMode::NullOnFailure), table),
            (Strings{"null", "null", "null", "null"}));
  EXPECT_THROW(resolve_type(col("flag").cast(DataType::date()), table.schema()), TypeError);
}

TEST(EvaluateTest, WhenThenOtherwise) {
  const Table table = numbers();
  const Expr sign = when(col("b") > 0).then(lit("pos")).when(col("b") < 0).then(lit("neg")).otherwise(lit("zero"));
  EXPECT_EQ(values_of(sign, table), (Strings{"pos", "zero", "neg", "pos"}));
  // The first matching branch wins; a null condition does not match.
  const Expr first = when(col("a") > 0).then(lit(1)).when(col("a") > 1).then(lit(2)).otherwise(lit(3));
  EXPECT_EQ(values_of(first, table), (Strings{"1", "1", "1", "3"}));
  EXPECT_EQ(values_of(Expr(when(col("flag")).then(col("a"))), table), (Strings{"1", "null", "null", "null"}));
  const ChunkedArray typed = evaluate(when(col("flag")).then(col("i32")).otherwise(lit(-1)), table);
  EXPECT_EQ(typed.type(), DataType::int32());
  EXPECT_EQ(rendered(typed), (Strings{"7", "-1", "-1", "0"}));
  EXPECT_EQ(evaluate(when(col("flag")).then(col("i32")).otherwise(col("f")), table).type(), DataType::float64());
  EXPECT_THROW(evaluate(when(col("a")).then(lit(1)).otherwise(lit(2)), table), TypeError);
  EXPECT_THROW(evaluate(when(col("flag")).then(lit(1)).otherwise(lit("x")), table), TypeError);
}

TEST(EvaluateTest, IsIn) {
  const Table table = numbers();
  EXPECT_EQ(values_of(col("a").is_in({Scalar::int64(2), Scalar::int64(3), Scalar::null()}), table),
            (Strings{"false", "true", "true", "null"}));
  EXPECT_EQ(values_of(col("s").is_in({Scalar::string("banana")}), table), (Strings{"false", "true", "null", "false"}));
  EXPECT_THROW(resolve_type(col("a").is_in({Scalar::string("x")}), table.schema()), TypeError);
}

TEST(EvaluateTest, Math) {
  const Table table = numbers();
  EXPECT_EQ(values_of(col("b").abs(), table), (Strings{"10", "0", "3", "4"}));
  EXPECT_EQ(values_of(col("f").round(), table), (Strings{"1.0", "2.0", "null", "-2.0"}));
  EXPECT_EQ(values_of(col("f").floor(), table), (Strings{"0.0", "1.0", "null", "-2.0"}));
  EXPECT_EQ(values_of(col("f").ceil(), table), (Strings{"1.0", "2.0", "null", "-2.0"}));
  EXPECT_EQ(values_of(col("a").sqrt(), table)[0], "1.0");
  EXPECT_EQ(values_of(col("a").exp().log(), table)[1], "2.0");
  EXPECT_EQ(values_of(col("a").pow(lit(2)), table), (Strings{"1.0", "4.0", "9.0", "null"}));
}

TEST(EvaluateTest, StringFunctions) {
  const Table table = numbers();
  EXPECT_EQ(values_of(col("s").str().len_chars(), table), (Strings{"5", "6", "null", "21"}));
  EXPECT_EQ(values_of(col("s").str().len_bytes(), table), (Strings{"5", "6", "null", "21"}));
  EXPECT_EQ(values_of(col("s").str().contains("an"), table), (Strings{"false", "true", "null", "false"}));
  EXPECT_EQ(values_of(col("s").str().contains("^[A-Z]", true), table), (Strings{"true", "false", "null", "true"}));
  EXPECT_EQ(values_of(col("s").str().starts_with("Ch"), table), (Strings{"false", "false", "null", "true"}));
  EXPECT_EQ(values_of(col("s").str().ends_with("na"), table), (Strings{"false", "true", "null", "false"}));
  EXPECT_EQ(values_of(col("s").str().to_lowercase(), table), (Strings{"apple", "banana", "null", "cherry pie with cream"}));
  EXPECT_EQ(values_of(col("s").str().to_uppercase(), table), (Strings{"APPLE", "BANANA", "null", "CHERRY PIE WITH CREAM"}));
  EXPECT_EQ(values_of(col("s").str().strip("Aa"), table), (Strings{"pple", "banan", "null", "Cherry pie with cream"}));
  EXPECT_EQ(values_of(col("s").str().replace("a", "o"), table), (Strings{"Apple", "bonono", "null", "Cherry pie with creom"}));
  EXPECT_EQ(values_of(col("s").str().replace("[aeiou]", "", true), table), (Strings{"Appl", "bnn", "null", "Chrry p wth crm"}));
  EXPECT_EQ(values_of(col("s").str().slice(-3), table), (Strings{"ple", "ana", "null", "eam"}));
  EXPECT_EQ(values_of(col("s").str().split(" "), table),
            (Strings{R"(["Apple"])", R"(["banana"])", "null", R"(["Cherry", "pie", "with", "cream"])"}));
  try {
    resolve_type(col("a").str().contains("x"), table.schema());
    FAIL();
  } catch (const TypeError& error) {
    EXPECT_NE(std::string(error.what()).find("cannot apply str.contains to column 'a' of type i64"), std::string::npos)
        << error.what();
  }
  EXPECT_THROW(evaluate(col("s").str().contains("(", true), table), InvalidInputError);
}

TEST(EvaluateTest, TemporalFunctions) {
  const int32_t day = static_cast<int32_t>(temporal::days_from_civil(2024, 3, 17));  // a Sunday
  const int64_t micros = (int64_t{day} * 86400 + 13 * 3600 + 5 * 60 + 9) * 1000000;
  const Table table = make_table({
      {"d", fixed_array<int32_t>(DataType::date(), {day, std::nullopt})},
      {"t", fixed_array<int64_t>(DataType::timestamp(TimeUnit::Micro), {micros, micros - 86400000000LL})},
  });
  EXPECT_EQ(values_of(col("d").dt().year(), table), (Strings{"2024", "null"}));
  EXPECT_EQ(values_of(col("d").dt().month(), table), (Strings{"3", "null"}));
  EXPECT_EQ(values_of(col("d").dt().day(), table), (Strings{"17", "null"}));
  EXPECT_EQ(values_of(col("d").dt().weekday(), table), (Strings{"7", "null"}));
  EXPECT_EQ(values_of(col("t").dt().hour(), table), (Strings{"13", "13"}));
  EXPECT_EQ(values_of(col("t").dt().minute(), table), (Strings{"5", "5"}));
  EXPECT_EQ(values_of(col("t").dt().second(), table), (Strings{"9", "9"}));
  EXPECT_EQ(values_of(col("t").dt().weekday(), table), (Strings{"7", "6"}));
  EXPECT_EQ(values_of(col("d").dt().truncate_month(), table), (Strings{"2024-03-01", "null"}));
  EXPECT_EQ(values_of(col("t").dt().truncate_day(), table), (Strings{"2024-03-17 00:00:00", "2024-03-16 00:00:00"}));
  // date ± a whole-day literal stays a date; other durations give timestamps.
  const Expr next_day = col("d") + lit(Scalar::duration(86400000, TimeUnit::Milli));
  EXPECT_EQ(resolve_type(next_day, table.schema()), DataType::date());
  EXPECT_EQ(values_of(next_day, table), (Strings{"2024-03-18", "null"}));
  const Expr later = col("d") + lit(Scalar::duration(3600, TimeUnit::Second));
  EXPECT_EQ(resolve_type(later, table.schema()), DataType::timestamp(TimeUnit::Second));
  EXPECT_EQ(values_of(later, table), (Strings{"2024-03-17 01:00:00", "null"}));
  EXPECT_EQ(values_of(col("t") - col("d"), table), (Strings{"47109000000us", "null"}));
  EXPECT_EQ(values_of(col("t") - lit(Scalar::duration(9, TimeUnit::Second)), table)[0], "2024-03-17 13:05:00");
  EXPECT_THROW(resolve_type(col("d").dt().hour().str().len_chars(), table.schema()), TypeError);
}

TEST(EvaluateTest, AggregationsGiveOneRow) {
  const Table table = numbers();
  EXPECT_EQ(values_of(col("a").sum(), table), (Strings{"6"}));
  EXPECT_EQ(values_of(col("a").mean(), table), (Strings{"2.0"}));
  EXPECT_EQ(values_of(col("a").count(), table), (Strings{"3"}));
  EXPECT_EQ(values_of(col("a").len(), table), (Strings{"4"}));
  EXPECT_EQ(values_of(col("a").null_count(), table), (Strings{"1"}));
  EXPECT_EQ(values_of(col("b").min(), table), (Strings{"-3"}));
  EXPECT_EQ(values_of(col("b").max(), table), (Strings{"10"}));
  EXPECT_EQ(values_of(col("a").first(), table), (Strings{"1"}));
  EXPECT_EQ(values_of(col("a").last(), table), (Strings{"null"}));
  EXPECT_EQ(values_of(col("b").median(), table), (Strings{"2.0"}));
  EXPECT_EQ(evaluate(col("b").quantile(1.0), table).combine().values<double>()[0], 10.0);
  EXPECT_EQ(values_of(col("a").n_unique(), table), (Strings{"4"}));
  EXPECT_EQ(values_of(col("a").var(), table), (Strings{"1.0"}));
  EXPECT_EQ(values_of(col("a").std(0), table).size(), 1u);
  // Pairs with a null in either column are left out: (1, 10), (2, 0), (3, -3).
  EXPECT_EQ(values_of(cov(col("a"), col("b")), table), (Strings{"-6.5"}));
  const double r = evaluate(corr(col("a"), col("b")), table).combine().values<double>()[0];
  EXPECT_NEAR(r, -6.5 / std::sqrt(1.0 * 834.0 / 9.0 / 2.0), 1e-12);  // var(a) = 1, var(b) = (834 / 9) / 2
  EXPECT_EQ(values_of(corr(col("a"), lit(2)), table), (Strings{"null"}));  // a constant has no correlation
  EXPECT_TRUE(is_scalar_result(col("a").sum() / col("b").count()));
  EXPECT_FALSE(is_scalar_result(col("a") - col("a").mean()));
  EXPECT_TRUE(is_scalar_result(lit(1) + lit(2)));
}

TEST(EvaluateTest, ElementWiseOverAggregatesAndBroadcasting) {
  const Table table = numbers();
  EXPECT_EQ(values_of(col("a").sum() / col("b").count(), table), (Strings{"1.5"}));
  EXPECT_EQ(values_of(col("a") - col("a").mean(), table), (Strings{"-1.0", "0.0", "1.0", "null"}));
  EXPECT_EQ(values_of((col("b") * 2).max() + 1, table), (Strings{"21"}));
  EXPECT_EQ(values_of(col("a").sum().alias("total"), table), (Strings{"6"}));
  EXPECT_THROW(evaluate_batch(col("a").sum(), table.to_batches()[0]), InvalidInputError);
}

TEST(EvaluateTest, EmptyAndManyChunkTables) {
  const Table empty = make_table({{"a", make_int64_array({})}, {"s", make_string_array({})}});
  const ChunkedArray result = evaluate(col("a") + 1, empty);
  EXPECT_EQ(result.length(), 0);
  EXPECT_EQ(result.type(), DataType::int64());
  EXPECT_EQ(values_of(col("a").sum(), empty), (Strings{"0"}));
  EXPECT_EQ(values_of(col("a").mean(), empty), (Strings{"null"}));
  EXPECT_EQ(evaluate(col("s").str().to_uppercase(), empty).type(), DataType::string());

  std::vector<Array> chunks;
  std::vector<std::optional<int64_t>> all;
  for (int c = 0; c < 8; ++c) {
    std::vector<std::optional<int64_t>> values;
    for (int i = 0; i < 1000; ++i) values.push_back(c * 1000 + i);
    all.insert(all.end(), values.begin(), values.end());
    chunks.push_back(make_int64_array(values));
  }
  const Table big(Schema({{"v", DataType::int64()}}), {ChunkedArray(DataType::int64(), chunks)});
  const ChunkedArray doubled = evaluate(col("v") * 2, big);
  ASSERT_EQ(doubled.length(), 8000);
  const Array combined = doubled.combine();
  for (int64_t i = 0; i < 8000; ++i) ASSERT_EQ(combined.values<int64_t>()[i], 2 * i);
  EXPECT_EQ(values_of(col("v").sum(), big), (Strings{"31996000"}));
  EXPECT_EQ(rendered(evaluate(col("v") - col("v").min(), big)).back(), "7999");
}

TEST(EvaluateTest, AllNullAndOneRowColumns) {
  const Table table = make_table({{"n", make_int64_array({std::nullopt, std::nullopt})},
                                  {"z", make_null_array(DataType::null(), 2)}});
  EXPECT_EQ(values_of(col("n") + 1, table), (Strings{"null", "null"}));
  EXPECT_EQ(values_of(col("z") + 1, table), (Strings{"null", "null"}));
  EXPECT_EQ(values_of(col("n").fill_null(lit(3)), table), (Strings{"3", "3"}));
  EXPECT_EQ(values_of(col("z").is_null(), table), (Strings{"true", "true"}));
  const Table one = make_table({{"x", make_int64_array({4})}});
  EXPECT_EQ(values_of(col("x") * col("x") + 1, one), (Strings{"17"}));
}

TEST(EvaluateTest, UnknownColumnSuggestsAName) {
  const Table table = numbers();
  try {
    evaluate(col("flg") + 1, table);
    FAIL();
  } catch (const SchemaError& error) {
    EXPECT_NE(std::string(error.what()).find("did you mean 'flag'"), std::string::npos) << error.what();
  }
}

TEST(EvaluateTest, TypeErrorsNameTheExpression) {
  const Table table = numbers();
  try {
    resolve_type(col("s") + 1, table.schema());
    FAIL();
  } catch (const TypeError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("str"), std::string::npos) << message;
    EXPECT_NE(message.find(R"((col("s") + 1))"), std::string::npos) << message;
  }
  try {
    resolve_type((col("a") + 1).dt().year(), table.schema());
    FAIL();
  } catch (const TypeError& error) {
    EXPECT_NE(std::string(error.what()).find(R"(expression (col("a") + 1) of type i64)"), std::string::npos)
        << error.what();
  }
  EXPECT_THROW(resolve_type(col("flag") + col("a"), table.schema()), TypeError);
  EXPECT_THROW(resolve_type(col("a") && col("flag"), table.schema()), TypeError);
  EXPECT_THROW(resolve_type(col("s").sum(), table.schema()), TypeError);
}

}  // namespace
}  // namespace strata
