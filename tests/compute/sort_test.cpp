#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <numeric>
#include <random>

#include "strata/compute/sort.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/nested.hpp"

namespace strata::compute {
namespace {

using Rows = std::vector<int64_t>;

template <typename T>
Array fixed_array(const DataType& type, const std::vector<std::optional<T>>& values) {
  FixedWidthBuilder<T> builder(type);
  for (const auto& v : values) builder.append(v);
  return builder.finish();
}

Rows sort_one(const Array& array, SortKey key = {}) { return sort_indices({ChunkedArray(array)}, {key}); }

TEST(SortIndicesTest, IntegersAscendingNullsLastAndStable) {
  const Array values = make_int64_array({3, std::nullopt, 1, 3, -5, std::nullopt, 1});
  EXPECT_EQ(sort_one(values), (Rows{4, 2, 6, 0, 3, 1, 5}));
}

TEST(SortIndicesTest, DescendingKeepsTiesInInputOrder) {
  const Array values = make_int64_array({3, std::nullopt, 1, 3, -5, 1});
  EXPECT_EQ(sort_one(values, {.descending = true}), (Rows{0, 3, 2, 5, 4, 1}));
  EXPECT_EQ(sort_one(values, {.descending = true, .nulls_last = false}), (Rows{1, 0, 3, 2, 5, 4}));
}

TEST(SortIndicesTest, NullsFirst) {
  const Array values = make_int64_array({2, std::nullopt, 1, std::nullopt});
  EXPECT_EQ(sort_one(values, {.nulls_last = false}), (Rows{1, 3, 2, 0}));
}

TEST(SortIndicesTest, FloatsWithNaNAfterInfinityBeforeNulls) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const Array values = make_float64_array({nan, 1.5, std::nullopt, -inf, inf, -0.0, 0.0, -nan});
  EXPECT_EQ(sort_one(values), (Rows{3, 5, 6, 1, 4, 0, 7, 2}));
  EXPECT_EQ(sort_one(values, {.descending = true}), (Rows{0, 7, 4, 1, 5, 6, 3, 2}));
}

TEST(SortIndicesTest, SmallIntegerWidthsAndUnsigned) {
  EXPECT_EQ(sort_one(fixed_array<int8_t>(DataType::int8(), {-128, 127, 0, -1})), (Rows{0, 3, 2, 1}));
  EXPECT_EQ(sort_one(fixed_array<uint64_t>(DataType::uint64(), {UINT64_MAX, 0, 1u << 31})), (Rows{1, 2, 0}));
  EXPECT_EQ(sort_one(fixed_array<float>(DataType::float32(), {2.5f, -1.0f, 0.5f})), (Rows{1, 2, 0}));
}

TEST(SortIndicesTest, StringsByBytesWithSharedPrefixes) {
  const Array values = make_string_array({"banana", "apple pie with cream", "apple pie", "", std::nullopt,
                                          "apple pie with cake", "Zebra", "éclair", "apple"});
  EXPECT_EQ(sort_one(values), (Rows{3, 6, 8, 2, 5, 1, 0, 7, 4}));
  EXPECT_EQ(sort_one(values, {.descending = true, .nulls_last = true}), (Rows{7, 0, 1, 5, 2, 8, 6, 3, 4}));
}

TEST(SortIndicesTest, StringsWithEmbeddedZeroBytes) {
  const Array values = make_string_array({std::string("ab\0", 3), "ab", std::string("a\0b", 3)});
  EXPECT_EQ(sort_one(values), (Rows{2, 1, 0}));
}

TEST(SortIndicesTest, BoolDateDecimalCategorical) {
  EXPECT_EQ(sort_one(make_bool_array({true, false, std::nullopt, false})), (Rows{1, 3, 0, 2}));
  EXPECT_EQ(sort_one(fixed_array<int32_t>(DataType::date(), {19723, -1, 0})), (Rows{1, 2, 0}));
  const Int128 huge = static_cast<Int128>(1) << 100;
  EXPECT_EQ(sort_one(fixed_array<Int128>(DataType::decimal(38, 0), {huge, -huge, Int128{5}, huge + 1, Int128{-5}})),
            (Rows{1, 4, 2, 0, 3}));
  const Array categories = make_categorical(make_string_array({"m", "b", std::nullopt, "z", "b"}));
  EXPECT_EQ(sort_one(categories), (Rows{1, 4, 0, 3, 2}));  // by string, not by code
}

TEST(SortIndicesTest, MultipleKeysMixedDirections) {
  const Array group = make_string_array({"b", "a", "b", "a", std::nullopt, "a"});
  const Array value = make_int64_array({1, 2, 3, std::nullopt, 9, 2});
  const Rows rows = sort_indices({ChunkedArray(group), ChunkedArray(value)},
                                 {SortKey{}, SortKey{.descending = true, .nulls_last = false}});
  // a: null(3), 2(1), 2(5)  b: 3(2), 1(0)  null key last: 4
  EXPECT_EQ(rows, (Rows{3, 1, 5, 2, 0, 4}));
}

TEST(SortIndicesTest, SecondKeyBreaksTiesAmongNullFirstKeys) {
  const Array first = make_int64_array({std::nullopt, 1, std::nullopt});
  const Array second = make_int64_array({9, 5, 2});
  EXPECT_EQ(sort_indices({ChunkedArray(first), ChunkedArray(second)}, {SortKey{}, SortKey{}}), (Rows{1, 2, 0}));
}

TEST(SortIndicesTest, EmptyOneRowAllNullAndNullTyped) {
  EXPECT_TRUE(sort_one(make_int64_array({})).empty());
  EXPECT_EQ(sort_one(make_string_array({"x"})), (Rows{0}));
  EXPECT_EQ(sort_one(make_int64_array({std::nullopt, std::nullopt, std::nullopt})), (Rows{0, 1, 2}));
  EXPECT_EQ(sort_one(make_null_array(DataType::null(), 3)), (Rows{0, 1, 2}));
}

TEST(SortIndicesTest, RejectsBadArguments) {
  EXPECT_THROW(sort_indices({ChunkedArray(make_int64_array({1}))}, {}), InvalidInputError);
  const Array lists = make_list_array({0, 1}, make_int64_array({1}));
  EXPECT_THROW(sort_one(lists), TypeError);
}

TEST(SortIndicesTest, ChunkedColumn) {
  const ChunkedArray column(DataType::int64(), {make_int64_array({5, 1}), make_int64_array({3, 0})});
  EXPECT_EQ(sort_indices({column}, {SortKey{}}), (Rows{3, 1, 2, 0}));
}

// Large inputs take the parallel radix and merge paths; compare with
// std::stable_sort over the same keys.
TEST(SortIndicesTest, LargeInputsMatchStableSort) {
  const int64_t n = 400000;
  std::mt19937_64 random(42);
  FixedWidthBuilder<int64_t> ints(DataType::int64());
  StringBuilder strings;
  std::vector<int64_t> int_values(static_cast<size_t>(n));
  std::vector<std::string> string_values(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    int_values[static_cast<size_t>(i)] = static_cast<int64_t>(random() % 1000) - 500;
    string_values[static_cast<size_t>(i)] = "key-" + std::to_string(random() % 5000);
    ints.append(int_values[static_cast<size_t>(i)]);
    strings.append(std::string_view(string_values[static_cast<size_t>(i)]));
  }
  Rows expected(static_cast<size_t>(n));
  std::iota(expected.begin(), expected.end(), 0);
  std::stable_sort(expected.begin(), expected.end(), [&](int64_t a, int64_t b) {
    return int_values[static_cast<size_t>(a)] > int_values[static_cast<size_t>(b)];
  });
  EXPECT_EQ(sort_one(ints.finish(), {.descending = true}), expected);

  std::iota(expected.begin(), expected.end(), 0);
  std::stable_sort(expected.begin(), expected.end(), [&](int64_t a, int64_t b) {
    return string_values[static_cast<size_t>(a)] < string_values[static_cast<size_t>(b)];
  });
  EXPECT_EQ(sort_one(strings.finish()), expected);

  // Values over the whole 64-bit range take the radix path (not counting).
  FixedWidthBuilder<int64_t> wide(DataType::int64());
  for (int64_t i = 0; i < n; ++i) {
    int_values[static_cast<size_t>(i)] = static_cast<int64_t>(random() >> (i % 3 == 0 ? 0 : 40));
    wide.append(int_values[static_cast<size_t>(i)]);
  }
  std::iota(expected.begin(), expected.end(), 0);
  std::stable_sort(expected.begin(), expected.end(), [&](int64_t a, int64_t b) {
    return int_values[static_cast<size_t>(a)] < int_values[static_cast<size_t>(b)];
  });
  EXPECT_EQ(sort_one(wide.finish()), expected);
}

}  // namespace
}  // namespace strata::compute
