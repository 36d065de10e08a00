#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "strata/compute/join.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"

namespace strata::compute {
namespace {

using Rows = std::vector<int64_t>;

ChunkedArray ints(const std::vector<std::optional<int64_t>>& values) { return ChunkedArray(make_int64_array(values)); }
ChunkedArray strings(const std::vector<std::optional<std::string>>& values) {
  return ChunkedArray(make_string_array(values));
}

// left:  1, 2, null, 3, 2      right: 2, 4, 2, null, 1
class SingleKeyJoinTest : public ::testing::Test {
 protected:
  JoinIndices run(JoinType type) {
    return hash_join({ints({1, 2, std::nullopt, 3, 2})}, {ints({2, 4, 2, std::nullopt, 1})}, type);
  }
};

TEST_F(SingleKeyJoinTest, Inner) {
  const JoinIndices out = run(JoinType::Inner);
  EXPECT_EQ(out.left, (Rows{0, 1, 1, 4, 4}));
  EXPECT_EQ(out.right, (Rows{4, 0, 2, 0, 2}));
}

TEST_F(SingleKeyJoinTest, LeftKeepsUnmatchedAndNullKeys) {
  const JoinIndices out = run(JoinType::Left);
  EXPECT_EQ(out.left, (Rows{0, 1, 1, 2, 3, 4, 4}));
  EXPECT_EQ(out.right, (Rows{4, 0, 2, -1, -1, 0, 2}));
}

TEST_F(SingleKeyJoinTest, RightAppendsUnmatchedRightRows) {
  const JoinIndices out = run(JoinType::Right);
  EXPECT_EQ(out.left, (Rows{0, 1, 1, 4, 4, -1, -1}));
  EXPECT_EQ(out.right, (Rows{4, 0, 2, 0, 2, 1, 3}));
}

TEST_F(SingleKeyJoinTest, Full) {
  const JoinIndices out = run(JoinType::Full);
  EXPECT_EQ(out.left, (Rows{0, 1, 1, 2, 3, 4, 4, -1, -1}));
  EXPECT_EQ(out.right, (Rows{4, 0, 2, -1, -1, 0, 2, 1, 3}));
}

TEST_F(SingleKeyJoinTest, SemiAndAnti) {
  const JoinIndices semi = run(JoinType::Semi);
  EXPECT_EQ(semi.left, (Rows{0, 1, 4}));
  EXPECT_TRUE(semi.right.empty());
  EXPECT_EQ(run(JoinType::Anti).left, (Rows{2, 3}));
}

TEST(HashJoinTest, NullsNeverMatchNulls) {
  const JoinIndices out = hash_join({strings({std::nullopt, "a"})}, {strings({std::nullopt, "a", std::nullopt})},
                                    JoinType::Inner);
  EXPECT_EQ(out.left, (Rows{1}));
  EXPECT_EQ(out.right, (Rows{1}));
}

TEST(HashJoinTest, MultipleKeysOfMixedTypes) {
  const std::string long_key = "ünïcödé key longer than twelve";
  const JoinIndices out = hash_join({strings({"x", "x", long_key, "y"}), ints({1, 2, 3, std::nullopt})},
                                    {strings({long_key, "x", "x", "y"}), ints({3, 2, 2, std::nullopt})},
                                    JoinType::Left);
  EXPECT_EQ(out.left, (Rows{0, 1, 1, 2, 3}));
  EXPECT_EQ(out.right, (Rows{-1, 1, 2, 0, -1}));
}

TEST(HashJoinTest, FloatKeysTreatNaNAsEqual) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const JoinIndices out = hash_join({ChunkedArray(make_float64_array({nan, -0.0}))},
                                    {ChunkedArray(make_float64_array({0.0, nan}))}, JoinType::Inner);
  EXPECT_EQ(out.left, (Rows{0, 1}));
  EXPECT_EQ(out.right, (Rows{1, 0}));
}

TEST(HashJoinTest, CategoricalKeysMatchByString) {
  const ChunkedArray left(make_categorical(make_string_array({"b", "a"})));
  const ChunkedArray right(make_categorical(make_string_array({"a", "c", "b"})));
  const JoinIndices out = hash_join({left}, {right}, JoinType::Inner);
  EXPECT_EQ(out.left, (Rows{0, 1}));
  EXPECT_EQ(out.right, (Rows{2, 0}));
}

TEST(HashJoinTest, EmptySides) {
  const JoinIndices left_empty = hash_join({ints({})}, {ints({1, 2})}, JoinType::Full);
  EXPECT_EQ(left_empty.left, (Rows{-1, -1}));
  EXPECT_EQ(left_empty.right, (Rows{0, 1}));
  const JoinIndices right_empty = hash_join({ints({1})}, {ints({})}, JoinType::Left);
  EXPECT_EQ(right_empty.left, (Rows{0}));
  EXPECT_EQ(right_empty.right, (Rows{-1}));
  EXPECT_TRUE(hash_join({ints({})}, {ints({})}, JoinType::Inner).left.empty());
}

TEST(HashJoinTest, AllNullKeys) {
  const JoinIndices out = hash_join({ints({std::nullopt})}, {ints({std::nullopt})}, JoinType::Full);
  EXPECT_EQ(out.left, (Rows{0, -1}));
  EXPECT_EQ(out.right, (Rows{-1, 0}));
}

TEST(HashJoinTest, Cross) {
  const JoinIndices out = hash_join({ints({1, 2})}, {ints({7, 8, 9})}, JoinType::Cross);
  EXPECT_EQ(out.left, (Rows{0, 0, 0, 1, 1, 1}));
  EXPECT_EQ(out.right, (Rows{0, 1, 2, 0, 1, 2}));
}

TEST(HashJoinTest, MismatchedKeyTypesThrowTypeError) {
  EXPECT_THROW(hash_join({ints({1})}, {strings({"1"})}, JoinType::Inner), TypeError);
  EXPECT_THROW(hash_join({ints({1})}, {ints({1}), ints({2})}, JoinType::Inner), InvalidInputError);
}

TEST(HashJoinTest, LargeProbeInParallelKeepsLeftOrder) {
  const int64_t n = 300000;
  FixedWidthBuilder<int64_t> left(DataType::int64());
  for (int64_t i = 0; i < n; ++i) left.append(i % 1000);
  FixedWidthBuilder<int64_t> right(DataType::int64());
  for (int64_t k = 0; k < 1000; k += 2) {  // even keys, twice each
    right.append(k);
    right.append(k);
  }
  const JoinIndices out = hash_join({ChunkedArray(left.finish())}, {ChunkedArray(right.finish())}, JoinType::Inner);
  ASSERT_EQ(out.left.size(), static_cast<size_t>(n));  // half the rows match, twice
  for (size_t i = 0; i < out.left.size(); i += 2) {
    const int64_t l = out.left[i];
    ASSERT_EQ(out.left[i + 1], l);
    ASSERT_EQ((l % 1000) % 2, 0);
    ASSERT_EQ(out.right[i], l % 1000);
    ASSERT_EQ(out.right[i + 1], l % 1000 + 1);
    if (i > 0) {
      ASSERT_GT(l, out.left[i - 1]);
    }
  }
}

// Random two-column keys with nulls and repeats, joined both ways round
// (so that each side is once the much smaller one and gets built), against
// a nested-loop reference in the documented order.
JoinIndices nested_loop_join(const std::vector<std::optional<int64_t>>& la, const std::vector<std::optional<std::string>>& lb,
                             const std::vector<std::optional<int64_t>>& ra, const std::vector<std::optional<std::string>>& rb,
                             JoinType type) {
  JoinIndices out;
  for (size_t l = 0; l < la.size(); ++l) {
    int64_t found = 0;
    for (size_t r = 0; r < ra.size(); ++r) {
      if (!la[l] || !lb[l] || !ra[r] || !rb[r] || *la[l] != *ra[r] || *lb[l] != *rb[r]) continue;
      ++found;
      if (type == JoinType::Inner || type == JoinType::Left) {
        out.left.push_back(static_cast<int64_t>(l));
        out.right.push_back(static_cast<int64_t>(r));
      }
    }
    if (type == JoinType::Left && found == 0) {
      out.left.push_back(static_cast<int64_t>(l));
      out.right.push_back(-1);
    }
    if ((type == JoinType::Semi && found > 0) || (type == JoinType::Anti && found == 0))
      out.left.push_back(static_cast<int64_t>(l));
  }
  return out;
}

TEST(HashJoin, EitherBuildSideGivesTheReferenceOrder) {
  std::mt19937_64 random(7);
  const auto keys = [&](size_t n, std::vector<std::optional<int64_t>>& a, std::vector<std::optional<std::string>>& b) {
    for (size_t i = 0; i < n; ++i) {
      a.push_back(random() % 11 == 0 ? std::nullopt : std::optional<int64_t>(static_cast<int64_t>(random() % 40)));
      b.push_back(random() % 13 == 0 ? std::nullopt : std::optional<std::string>(std::string(1, static_cast<char>('a' + random() % 3))));
    }
  };
  std::vector<std::optional<int64_t>> small_a, big_a;
  std::vector<std::optional<std::string>> small_b, big_b;
  keys(60, small_a, small_b);
  keys(70000, big_a, big_b);  // several parallel ranges
  const std::vector<ChunkedArray> small{ints(small_a), strings(small_b)}, big{ints(big_a), strings(big_b)};
  for (JoinType type : {JoinType::Inner, JoinType::Left, JoinType::Semi, JoinType::Anti}) {
    SCOPED_TRACE(join_type_name(type));
    const JoinIndices small_left = hash_join(small, big, type);  // builds the small left side
    const JoinIndices expected_small_left = nested_loop_join(small_a, small_b, big_a, big_b, type);
    EXPECT_EQ(small_left.left, expected_small_left.left);
    EXPECT_EQ(small_left.right, expected_small_left.right);
    const JoinIndices big_left = hash_join(big, small, type);  // builds the small right side
    const JoinIndices expected_big_left = nested_loop_join(big_a, big_b, small_a, small_b, type);
    EXPECT_EQ(big_left.left, expected_big_left.left);
    EXPECT_EQ(big_left.right, expected_big_left.right);
  }
}

}  // namespace
}  // namespace strata::compute
