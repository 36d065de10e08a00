// GroupByAccumulator against group_by().agg(): the parts of a frame, added
// from several threads in any order, must give the eager result.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <sstream>
#include <thread>

#include "frame/parts_test_support.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/frame/group_by_accumulator.hpp"

namespace strata {
namespace {

// Keys with repeats and nulls (a string and an integer key), values whose
// sums are exact in binary (quarters) so that any grouping order gives the
// same sums.
DataFrame sample(int64_t rows, std::mt19937& random) {
  std::vector<std::optional<std::string>> name;
  std::vector<std::optional<int32_t>> bucket;
  std::vector<std::optional<double>> amount;
  std::vector<std::optional<int64_t>> count;
  for (int64_t i = 0; i < rows; ++i) {
    name.push_back(random() % 8 == 0 ? std::nullopt : std::optional<std::string>("n" + std::to_string(random() % 12)));
    bucket.push_back(static_cast<int32_t>(random() % 3));
    amount.push_back(random() % 6 == 0 ? std::nullopt : std::optional<double>(static_cast<double>(random() % 400) / 4));
    count.push_back(static_cast<int64_t>(random() % 1000));
  }
  return DataFrame({Series::from("name", name), Series::from("bucket", bucket), Series::from("amount", amount),
                    Series::from("count", count)});
}

using parts_test::same;

std::vector<DataFrame> parts_of(const DataFrame& frame, std::mt19937& random) {
  return parts_test::parts_of(frame, random, 300);
}

const std::vector<Expr>& aggregations() {
  static const std::vector<Expr> aggs = {
      col("amount").sum().alias("total"),
      col("amount").mean().alias("average"),
      col("count").min().alias("low"),
      col("count").max().alias("high"),
      col("amount").count().alias("valued"),
      col("amount").null_count().alias("missing"),
      col("count").len().alias("rows"),
      col("count").n_unique().alias("distinct"),
      col("amount").first().alias("first"),
      col("amount").last().alias("last"),
      col("count").median().alias("median"),
      (col("amount").sum() / col("count").max() + 1).alias("ratio"),
      (col("count") * 2).max().alias("double_high"),
  };
  return aggs;
}

TEST(GroupByAccumulatorTest, PartsInAnyOrderFromSeveralThreadsGiveTheEagerResult) {
  std::mt19937 random(5);
  for (int round = 0; round < 12; ++round) {
    const DataFrame frame = sample(static_cast<int64_t>(random() % 3000), random);
    const bool ordered = round % 2 == 0;
    const std::vector<Expr> keys = round % 3 == 0 ? std::vector<Expr>{col("name")}
                                                  : std::vector<Expr>{col("name"), (col("bucket") + 1).alias("b")};
    const DataFrame expected = frame.group_by(keys, ordered).agg(aggregations());
    GroupByAccumulator accumulator(frame.schema(), keys, aggregations(), ordered);
    const std::vector<DataFrame> parts = parts_of(frame, random);
    const std::vector<int64_t> order = parts_test::shuffled_order(parts.size(), random);
    // Two threads take the shuffled parts alternately.
    std::thread other([&] {
      for (size_t i = 1; i < order.size(); i += 2) accumulator.add(order[i], parts[static_cast<size_t>(order[i])]);
    });
    for (size_t i = 0; i < order.size(); i += 2) accumulator.add(order[i], parts[static_cast<size_t>(order[i])]);
    other.join();
    EXPECT_TRUE(same(expected, accumulator.finish())) << "round " << round;
  }
}

TEST(GroupByAccumulatorTest, NoRowsGiveTheEagerEmptyResult) {
  std::mt19937 random(3);
  const DataFrame frame = sample(0, random);
  const DataFrame expected = frame.group_by({"name"}).agg(aggregations());
  GroupByAccumulator nothing_added(frame.schema(), {col("name")}, aggregations(), false);
  EXPECT_TRUE(same(expected, nothing_added.finish()));
  GroupByAccumulator empty_parts(frame.schema(), {col("name")}, aggregations(), false);
  empty_parts.add(1, frame);
  empty_parts.add(0, frame);
  EXPECT_TRUE(same(expected, empty_parts.finish()));
}

TEST(GroupByAccumulatorTest, ChecksAsGroupByDoes) {
  std::mt19937 random(4);
  const Schema schema = sample(1, random).schema();
  EXPECT_THROW(GroupByAccumulator(schema, {col("nmae")}, {col("amount").sum()}, false), SchemaError);
  EXPECT_THROW(GroupByAccumulator(schema, {col("name")}, {col("amount")}, false), TypeError);
  EXPECT_THROW(GroupByAccumulator(schema, {col("name")}, {col("name").sum()}, false), TypeError);
}

// Most rows start a group: the parts' inputs are kept and grouped at the end.
TEST(GroupByAccumulatorTest, InputsWithManyGroupsGiveTheEagerResultToo) {
  std::mt19937 random(8);
  const DataFrame frame = sample(5000, random);
  for (const bool ordered : {false, true}) {
    const std::vector<Expr> keys{col("count"), col("bucket")};
    GroupByAccumulator accumulator(frame.schema(), keys, aggregations(), ordered);
    const std::vector<DataFrame> parts = parts_of(frame, random);
    for (size_t i = parts.size(); i-- > 0;) accumulator.add(static_cast<int64_t>(i), parts[i]);
    EXPECT_TRUE(same(frame.group_by(keys, ordered).agg(aggregations()), accumulator.finish()));
  }
}

TEST(GroupByAccumulatorTest, AMissingPartIsAnError) {
  std::mt19937 random(6);
  const DataFrame frame = sample(2000, random);
  GroupByAccumulator accumulator(frame.schema(), {col("name")}, {col("count").sum()}, false);
  accumulator.add(1, frame);
  EXPECT_THROW(accumulator.finish(), InvalidInputError);
}

TEST(GroupByAccumulatorTest, APartAddedTwiceOrASecondFinishIsAnError) {
  std::mt19937 random(9);
  const DataFrame frame = sample(2000, random);
  for (const std::vector<Expr>& keys : {std::vector<Expr>{col("name")}, std::vector<Expr>{col("count"), col("name")}}) {
    GroupByAccumulator accumulator(frame.schema(), keys, {col("count").sum().alias("total")}, false);
    accumulator.add(0, frame);
    EXPECT_THROW(accumulator.add(0, frame), InvalidInputError);
    accumulator.add(1, frame);
    EXPECT_NO_THROW(accumulator.finish());
    EXPECT_THROW(accumulator.finish(), InvalidInputError);
  }
}

}  // namespace
}  // namespace strata
