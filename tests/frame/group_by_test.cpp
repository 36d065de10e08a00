#include <gtest/gtest.h>

#include <cmath>

#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/frame/dataframe.hpp"

namespace strata {
namespace {

using Ints = std::vector<std::optional<int64_t>>;
using Doubles = std::vector<std::optional<double>>;
using Strings = std::vector<std::optional<std::string>>;

// Values checked by hand below:
//   store  item   qty  price
//   "b"    "x"    1    2.0
//   "a"    "y"    3    1.0
//   "b"    "y"    null 4.0
//   null   "x"    5    0.5
//   "a"    "y"    7    null
//   "b"    "x"    2    3.0
DataFrame sales() {
  return DataFrame({Series::from("store", Strings{"b", "a", "b", std::nullopt, "a", "b"}),
                    Series::from("item", Strings{"x", "y", "y", "x", "y", "x"}),
                    Series::from("qty", Ints{1, 3, std::nullopt, 5, 7, 2}),
                    Series::from("price", Doubles{2.0, 1.0, 4.0, 0.5, std::nullopt, 3.0})});
}

TEST(GroupByTest, AggregatesInFirstAppearanceOrder) {
  const DataFrame out = sales().group_by({"store"}).agg(
      {col("qty").sum(), col("price").mean().alias("avg_price"), col("qty").count().alias("n"),
       col("item").first().alias("first_item"), col("qty").max().alias("max_qty")});
  EXPECT_EQ(out.column_names(),
            (std::vector<std::string>{"store", "qty", "avg_price", "n", "first_item", "max_qty"}));
  EXPECT_EQ(out["store"].to_strings(), (Strings{"b", "a", std::nullopt}));
  EXPECT_EQ(out["qty"].to_int64(), (Ints{3, 10, 5}));
  EXPECT_EQ(out["avg_price"].to_double(), (Doubles{3.0, 1.0, 0.5}));
  EXPECT_EQ(out["n"].to_int64(), (Ints{2, 2, 1}));
  EXPECT_EQ(out["first_item"].to_strings(), (Strings{"x", "y", "x"}));
  EXPECT_EQ(out["max_qty"].to_int64(), (Ints{2, 7, 5}));
}

TEST(GroupByTest, ExpressionsAroundAggregates) {
  const DataFrame out = sales().group_by({"store"}).agg(
      {(col("qty").sum() * lit(10)).alias("qty_x10"), (col("price").max() - col("price").min()).alias("spread"),
       (col("qty") * col("price")).sum().alias("revenue")});
  EXPECT_EQ(out["qty_x10"].to_int64(), (Ints{30, 100, 50}));
  EXPECT_EQ(out["spread"].to_double(), (Doubles{2.0, 0.0, 0.0}));
  // b: 1*2 + null + 2*3 = 8; a: 3*1 + null = 3; null: 5*0.5 = 2.5
  EXPECT_EQ(out["revenue"].to_double(), (Doubles{8.0, 3.0, 2.5}));
}

TEST(GroupByTest, SeveralKeysAndSortedOutput) {
  const DataFrame out = sales().group_by(std::vector<std::string>{"store", "item"}, /*maintain_order=*/false).agg({col("qty").sum()});
  EXPECT_EQ(out["store"].to_strings(), (Strings{"a", "b", "b", std::nullopt}));
  EXPECT_EQ(out["item"].to_strings(), (Strings{"y", "x", "y", "x"}));
  EXPECT_EQ(out["qty"].to_int64(), (Ints{10, 3, 0, 5}));
}

TEST(GroupByTest, KeyExpressionsAndKeysInsideAgg) {
  const DataFrame out = sales().group_by({(col("qty") > lit(2)).alias("big")}).agg(
      {col("qty").len().alias("rows"), col("big").alias("flag")});
  EXPECT_EQ(out["big"].to_bool(), (std::vector<std::optional<bool>>{false, true, std::nullopt}));
  EXPECT_EQ(out["rows"].to_int64(), (Ints{2, 3, 1}));
  EXPECT_EQ(out["flag"].to_bool(), (std::vector<std::optional<bool>>{false, true, std::nullopt}));
}

TEST(GroupByTest, StdMedianNUniqueNullCount) {
  const DataFrame out = sales().group_by({"item"}).agg(
      {col("price").median().alias("median"), col("qty").null_count().alias("missing"),
       col("store").n_unique().alias("stores"), col("qty").std(0).alias("std")});
  EXPECT_EQ(out["item"].to_strings(), (Strings{"x", "y"}));
  // x: prices 2.0, 0.5, 3.0 -> 2.0; y: 1.0, 4.0 (and null) -> 2.5
  EXPECT_EQ(out["median"].to_double(), (Doubles{2.0, 2.5}));
  EXPECT_EQ(out["missing"].to_int64(), (Ints{0, 1}));
  EXPECT_EQ(out["stores"].to_int64(), (Ints{2, 2}));  // x: b, null   y: a, b
  // x: qty 1, 5, 2 -> mean 8/3, population variance 26/9
  EXPECT_NEAR(*out["std"].to_double()[0], std::sqrt(26.0 / 9.0), 1e-12);
  EXPECT_NEAR(*out["std"].to_double()[1], 2.0, 1e-12);  // y: 3, 7
}

TEST(GroupByTest, CorrelationAndCovarianceOfTwoColumns) {
  // Pairs per store, rows with a null in qty or price left out:
  //   b: (1, 2.0), (2, 3.0)   a: (3, 1.0)   null: (5, 0.5)
  const DataFrame out = sales().group_by({"store"}).agg(
      {corr(col("qty"), col("price")).alias("r"), cov(col("qty"), col("price")).alias("c"),
       cov(col("qty"), col("price"), 0).alias("c0"), corr(col("qty"), col("price")).pow(lit(2)).alias("r2")});
  EXPECT_EQ(out["store"].to_strings(), (Strings{"b", "a", std::nullopt}));
  EXPECT_EQ(out["r"].to_double(), (Doubles{1.0, std::nullopt, std::nullopt}));  // one pair: no correlation
  EXPECT_EQ(out["c"].to_double(), (Doubles{0.5, std::nullopt, std::nullopt}));
  EXPECT_EQ(out["c0"].to_double(), (Doubles{0.25, 0.0, 0.0}));
  EXPECT_EQ(out["r2"].to_double(), (Doubles{1.0, std::nullopt, std::nullopt}));
  // Named after the first column; the whole frame gives one row.
  const DataFrame whole = sales().select({corr(col("qty"), col("price") * -1), cov(col("price"), col("qty"))});
  EXPECT_EQ(whole.column_names(), (std::vector<std::string>{"qty", "price"}));
  ASSERT_EQ(whole.height(), 1);
  // qty 1, 3, 5, 2 against price 2.0, 1.0, 0.5, 3.0: mean 2.75 and 1.625.
  const double sxy = -1.75 * 0.375 + 0.25 * -0.625 + 2.25 * -1.125 + -0.75 * 1.375;
  const double sxx = 1.75 * 1.75 + 0.25 * 0.25 + 2.25 * 2.25 + 0.75 * 0.75;
  const double syy = 0.375 * 0.375 + 0.625 * 0.625 + 1.125 * 1.125 + 1.375 * 1.375;
  EXPECT_NEAR(*whole["qty"].to_double()[0], -sxy / std::sqrt(sxx * syy), 1e-12);
  EXPECT_NEAR(*whole["price"].to_double()[0], sxy / 3.0, 1e-12);
  EXPECT_THROW(sales().group_by({"store"}).agg({corr(col("qty"), col("item"))}), TypeError);
  EXPECT_THROW(sales().group_by({"store"}).agg({corr(col("qty").sum(), col("price"))}), UnsupportedError);
}

TEST(GroupByTest, Count) {
  const DataFrame out = sales().group_by({"item"}).count();
  EXPECT_EQ(out.column_names(), (std::vector<std::string>{"item", "count"}));
  EXPECT_EQ(out["count"].to_int64(), (Ints{3, 3}));
}

TEST(GroupByTest, BareColumnIsATypeErrorWithAHint) {
  try {
    sales().group_by({"store"}).agg({col("qty")});
    FAIL() << "expected a TypeError";
  } catch (const TypeError& error) {
    EXPECT_NE(std::string(error.what()).find("first()"), std::string::npos) << error.what();
  }
  EXPECT_THROW(sales().group_by({"store"}).agg({col("item").sum()}), TypeError);
  EXPECT_THROW(sales().group_by({"nope"}), SchemaError);
  EXPECT_THROW(sales().group_by({"store"}).agg({col("qty").sum(), col("price").sum().alias("qty")}), SchemaError);
}

TEST(GroupByTest, EmptyFrameAndAllNullKeys) {
  const DataFrame empty({Series::from("k", Strings{}), Series::from("v", Ints{})});
  const DataFrame out = empty.group_by({"k"}).agg({col("v").sum()});
  EXPECT_EQ(out.height(), 0);
  EXPECT_EQ(out.column_names(), (std::vector<std::string>{"k", "v"}));

  const DataFrame nulls({Series::from("k", Ints{std::nullopt, std::nullopt}), Series::from("v", Ints{1, 2})});
  const DataFrame grouped = nulls.group_by({"k"}).agg({col("v").sum()});
  EXPECT_EQ(grouped["k"].to_int64(), (Ints{std::nullopt}));
  EXPECT_EQ(grouped["v"].to_int64(), (Ints{3}));
}

TEST(GroupByTest, LargeFrameMatchesHandComputedSums) {
  const int64_t n = 600000;
  std::vector<std::string> keys(static_cast<size_t>(n));
  std::vector<int64_t> values(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    keys[static_cast<size_t>(i)] = "id" + std::to_string(i % 3);
    values[static_cast<size_t>(i)] = i;
  }
  const DataFrame frame({Series::from("id", keys), Series::from("v", values)});
  const DataFrame out = frame.group_by({"id"}).agg({col("v").sum(), col("v").mean().alias("mean")});
  EXPECT_EQ(out["id"].to_strings(), (Strings{"id0", "id1", "id2"}));
  // group r holds r, r+3, ..., n-3+r: n/3 values, sum = (n/3) * r + 3 * (n/3)(n/3 - 1)/2
  const int64_t m = n / 3;
  EXPECT_EQ(out["v"].to_int64(), (Ints{3 * m * (m - 1) / 2, m + 3 * m * (m - 1) / 2, 2 * m + 3 * m * (m - 1) / 2}));
  EXPECT_EQ(out["mean"].to_double(), (Doubles{(n - 3) / 2.0, (n - 1) / 2.0, (n + 1) / 2.0}));
}

}  // namespace
}  // namespace strata
