#include <gtest/gtest.h>

#include "expr/expr_test_support.hpp"
#include "strata/core/error.hpp"
#include "strata/expr/evaluate.hpp"

namespace strata {
namespace {

using namespace expr_testing;

// One column of most types, three rows each, with a null in each column.
Table every_type() {
  return make_table({
      {"i8", fixed_array<int8_t>(DataType::int8(), {1, -2, std::nullopt})},
      {"i32", fixed_array<int32_t>(DataType::int32(), {10, std::nullopt, -30})},
      {"i64", make_int64_array({100, 200, std::nullopt})},
      {"u8", fixed_array<uint8_t>(DataType::uint8(), {1, 2, std::nullopt})},
      {"u64", fixed_array<uint64_t>(DataType::uint64(), {5, std::nullopt, 7})},
      {"f32", fixed_array<float>(DataType::float32(), {1.5f, std::nullopt, -2.5f})},
      {"f64", make_float64_array({0.25, 4.0, std::nullopt})},
      {"dec", fixed_array<Int128>(DataType::decimal(10, 2), {12345, std::nullopt, -500})},
      {"b", make_bool_array({true, std::nullopt, false})},
      {"s", make_string_array({"alpha", "Beta gamma delta", std::nullopt})},
      {"cat", make_categorical(make_string_array({"x", std::nullopt, "y"}))},
      {"d", fixed_array<int32_t>(DataType::date(), {19000, 19001, std::nullopt})},
      {"ts", fixed_array<int64_t>(DataType::timestamp(TimeUnit::Milli), {1700000000000, std::nullopt, 0})},
      {"dur", fixed_array<int64_t>(DataType::duration(TimeUnit::Second), {60, 3600, std::nullopt})},
      {"n", make_null_array(DataType::null(), 3)},
  });
}

std::vector<Expr> expressions_of_every_kind() {
  const Scalar day = Scalar::duration(86400, TimeUnit::Second);
  return {
      col("i8") + col("u8"), col("i32") + 1, col("i64") - col("i32"), col("u64") * col("i8"),
      col("i32") / col("i64"), col("f32") + col("i8"), col("f32") * 2.0, col("i64") % lit(7),
      floordiv(col("f64"), lit(2)), col("dec") + col("i32"), col("dec") * col("dec"), col("dec") - 1,
      col("dec") / col("f64"), -col("i32"), -col("dec"), -col("dur"), col("n") + col("i32"), col("n") + 1,
      col("i32") == col("f64"), col("s") < lit("b"), col("cat") == lit("x"), col("cat") != col("s"),
      col("b") == lit(true), col("d") < col("ts"), col("dur") >= lit(Scalar::duration(100, TimeUnit::Milli)),
      col("dec") > 100, col("b") && lit(false), col("b") || col("n"), !col("b"), col("i64").is_null(),
      col("s").is_not_null(), col("i32").fill_null(lit(0)), col("i8").fill_null(col("f32")),
      col("cat").fill_null(lit("z")), col("n").fill_null(lit(1)), col("i64").is_in({Scalar::int64(100)}),
      col("cat").is_in({Scalar::string("y")}), col("f64").between(lit(0), lit(1)),
      col("i32").cast(DataType::string()), col("s").cast(DataType::int64(), CastMode::NullOnFailure),
      col("ts").cast(DataType::date()), col("d").cast(DataType::timestamp(TimeUnit::Nano)),
      col("s").cast(DataType::categorical()), col("f64").cast(DataType::decimal(8, 3)), col("i8").abs(),
      col("f32").abs(), col("dec").abs(), col("dur").abs(), col("f64").round(1), col("dec").round(1),
      col("i32").round(-1), col("f32").floor(), col("dec").ceil(), col("i32").sqrt(), col("f32").sqrt(),
      col("f64").log(), col("i8").exp(), col("i32").pow(lit(2)), col("f32").pow(lit(2)),
      col("s").str().len_chars(), col("cat").str().len_bytes(), col("s").str().contains("a"),
      col("cat").str().contains("x|y", true), col("s").str().starts_with("al"), col("s").str().ends_with("a"),
      col("s").str().to_lowercase(), col("cat").str().to_uppercase(), col("s").str().strip("a"),
      col("s").str().replace("a", "b"), col("s").str().replace("(a)", "<\\1>", true), col("s").str().slice(1, 2),
      col("cat").str().slice(-1), col("s").str().split(" "), col("n").str().len_chars(), col("d").dt().year(),
      col("ts").dt().month(), col("d").dt().day(), col("ts").dt().hour(), col("ts").dt().minute(),
      col("ts").dt().second(), col("d").dt().weekday(), col("d").dt().truncate_day(),
      col("ts").dt().truncate_month(), col("d") + lit(day), col("d") - lit(day), col("d") + col("dur"),
      col("ts") + col("dur"), col("ts") - col("ts"), col("d") - col("d"), col("dur") * lit(2),
      when(col("b")).then(col("i32")).otherwise(lit(0)), when(col("b")).then(lit("yes")).otherwise(col("cat")),
      when(col("b")).then(col("cat")).otherwise(col("cat")), Expr(when(col("b")).then(col("f32"))),
      when(col("n")).then(lit(1)).otherwise(lit(2.5)), col("i64").sum(), col("i8").sum(), col("u8").sum(),
      col("f32").mean(), col("s").min(), col("d").max(), col("i32").count(), col("s").null_count(),
      col("s").len(), col("cat").n_unique(), col("ts").first(), col("dec").last(), col("f64").std(),
      col("i32").var(0), col("i64").median(), col("f64").quantile(0.9), col("i64").sum() / col("i32").count(),
      col("i64") - col("i64").mean(), col("i32") + col("i32").max(), lit(1) + lit(2), lit("x"),
      lit_null(DataType::int32()), col("i64").alias("renamed"),
  };
}

TEST(TypeResolutionTest, ResolvedTypeMatchesEvaluatedType) {
  const Table table = every_type();
  for (const Expr& expr : expressions_of_every_kind()) {
    SCOPED_TRACE(expr.to_string());
    const DataType resolved = resolve_type(expr, table.schema());
    const ChunkedArray values = evaluate(expr, table);
    EXPECT_EQ(resolved, values.type()) << resolved.to_string() << " vs " << values.type().to_string();
    EXPECT_EQ(values.length(), is_scalar_result(expr) ? 1 : table.num_rows());
    if (!contains_aggregation(expr)) {
      const Array batch = evaluate_batch(expr, table.to_batches()[0]);
      EXPECT_EQ(batch.type(), resolved);
      EXPECT_EQ(batch.length(), table.num_rows());
      if (!is_scalar_result(expr)) {
        EXPECT_EQ(rendered(ChunkedArray(batch)), rendered(values));
      }
    }
  }
}

TEST(TypeResolutionTest, SelectedResultTypes) {
  const Schema schema = every_type().schema();
  EXPECT_EQ(resolve_type(col("i8") + col("u8"), schema), DataType::int16());
  EXPECT_EQ(resolve_type(col("u64") * col("i8"), schema), DataType::float64());
  EXPECT_EQ(resolve_type(col("dec") + col("i32"), schema), DataType::decimal(13, 2));
  EXPECT_EQ(resolve_type(col("i32") / col("i64"), schema), DataType::float64());
  EXPECT_EQ(resolve_type(col("s").str().split(","), schema), DataType::list(DataType::string()));
  EXPECT_EQ(resolve_type(col("cat").str().to_uppercase(), schema), DataType::string());
  EXPECT_EQ(resolve_type(col("d").dt().year(), schema), DataType::int32());
  EXPECT_EQ(resolve_type(col("d").dt().truncate_month(), schema), DataType::date());
  EXPECT_EQ(resolve_type(col("ts") - col("ts"), schema), DataType::duration(TimeUnit::Milli));
  EXPECT_EQ(resolve_type(col("d") - col("d"), schema), DataType::duration(TimeUnit::Milli));
  EXPECT_EQ(resolve_type(col("i64").sum(), schema), DataType::int64());
  EXPECT_EQ(resolve_type(corr(col("i8"), col("dec")), schema), DataType::float64());
  EXPECT_EQ(resolve_type(cov(col("u64"), col("i32") * 2), schema), DataType::float64());
  EXPECT_EQ(resolve_type(col("i64").alias("x"), schema), DataType::int64());
  EXPECT_EQ(resolve_type(lit_null(DataType::int32()), schema), DataType::int32());
}

TEST(TypeResolutionTest, Errors) {
  const Schema schema = every_type().schema();
  EXPECT_THROW(resolve_type(col("nope"), schema), SchemaError);
  EXPECT_THROW(resolve_type(col("s") * 2, schema), TypeError);
  EXPECT_THROW(resolve_type(col("d") + col("d"), schema), TypeError);
  EXPECT_THROW(resolve_type(col("i32") == col("s"), schema), TypeError);
  EXPECT_THROW(resolve_type(col("i32").str().to_uppercase(), schema), TypeError);
  EXPECT_THROW(resolve_type(col("s").dt().year(), schema), TypeError);
  EXPECT_THROW(resolve_type(col("s").abs(), schema), TypeError);
  EXPECT_THROW(resolve_type(corr(col("i32"), col("s")), schema), TypeError);
  EXPECT_THROW(resolve_type(cov(col("d"), col("i32")), schema), TypeError);
  EXPECT_THROW(resolve_type(-col("u8"), schema), TypeError);
  EXPECT_THROW(resolve_type(!col("i32"), schema), TypeError);
  EXPECT_THROW(resolve_type(col("s").fill_null(lit(1)), schema), TypeError);
  EXPECT_THROW(resolve_type(col("s").between(lit(1), lit(2)), schema), TypeError);
  EXPECT_THROW(resolve_type(col("dec") % col("dec"), schema), TypeError);
  EXPECT_THROW(resolve_type(col("d").cast(DataType::float64()), schema), TypeError);
  try {
    resolve_type(col("b").dt().hour(), schema);
    FAIL();
  } catch (const TypeError& error) {
    EXPECT_NE(std::string(error.what()).find("column 'b' of type bool"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace strata
