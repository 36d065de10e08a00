// The lazy API against the eager one: every operation gives what the eager
// DataFrame gives, with and without the optimizer.
#include <gtest/gtest.h>

#include "exec/lazy_test_support.hpp"
#include "strata/core/error.hpp"

namespace strata {
namespace {

using lazy_test::frames_equal;
using lazy_test::orders;

// The query collected with every pass on, with every pass off, and with
// each pass off alone: all equal to `expected`.
void expect_collects(const LazyFrame& query, const DataFrame& expected) {
  EXPECT_TRUE(frames_equal(expected, query.collect())) << "all passes\n" << query.explain();
  CollectOptions none;
  none.optimizer = plan::OptimizerOptions::none();
  EXPECT_TRUE(frames_equal(expected, query.collect(none))) << "no passes";
  for (const std::string& pass : plan::OptimizerOptions::pass_names()) {
    CollectOptions options;
    options.optimizer = plan::OptimizerOptions().without(pass);
    EXPECT_TRUE(frames_equal(expected, query.collect(options))) << "without " << pass;
  }
}

TEST(LazyFrame, ColumnOperationsMatchEager) {
  const DataFrame df = orders(5000);
  expect_collects(lazy(df).select({col("id"), (col("amount") * 2).alias("double")}),
                  df.select({col("id"), (col("amount") * 2).alias("double")}));
  expect_collects(lazy(df).with_columns({(col("qty") + 1).alias("qty"), lit("x").alias("tag")}),
                  df.with_columns({(col("qty") + 1).alias("qty"), lit("x").alias("tag")}));
  expect_collects(lazy(df).drop({"customer", "day"}), df.drop({"customer", "day"}));
  expect_collects(lazy(df).rename({{"id", "order_id"}, {"qty", "quantity"}}),
                  df.rename({{"id", "order_id"}, {"qty", "quantity"}}));
  expect_collects(lazy(df).cast({{"qty", DataType::float64()}}), df.cast({{"qty", DataType::float64()}}));
  expect_collects(lazy(df).fill_null(Scalar::float64(0)), df.fill_null(Scalar::float64(0)));
  const DataFrame numbers = df.select({"id", "amount", "qty"});
  expect_collects(lazy(numbers).fill_null(col("qty").cast(DataType::float64())),
                  numbers.fill_null(col("qty").cast(DataType::float64())));
  expect_collects(lazy(df).drop_nulls({"amount"}), df.drop_nulls({"amount"}));
  expect_collects(lazy(df).drop_nulls(), df.drop_nulls());
}

TEST(LazyFrame, RowOperationsMatchEager) {
  const DataFrame df = orders(200000);  // several morsels
  expect_collects(lazy(df).filter(col("amount") > 100 && col("region") == "north"),
                  df.filter(col("amount") > 100 && col("region") == "north"));
  expect_collects(lazy(df).filter(col("amount") > col("amount").mean()),
                  df.filter(col("amount") > col("amount").mean()));
  expect_collects(lazy(df).head(7), df.head(7));
  expect_collects(lazy(df).slice(131070, 10), df.slice(131070, 10));
  expect_collects(lazy(df).slice(199990, -1), df.slice(199990, 10));
  expect_collects(lazy(df).sort({"amount", "id"}, {.descending = {true, false}}),
                  df.sort({"amount", "id"}, {.descending = {true, false}}));
  expect_collects(lazy(df).sort("amount").head(25), df.sort("amount").head(25));
  expect_collects(lazy(df).top_k(10, {col("qty")}, {.descending = {true}}),
                  df.sort_by({col("qty")}, {.descending = {true}}).head(10));
  expect_collects(lazy(df).unique({"customer", "region"}), df.unique({"customer", "region"}));
  expect_collects(lazy(df).unique({"region"}, UniqueKeep::Last), df.unique({"region"}, UniqueKeep::Last));
  expect_collects(lazy(df).with_row_index("n", 10).filter(col("qty") == 3).head(5),
                  [&] {
                    std::vector<int64_t> n;
                    for (int64_t i = 0; i < df.height(); ++i) n.push_back(10 + i);
                    std::vector<Series> columns{Series::from("n", n)};
                    for (const Series& s : df.columns()) columns.push_back(s);
                    return DataFrame(columns).filter(col("qty") == 3).head(5);
                  }());
}

TEST(LazyFrame, GroupingAndJoiningMatchEager) {
  const DataFrame df = orders(100000);
  const std::vector<Expr> aggs{col("amount").sum().alias("total"), col("qty").max(), col("id").count(),
                               col("amount").mean().alias("avg")};
  expect_collects(lazy(df).group_by({"region", "express"}).agg(aggs), df.group_by({"region", "express"}).agg(aggs));
  expect_collects(lazy(df).filter(col("region") != "west").group_by({"customer"}).agg(aggs).filter(col("total") > 1000),
                  df.filter(col("region") != "west").group_by({"customer"}).agg(aggs).filter(col("total") > 1000));
  expect_collects(lazy(df).group_by({"region"}).head(3), df.group_by({"region"}).head(3));
  expect_collects(lazy(df).group_by({"region"}).top_k(2, "amount"), df.group_by({"region"}).top_k(2, "amount"));

  const DataFrame customers({Series::from("customer", std::vector<std::string>{"c1", "c2", "c3", "c5", "c8"}),
                             Series::from("tier", std::vector<int64_t>{1, 2, 2, 3, 1}),
                             Series::from("region", std::vector<std::string>{"n", "s", "e", "w", "n"})});
  for (compute::JoinType how : {compute::JoinType::Inner, compute::JoinType::Left, compute::JoinType::Right,
                                compute::JoinType::Full, compute::JoinType::Semi, compute::JoinType::Anti}) {
    SCOPED_TRACE(compute::join_type_name(how));
    const JoinOptions options{how, "_c"};
    expect_collects(lazy(df).join(lazy(customers), {"customer"}, options).filter(col("qty") > 4),
                    df.join(customers, {"customer"}, options).filter(col("qty") > 4));
  }
  // A filter on the right side and on the key moves below an inner join.
  const LazyFrame joined = lazy(df).join(lazy(customers), {"customer"}, {compute::JoinType::Inner, "_c"})
                               .filter(col("tier") == 2 && col("customer") != "c3")
                               .select({col("id"), col("region_c")});
  expect_collects(joined, df.join(customers, {"customer"}, {compute::JoinType::Inner, "_c"})
                              .filter(col("tier") == 2 && col("customer") != "c3")
                              .select({col("id"), col("region_c")}));
  const std::string plan = joined.explain_optimized();
  EXPECT_EQ(plan.find("FILTER"), std::string::npos) << plan;  // every part reached a scan
  expect_collects(lazy(customers).cross_join(lazy(customers).select({"tier"})),
                  customers.cross_join(customers.select({"tier"})));
}

// The smaller input is built and the larger streamed through it, whichever
// side it is on; morsels of 64k rows make the streamed side arrive in parts.
TEST(LazyFrame, JoinsBuildTheSmallerSideAndStreamTheOther) {
  const DataFrame big = orders(150000);
  const DataFrame small = orders(300).select({col("customer"), (col("id") * 10).alias("score")});
  for (compute::JoinType how : {compute::JoinType::Inner, compute::JoinType::Left, compute::JoinType::Semi,
                                compute::JoinType::Anti}) {
    SCOPED_TRACE(compute::join_type_name(how));
    const JoinOptions options{how, "_s"};
    const LazyFrame big_left = lazy(big).join(lazy(small), {"customer"}, options);
    EXPECT_NE(big_left.explain().find("the right input built, the left streamed"), std::string::npos)
        << big_left.explain();
    EXPECT_TRUE(frames_equal(big.join(small, {"customer"}, options), big_left.collect()));
    const LazyFrame small_left = lazy(small).join(lazy(big), {"customer"}, options);
    EXPECT_NE(small_left.explain().find("the left input built, the right streamed"), std::string::npos)
        << small_left.explain();
    EXPECT_TRUE(frames_equal(small.join(big, {"customer"}, options), small_left.collect()));
    // Estimated smaller (an equality keeps a tenth) but in fact larger: both
    // sides are taken whole and the eager join chooses.
    const DataFrame medium = orders(30000).select({(col("id") * 3).alias("id"), col("qty").alias("q2")});
    const LazyFrame misestimated = lazy(big).filter(col("qty") == col("qty")).join(lazy(medium), {"id"}, options);
    EXPECT_NE(misestimated.explain().find("the left input built"), std::string::npos) << misestimated.explain();
    EXPECT_TRUE(frames_equal(big.join(medium, {"id"}, options), misestimated.collect()));
  }
}

TEST(LazyFrame, ConcatAndNested) {
  const DataFrame df = orders(3000);
  expect_collects(concat({lazy(df), lazy(df).filter(col("qty") == 1)}).filter(col("express")).head(1500),
                  concat({df, df.filter(col("qty") == 1)}).filter(col("express")).head(1500));
  const DataFrame words({Series::from("line", std::vector<std::string>{"a b", "c", "d e f"})});
  const DataFrame split = words.with_columns({col("line").str().split(" ").alias("word")});
  expect_collects(lazy(words).with_columns({col("line").str().split(" ").alias("word")}).explode("word"),
                  split.explode("word"));
}

TEST(LazyFrame, ErrorsComeWhenTheQueryIsWritten) {
  const LazyFrame q = lazy(orders(10));
  try {
    q.filter(col("amout") > 1);
    FAIL() << "an unknown column must be refused";
  } catch (const SchemaError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("filter"), std::string::npos) << message;
    EXPECT_NE(message.find("amout"), std::string::npos) << message;
    EXPECT_NE(message.find("amount"), std::string::npos) << message;  // the hint
  }
  EXPECT_THROW(q.filter(col("amount") + 1), TypeError);
  EXPECT_THROW(q.select({col("region") * 2}), TypeError);
  EXPECT_THROW(q.group_by({"regio"}).agg({col("qty").sum()}), SchemaError);
  EXPECT_THROW(q.join(q, {"nope"}), SchemaError);
  EXPECT_THROW(q.sort("nope"), SchemaError);
  EXPECT_THROW(q.with_row_index("id"), SchemaError);
  EXPECT_THROW(q.slice(-1, 2), InvalidInputError);
  EXPECT_THROW(concat({q, q.select({"id"})}), SchemaError);
}

TEST(LazyFrame, CancelledQueryStops) {
  CollectOptions options;
  options.cancellation.cancel();
  EXPECT_THROW(lazy(orders(100)).filter(col("qty") > 1).collect(options), CancelledError);
}

TEST(LazyFrame, ProfileCountsRowsPerOperator) {
  const DataFrame df = orders(150000);
  const auto [result, profile] = lazy(df).filter(col("qty") == 2).select({"id", "amount"}).profile();
  EXPECT_EQ(result.height(), df.filter(col("qty") == 2).height());
  ASSERT_GE(profile.operators.size(), 2u);
  EXPECT_EQ(profile.operators[0].rows_out, result.height());
  const OperatorProfile& scan = profile.operators.back();
  EXPECT_EQ(scan.name, "frame scan");
  // The filter went into the scan: it produces the filtered rows.
  EXPECT_EQ(scan.rows_out, result.height());
  EXPECT_GT(scan.batches_out, 1);
  EXPECT_NE(profile.to_string().find("frame scan"), std::string::npos);
}

TEST(LazyFrame, ExplainShowsThreePlans) {
  const std::string text = lazy(orders(10)).filter(col("qty") > 1).sort("id").head(3).explain();
  EXPECT_NE(text.find("== logical plan =="), std::string::npos);
  EXPECT_NE(text.find("== optimized plan =="), std::string::npos);
  EXPECT_NE(text.find("== physical plan =="), std::string::npos);
  EXPECT_NE(text.find("TOP_K 3"), std::string::npos) << text;
  EXPECT_NE(text.find("SELECTION"), std::string::npos) << text;
}

}  // namespace
}  // namespace strata
