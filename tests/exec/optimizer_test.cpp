// The optimizer's passes, each checked on the plan it produces.
#include <gtest/gtest.h>

#include "strata/core/error.hpp"
#include "strata/exec/lazy_frame.hpp"
#include "strata/plan/optimizer.hpp"
#include "strata/plan/row_estimates.hpp"

namespace strata::plan {
namespace {

DataFrame sample() {
  return DataFrame({Series::from("a", std::vector<int64_t>{1, 2, 3, 4}),
                    Series::from("b", std::vector<std::string>{"w", "x", "y", "z"}),
                    Series::from("c", std::vector<double>{0.5, 1.5, 2.5, 3.5})});
}

std::string optimized(const LazyFrame& query, const OptimizerOptions& options = {}) {
  return plan_to_string(*optimize(query.logical_plan(), options));
}

TEST(Optimizer, PassNamesAndSwitches) {
  EXPECT_EQ(OptimizerOptions::pass_names().size(), 6u);
  EXPECT_FALSE(OptimizerOptions().without("predicate_pushdown").predicate_pushdown);
  EXPECT_TRUE(OptimizerOptions().without("predicate_pushdown").projection_pushdown);
  EXPECT_THROW(OptimizerOptions().without("nope"), InvalidInputError);
}

TEST(Optimizer, PredicatesReachTheScanThroughProjectionsAndSorts) {
  const LazyFrame q = lazy(sample())
                          .with_columns({(col("c") * 2).alias("d")})
                          .rename({{"a", "x"}})
                          .sort("c")
                          .filter(col("x") > 1 && col("d") < 6);
  const std::string plan = optimized(q);
  // x > 1 is renamed back to a > 1 and reaches the scan; d is computed, so
  // its part stays above the with_columns.
  EXPECT_NE(plan.find("SELECTION (col(\"a\") > 1)"), std::string::npos) << plan;
  // (6 became the f64 literal 6.0: literals are typed once, in the plan)
  EXPECT_NE(plan.find("FILTER (col(\"d\") < 6.0)"), std::string::npos) << plan;
  EXPECT_EQ(optimized(q, OptimizerOptions().without("predicate_pushdown")).find("SELECTION"), std::string::npos);
}

TEST(Optimizer, PredicatesStopAtAggregatesAndSlices) {
  const LazyFrame grouped =
      lazy(sample()).group_by({"b"}).agg({col("a").sum().alias("s")}).filter(col("b") != "x" && col("s") > 2);
  const std::string plan = optimized(grouped);
  EXPECT_NE(plan.find("SELECTION (col(\"b\") != \"x\")"), std::string::npos) << plan;
  EXPECT_NE(plan.find("FILTER (col(\"s\") > 2)"), std::string::npos) << plan;
  const std::string sliced = optimized(lazy(sample()).head(2).filter(col("a") > 1));
  EXPECT_LT(sliced.find("FILTER"), sliced.find("SLICE")) << sliced;
}

TEST(Optimizer, ProjectionsReachTheScan) {
  const LazyFrame q = lazy(sample()).with_columns({(col("c") + 1).alias("e")}).filter(col("a") > 1).select({"e"});
  const std::string plan = optimized(q);
  EXPECT_NE(plan.find("PROJECT 1/3 COLUMNS [c]; SELECTION (col(\"a\") > 1)"), std::string::npos) << plan;
  EXPECT_NE(optimized(q, OptimizerOptions().without("projection_pushdown")).find("PROJECT */3"), std::string::npos);
}

TEST(Optimizer, SortThenLimitBecomesTopK) {
  const LazyFrame q = lazy(sample()).sort("c", {.descending = {true}}).select({"a", "c"}).head(2);
  const std::string plan = optimized(q);
  EXPECT_NE(plan.find("TOP_K 2"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("SORT"), std::string::npos) << plan;
  EXPECT_NE(optimized(lazy(sample()).head(3)).find("LIMIT 3"), std::string::npos);
  EXPECT_NE(optimized(q, OptimizerOptions().without("slice_pushdown")).find("SORT"), std::string::npos);
}

TEST(Optimizer, ConstantsFoldAndTrueFiltersDisappear) {
  const LazyFrame q = lazy(sample())
                          .filter(lit(true) && (col("a") > lit(1) + lit(1)))
                          .filter(lit(2) > lit(1))
                          .select({(col("c") * (lit(2) * lit(3))).alias("c6")});
  const std::string plan = optimized(q, OptimizerOptions::none());
  EXPECT_NE(plan.find("(1 + 1)"), std::string::npos) << plan;
  OptimizerOptions only_simplify = OptimizerOptions::none();
  only_simplify.simplify_expressions = true;
  const std::string simplified = optimized(q, only_simplify);
  EXPECT_EQ(simplified.find("FILTER (col(\"a\") > 2)"), simplified.find("FILTER")) << simplified;
  EXPECT_EQ(simplified.find("FILTER", simplified.find("FILTER") + 1), std::string::npos) << simplified;
  EXPECT_NE(simplified.find("(col(\"c\") * 6)"), std::string::npos) << simplified;
  EXPECT_TRUE(q.collect().equals(q.collect({OptimizerOptions::none(), {}})));
}

TEST(Optimizer, ASubplanUsedTwiceIsComputedOnce) {
  const LazyFrame totals = lazy(sample()).filter(col("a") > 1).group_by({"b"}).agg({col("a").sum().alias("s")});
  const LazyFrame q = totals.join(totals.select({col("b"), (col("s") * 2).alias("d")}), {"b"});
  const std::string plan = optimized(q);
  const size_t first = plan.find("CACHE #0");
  ASSERT_NE(first, std::string::npos) << plan;
  EXPECT_NE(plan.find("CACHE #0", first + 1), std::string::npos) << plan;
  EXPECT_EQ(optimized(q, OptimizerOptions().without("common_subplans")).find("CACHE"), std::string::npos);
  const auto [result, profile] = q.profile();
  EXPECT_TRUE(result.equals(q.collect({OptimizerOptions::none(), {}})));
  // The group-by ran once: one of its two copies reports its rows, the
  // other (read from the cache) none.
  int64_t grouped_rows = 0;
  for (const OperatorProfile& op : profile.operators)
    if (op.name == "group_by") grouped_rows += op.rows_out;
  EXPECT_EQ(grouped_rows, result.height());
}

// The two uses of `both` need different columns of its scans after
// projection pushdown; they still share one computation, which reads the
// union of the columns, each use selecting its own.
TEST(Optimizer, UsesNeedingDifferentColumnsShareOneSubplan) {
  const DataFrame left({Series::from("k", std::vector<int64_t>{1, 2, 3, 2}),
                        Series::from("x", std::vector<int64_t>{10, 20, 30, 40}),
                        Series::from("y", std::vector<std::string>{"p", "q", "r", "s"})});
  const DataFrame right({Series::from("k", std::vector<int64_t>{2, 3, 4}),
                         Series::from("w", std::vector<double>{0.5, 1.5, 2.5})});
  const LazyFrame both = lazy(left).join(lazy(right), {"k"});
  const LazyFrame q = both.select({col("k"), col("x")})
                          .join(both.group_by({"k"}).agg({col("w").sum().alias("sw")}), {"k"});
  const std::string plan = optimized(q);
  const size_t first = plan.find("CACHE #0");
  ASSERT_NE(first, std::string::npos) << plan;
  EXPECT_NE(plan.find("CACHE #0", first + 1), std::string::npos) << plan;
  EXPECT_EQ(plan.find("CACHE #1"), std::string::npos) << plan;
  const auto [result, profile] = q.profile();
  EXPECT_TRUE(result.equals(q.collect({OptimizerOptions::none(), {}})));
  EXPECT_EQ(result.column_names(), (std::vector<std::string>{"k", "x", "sw"}));
  int64_t joined_rows = 0;  // the shared join ran once
  for (const OperatorProfile& op : profile.operators)
    if (op.name == "inner join" && op.depth > 1) joined_rows += op.rows_out;
  EXPECT_EQ(joined_rows, 3);
}

// Row estimates rank a join's inputs: exact frame sizes, fixed
// selectivities, one row for an aggregating select, a fact joined with a
// filtered dimension keeping the dimension's share.
TEST(RowEstimates, FollowSizesSelectivitiesAndJoins) {
  std::vector<int64_t> keys(1000), small_keys(100);
  for (int64_t i = 0; i < 1000; ++i) keys[static_cast<size_t>(i)] = i % 100;
  for (int64_t i = 0; i < 100; ++i) small_keys[static_cast<size_t>(i)] = i;
  const LazyFrame fact = lazy(DataFrame({Series::from("k", keys)}));
  const LazyFrame dimension = lazy(DataFrame({Series::from("k", small_keys)}));
  EXPECT_DOUBLE_EQ(plan::estimated_rows(*fact.logical_plan()), 1000);
  EXPECT_DOUBLE_EQ(plan::estimated_rows(*fact.filter(col("k") == 3).logical_plan()), 100);
  EXPECT_DOUBLE_EQ(plan::estimated_rows(*fact.select({col("k").max()}).logical_plan()), 1);
  EXPECT_DOUBLE_EQ(plan::estimated_rows(*fact.select({col("k") + 1}).logical_plan()), 1000);
  EXPECT_DOUBLE_EQ(plan::estimated_rows(*fact.join(dimension.filter(col("k") == 3), {"k"}).logical_plan()), 100);
  EXPECT_DOUBLE_EQ(plan::estimated_rows(*fact.group_by({"k"}).agg({col("k").len().alias("n")}).logical_plan()), 100);
}

TEST(Optimizer, RepeatedComputationsAreHoisted) {
  const Expr revenue = col("c") * (lit(1) - col("a"));
  const LazyFrame q = lazy(sample()).group_by({"b"}).agg(
      {revenue.sum().alias("r"), (revenue * 2).sum().alias("r2"), col("a").max()});
  const std::string plan = optimized(q);
  EXPECT_NE(plan.find("WITH_COLUMNS [(col(\"c\") * (1 - col(\"a\"))).alias(\"__cse_0\")]"), std::string::npos) << plan;
  EXPECT_NE(plan.find("col(\"__cse_0\").sum().alias(\"r\")"), std::string::npos) << plan;
  EXPECT_EQ(optimized(q, OptimizerOptions().without("common_subexpressions")).find("__cse"), std::string::npos);
  EXPECT_TRUE(q.collect().equals(q.collect({OptimizerOptions::none(), {}})));
  // with_columns keeps its output: the hidden column does not appear.
  const LazyFrame w = lazy(sample()).with_columns({(revenue + 1).alias("x"), (revenue - 1).alias("y")});
  EXPECT_EQ(w.collect().column_names(), (std::vector<std::string>{"a", "b", "c", "x", "y"}));
  EXPECT_TRUE(w.collect().equals(w.collect({OptimizerOptions::none(), {}})));
}

}  // namespace
}  // namespace strata::plan
