// RightBuiltJoin and LeftBuiltJoin against DataFrame::join: the parts of the
// streamed side, probed in any order, must give the eager join exactly.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "frame/parts_test_support.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/frame/join_build.hpp"

namespace strata {
namespace {

using compute::JoinType;

// Keys drawn from a small range (repeats and misses on both sides), about a
// tenth null; a payload column whose name clashes across the sides.
DataFrame left_frame(int64_t rows, std::mt19937& random) {
  std::vector<std::optional<int32_t>> key;
  std::vector<std::optional<std::string>> tag;
  std::vector<std::optional<int64_t>> value;
  for (int64_t i = 0; i < rows; ++i) {
    key.push_back(random() % 10 == 0 ? std::nullopt : std::optional<int32_t>(static_cast<int32_t>(random() % 40)));
    tag.push_back("l" + std::to_string(i));
    value.push_back(i);
  }
  return DataFrame({Series::from("tag", tag), Series::from("k", key), Series::from("value", value)});
}

DataFrame right_frame(int64_t rows, std::mt19937& random) {
  std::vector<std::optional<int64_t>> key;
  std::vector<std::optional<double>> value;
  for (int64_t i = 0; i < rows; ++i) {
    key.push_back(random() % 10 == 0 ? std::nullopt : std::optional<int64_t>(random() % 50));
    value.push_back(static_cast<double>(i) / 2);
  }
  return DataFrame({Series::from("rk", key), Series::from("value", value)});
}

using parts_test::same;

std::vector<DataFrame> parts_of(const DataFrame& frame, std::mt19937& random) {
  return parts_test::parts_of(frame, random, 40);
}

class JoinBuildTest : public ::testing::TestWithParam<JoinType> {};

TEST_P(JoinBuildTest, RightBuiltProbedPartByPartEqualsTheEagerJoin) {
  std::mt19937 random(7);
  for (int round = 0; round < 20; ++round) {
    const DataFrame left = left_frame(static_cast<int64_t>(random() % 200), random);
    const DataFrame right = right_frame(static_cast<int64_t>(random() % 100), random);
    const JoinOptions options{.how = GetParam(), .suffix = "_r"};
    const DataFrame expected = left.join(right, {"k"}, {"rk"}, options);
    const RightBuiltJoin join(left.schema(), right, {"k"}, {"rk"}, options);
    std::vector<DataFrame> results;
    for (const DataFrame& part : parts_of(left, random)) results.push_back(join.probe(part));
    results.push_back(join.probe(left.slice(0, 0)));
    EXPECT_TRUE(same(expected, concat(results))) << "round " << round;
  }
}

TEST_P(JoinBuildTest, LeftBuiltProbedInAnyOrderEqualsTheEagerJoin) {
  std::mt19937 random(11);
  for (int round = 0; round < 20; ++round) {
    const DataFrame left = left_frame(static_cast<int64_t>(random() % 100), random);
    const DataFrame right = right_frame(static_cast<int64_t>(random() % 200), random);
    const JoinOptions options{.how = GetParam(), .suffix = "_r"};
    const DataFrame expected = left.join(right, {"k"}, {"rk"}, options);
    LeftBuiltJoin join(left, right.schema(), {"k"}, {"rk"}, options);
    const std::vector<DataFrame> parts = parts_of(right, random);
    const std::vector<int64_t> order = parts_test::shuffled_order(parts.size(), random);
    for (const int64_t part : order) join.probe(part, parts[static_cast<size_t>(part)]);
    EXPECT_TRUE(same(expected, join.finish())) << "round " << round;
  }
}

INSTANTIATE_TEST_SUITE_P(Types, JoinBuildTest,
                         ::testing::Values(JoinType::Inner, JoinType::Left, JoinType::Semi, JoinType::Anti),
                         [](const auto& info) { return std::string(compute::join_type_name(info.param)); });

TEST(JoinBuildErrorsTest, OnlyJoinsWhoseRowsDependOnOneSideArePartitioned) {
  std::mt19937 random(1);
  const DataFrame left = left_frame(10, random), right = right_frame(10, random);
  for (const JoinType how : {JoinType::Right, JoinType::Full, JoinType::Cross}) {
    EXPECT_THROW(RightBuiltJoin(left.schema(), right, {"k"}, {"rk"}, {.how = how}), InvalidInputError);
    EXPECT_THROW(LeftBuiltJoin(left, right.schema(), {"k"}, {"rk"}, {.how = how}), InvalidInputError);
  }
}

TEST(JoinBuildErrorsTest, KeysAreCheckedAsTheEagerJoinChecksThem) {
  std::mt19937 random(2);
  const DataFrame left = left_frame(10, random), right = right_frame(10, random);
  EXPECT_THROW(RightBuiltJoin(left.schema(), right, {"kk"}, {"rk"}, {}), SchemaError);
  EXPECT_THROW(LeftBuiltJoin(left, right.schema(), {"tag"}, {"rk"}, {}), TypeError);
  EXPECT_THROW(RightBuiltJoin(left.schema(), right, {"k", "tag"}, {"rk"}, {}), InvalidInputError);
}

}  // namespace
}  // namespace strata
