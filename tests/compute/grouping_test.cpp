#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "strata/compute/grouping.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/nested.hpp"
#include "compute/kernel_test_support.hpp"

namespace strata::compute {
namespace {

using testing::fixed_array;
using testing::rendered;

using Ids = std::vector<uint32_t>;

TEST(GroupRowsTest, Int64KeysInFirstAppearanceOrderWithNullGroup) {
  const Grouping g = group_rows({ChunkedArray(make_int64_array({5, 3, std::nullopt, 5, 3, std::nullopt, 7}))});
  EXPECT_EQ(g.group_ids, (Ids{0, 1, 2, 0, 1, 2, 3}));
  EXPECT_EQ(g.num_groups, 4);
  EXPECT_EQ(rendered(g.keys[0]), (std::vector<std::string>{"5", "3", "null", "7"}));
  EXPECT_EQ(g.first_row, (std::vector<int64_t>{0, 1, 2, 6}));
}

TEST(GroupRowsTest, IntegerWidths) {
  const Grouping g8 = group_rows({ChunkedArray(fixed_array<int8_t>(DataType::int8(), {-1, 1, -1}))});
  EXPECT_EQ(g8.group_ids, (Ids{0, 1, 0}));
  EXPECT_EQ(g8.keys[0].type(), DataType::int8());
  const Grouping g16 = group_rows({ChunkedArray(fixed_array<uint16_t>(DataType::uint16(), {65535, 0, 65535}))});
  EXPECT_EQ(g16.group_ids, (Ids{0, 1, 0}));
  EXPECT_EQ(rendered(g16.keys[0]), (std::vector<std::string>{"65535", "0"}));
  const Grouping g32 = group_rows({ChunkedArray(fixed_array<int32_t>(DataType::int32(), {7, std::nullopt, 7}))});
  EXPECT_EQ(g32.group_ids, (Ids{0, 1, 0}));
  const Grouping g64 = group_rows({ChunkedArray(fixed_array<uint64_t>(DataType::uint64(), {UINT64_MAX, 1}))});
  EXPECT_EQ(rendered(g64.keys[0]), (std::vector<std::string>{"18446744073709551615", "1"}));
}

TEST(GroupRowsTest, FloatsNaNEqualsNaNAndNegativeZeroEqualsZero) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const Grouping g = group_rows({ChunkedArray(make_float64_array({0.0, -0.0, nan, -nan, 1.5, std::nullopt}))});
  EXPECT_EQ(g.group_ids, (Ids{0, 0, 1, 1, 2, 3}));
  EXPECT_EQ(rendered(g.keys[0]), (std::vector<std::string>{"0.0", "NaN", "1.5", "null"}));
}

TEST(GroupRowsTest, StringsShortLongAndUnicode) {
  const std::string long_a = "a key that is longer than twelve bytes";
  const std::string long_b = "a key that is longer than twelve bytes!";
  const Grouping g = group_rows({ChunkedArray(
      make_string_array({"id001", long_a, "ünï", std::nullopt, long_b, "id001", long_a, "", std::nullopt, ""}))});
  EXPECT_EQ(g.group_ids, (Ids{0, 1, 2, 3, 4, 0, 1, 5, 3, 5}));
  EXPECT_EQ(rendered(g.keys[0]), (std::vector<std::string>{"id001", long_a, "ünï", "null", long_b, ""}));
}

TEST(GroupRowsTest, SamePrefixDifferentTails) {
  const Grouping g = group_rows({ChunkedArray(make_string_array(
      {"abcdefghijklmnop", "abcdefghijklmnoq", "abcdefghijklmnop", "abcd", "abcde"}))});
  EXPECT_EQ(g.group_ids, (Ids{0, 1, 0, 2, 3}));
}

TEST(GroupRowsTest, BoolDateTimestampDecimalKeys) {
  const Grouping bools = group_rows({ChunkedArray(make_bool_array({true, false, std::nullopt, true}))});
  EXPECT_EQ(bools.group_ids, (Ids{0, 1, 2, 0}));
  EXPECT_EQ(rendered(bools.keys[0]), (std::vector<std::string>{"true", "false", "null"}));

  const Grouping dates = group_rows({ChunkedArray(fixed_array<int32_t>(DataType::date(), {19723, 0, 19723}))});
  EXPECT_EQ(dates.group_ids, (Ids{0, 1, 0}));
  EXPECT_EQ(rendered(dates.keys[0]), (std::vector<std::string>{"2024-01-01", "1970-01-01"}));

  const Grouping stamps =
      group_rows({ChunkedArray(fixed_array<int64_t>(DataType::timestamp(TimeUnit::Micro), {1, 2, 1}))});
  EXPECT_EQ(stamps.group_ids, (Ids{0, 1, 0}));
  EXPECT_EQ(stamps.keys[0].type(), DataType::timestamp(TimeUnit::Micro));

  const Grouping decimals =
      group_rows({ChunkedArray(fixed_array<Int128>(DataType::decimal(20, 2), {Int128{150}, Int128{-150}, Int128{150}}))});
  EXPECT_EQ(decimals.group_ids, (Ids{0, 1, 0}));
  EXPECT_EQ(rendered(decimals.keys[0]), (std::vector<std::string>{"1.50", "-1.50"}));
}

TEST(GroupRowsTest, CategoricalGroupsByStringAcrossChunks) {
  // Two chunks with different dictionaries: "b" has code 0 in one, 1 in the other.
  const Array first = make_categorical(make_string_array({"b", "a"}));
  const Array second = make_categorical(make_string_array({"a", "b", std::nullopt}));
  const Grouping g = group_rows({ChunkedArray(DataType::categorical(), {first, second})});
  EXPECT_EQ(g.group_ids, (Ids{0, 1, 1, 0, 2}));
  EXPECT_EQ(g.keys[0].type(), DataType::categorical());
  EXPECT_EQ(rendered(g.keys[0]), (std::vector<std::string>{"b", "a", "null"}));
}

TEST(GroupRowsTest, MixedMultiKeys) {
  const Array names = make_string_array({"x", "x", "y", "x", std::nullopt, std::nullopt, "a string past twelve bytes"});
  const Array numbers = make_int64_array({1, 2, 1, 1, 1, 1, 2});
  const Array flags = make_bool_array({true, true, true, true, std::nullopt, std::nullopt, false});
  const Grouping g = group_rows({ChunkedArray(names), ChunkedArray(numbers), ChunkedArray(flags)});
  EXPECT_EQ(g.group_ids, (Ids{0, 1, 2, 0, 3, 3, 4}));
  ASSERT_EQ(g.keys.size(), 3u);
  EXPECT_EQ(rendered(g.keys[0]), (std::vector<std::string>{"x", "x", "y", "null", "a string past twelve bytes"}));
  EXPECT_EQ(rendered(g.keys[1]), (std::vector<std::string>{"1", "2", "1", "1", "2"}));
  EXPECT_EQ(rendered(g.keys[2]), (std::vector<std::string>{"true", "true", "true", "null", "false"}));
}

TEST(GroupRowsTest, MultiKeyNullDiffersFromValue) {
  // (null, 0) and (0, null) and (0, 0) are three different keys.
  const Grouping g = group_rows({ChunkedArray(make_int64_array({std::nullopt, 0, 0, std::nullopt})),
                                 ChunkedArray(make_int64_array({0, std::nullopt, 0, 0}))});
  EXPECT_EQ(g.group_ids, (Ids{0, 1, 2, 0}));
}

TEST(GroupRowsTest, EmptyOneRowAndAllNull) {
  const Grouping empty = group_rows({ChunkedArray(make_int64_array({}))});
  EXPECT_EQ(empty.num_groups, 0);
  EXPECT_TRUE(empty.group_ids.empty());
  EXPECT_EQ(empty.keys[0].length(), 0);

  const Grouping one = group_rows({ChunkedArray(make_string_array({"only"}))});
  EXPECT_EQ(one.group_ids, (Ids{0}));
  EXPECT_EQ(rendered(one.keys[0]), (std::vector<std::string>{"only"}));

  const Grouping nulls = group_rows({ChunkedArray(make_int64_array({std::nullopt, std::nullopt}))});
  EXPECT_EQ(nulls.group_ids, (Ids{0, 0}));
  EXPECT_EQ(nulls.keys[0].null_count(), 1);

  const Grouping null_typed = group_rows({ChunkedArray(make_null_array(DataType::null(), 3))});
  EXPECT_EQ(null_typed.group_ids, (Ids{0, 0, 0}));
}

TEST(GroupRowsTest, RejectsMismatchedLengthsAndNestedKeys) {
  EXPECT_THROW(group_rows({ChunkedArray(make_int64_array({1})), ChunkedArray(make_int64_array({1, 2}))}),
               InvalidInputError);
  const Array lists = make_list_array({0, 1}, make_int64_array({1}));
  EXPECT_THROW(group_rows({ChunkedArray(lists)}), UnsupportedError);
  EXPECT_THROW(group_rows({}), InvalidInputError);
}

// Large inputs go through per-range tables merged in order: the result must
// match first-appearance numbering exactly.
TEST(GroupRowsTest, ParallelMatchesSequentialOrder) {
  const int64_t n = 1000000;
  FixedWidthBuilder<int64_t> ints(DataType::int64());
  StringBuilder strings;
  for (int64_t i = 0; i < n; ++i) {
    const int64_t key = (i * 7919) % 1009;  // every residue appears, first at a known row
    if (i % 101 == 0) ints.append_null(); else ints.append(key);
    strings.append(std::string_view("id" + std::to_string(key % 100)));
  }
  const Array int_keys = ints.finish();
  const Array string_keys = strings.finish();
  for (const auto& keys : {std::vector<ChunkedArray>{ChunkedArray(int_keys)},
                           std::vector<ChunkedArray>{ChunkedArray(string_keys)},
                           std::vector<ChunkedArray>{ChunkedArray(string_keys), ChunkedArray(int_keys)}}) {
    const Grouping g = group_rows(keys);
    // Reference numbering with one sequential index.
    std::vector<DataType> types;
    std::vector<Array> arrays;
    for (const ChunkedArray& key : keys) {
      types.push_back(key.type());
      arrays.push_back(key.combine());
    }
    GroupIndex index(types);
    std::vector<uint32_t> expected;
    index.consume(arrays, expected);
    EXPECT_EQ(g.num_groups, index.num_groups());
    ASSERT_EQ(g.group_ids, expected);
    for (int64_t group = 0; group < g.num_groups; ++group)
      ASSERT_EQ(g.group_ids[static_cast<size_t>(g.first_row[static_cast<size_t>(group)])], group);
  }
}

// Six keys of 5000 distinct values each: the product of their group counts
// exceeds 2^62, so the combined ids are renumbered on the way.
TEST(GroupRowsTest, ManyHighCardinalityKeys) {
  const int64_t n = 10000;
  std::vector<ChunkedArray> keys;
  for (int64_t k = 0; k < 6; ++k) {
    FixedWidthBuilder<int64_t> builder(DataType::int64());
    for (int64_t i = 0; i < n; ++i) builder.append((i / 2 * (k + 1) * 7919) % 1000003);  // rows 2j, 2j+1 equal
    keys.emplace_back(builder.finish());
  }
  const Grouping g = group_rows(keys);
  EXPECT_EQ(g.num_groups, n / 2);
  for (int64_t i = 0; i < n; ++i) ASSERT_EQ(g.group_ids[static_cast<size_t>(i)], static_cast<uint32_t>(i / 2));
  EXPECT_EQ(g.keys[4].values<int64_t>()[1], (1 * 5 * 7919) % 1000003);
}

TEST(GroupIndexTest, ConsumeBatchesAndMerge) {
  GroupIndex a({DataType::string()});
  std::vector<uint32_t> ids_a;
  a.consume({make_string_array({"x", "y"})}, ids_a);
  a.consume({make_string_array({"y", "z", std::nullopt})}, ids_a);
  EXPECT_EQ(ids_a, (Ids{0, 1, 1, 2, 3}));

  GroupIndex b({DataType::string()});
  std::vector<uint32_t> ids_b;
  b.consume({make_string_array({std::nullopt, "w", "x"})}, ids_b);
  const std::vector<uint32_t> mapping = a.merge(b);
  EXPECT_EQ(mapping, (Ids{3, 4, 0}));
  EXPECT_EQ(a.num_groups(), 5);
  EXPECT_EQ(rendered(a.keys()[0]), (std::vector<std::string>{"x", "y", "z", "null", "w"}));
}

TEST(GroupIndexTest, FindDoesNotInsert) {
  GroupIndex index({DataType::int64(), DataType::string()});
  std::vector<uint32_t> ids;
  index.consume({make_int64_array({1, 2}), make_string_array({"a", "b"})}, ids);
  const std::vector<uint32_t> found = index.find({make_int64_array({2, 1, 1}), make_string_array({"b", "b", "a"})});
  EXPECT_EQ(found, (Ids{1, UINT32_MAX, 0}));
  EXPECT_EQ(index.num_groups(), 2);
}

TEST(GroupIndexTest, WrongKeyTypeThrowsTypeError) {
  GroupIndex index({DataType::int64()});
  std::vector<uint32_t> ids;
  EXPECT_THROW(index.consume({make_string_array({"a"})}, ids), TypeError);
}

}  // namespace
}  // namespace strata::compute
