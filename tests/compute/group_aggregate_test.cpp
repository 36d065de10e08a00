// group_aggregate (the fused grouping + aggregation pass), multi-column key
// tables and gathering from chunked columns. The reference for every fused
// result is the unfused path: group_rows followed by grouped_aggregate.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>

#include "compute/kernel_test_support.hpp"
#include "strata/compute/grouping.hpp"
#include "strata/compute/selection.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/thread_pool.hpp"

namespace strata::compute {
namespace {

using testing::chunked;

using testing::rendered;
using testing::Strings;

// The unfused reference: group_rows, then grouped_aggregate per input.
GroupedAggregates reference(const std::vector<ChunkedArray>& keys, const std::vector<GroupAggregateInput>& inputs) {
  const Grouping grouping = group_rows(keys);
  GroupedAggregates out;
  out.num_groups = grouping.num_groups;
  out.keys = grouping.keys;
  for (const GroupAggregateInput& input : inputs)
    out.values.push_back(grouped_aggregate(input.values, grouping.group_ids, grouping.num_groups, input.kind,
                                           input.options));
  return out;
}

// Float results may differ in the last bits (partial states are merged in
// a different order), so they are compared to a relative 1e-12.
void expect_same_values(const Array& actual, const Array& expected, size_t aggregation) {
  ASSERT_EQ(actual.type(), expected.type()) << "aggregation " << aggregation;
  if (actual.type() != DataType::float64()) {
    EXPECT_EQ(rendered(actual), rendered(expected)) << "aggregation " << aggregation;
    return;
  }
  ASSERT_EQ(actual.length(), expected.length());
  for (int64_t i = 0; i < actual.length(); ++i) {
    ASSERT_EQ(actual.is_valid(i), expected.is_valid(i)) << "aggregation " << aggregation << ", group " << i;
    if (!actual.is_valid(i)) continue;
    const double a = actual.values<double>()[i], b = expected.values<double>()[i];
    ASSERT_NEAR(a, b, 1e-12 * std::max(1.0, std::abs(b))) << "aggregation " << aggregation << ", group " << i;
  }
}

void expect_same(const GroupedAggregates& actual, const GroupedAggregates& expected) {
  ASSERT_EQ(actual.num_groups, expected.num_groups);
  ASSERT_EQ(actual.keys.size(), expected.keys.size());
  for (size_t k = 0; k < actual.keys.size(); ++k) EXPECT_EQ(rendered(actual.keys[k]), rendered(expected.keys[k]));
  ASSERT_EQ(actual.values.size(), expected.values.size());
  for (size_t a = 0; a < actual.values.size(); ++a) expect_same_values(actual.values[a], expected.values[a], a);
}

TEST(GroupAggregateTest, SmallInputWithNullsInKeysAndValues) {
  const ChunkedArray keys(make_string_array({"b", "a", std::nullopt, "b", "ü", std::nullopt, "a"}));
  const ChunkedArray values(make_int64_array({1, 2, 3, std::nullopt, 5, 6, 7}));
  const GroupedAggregates result =
      group_aggregate({keys}, {{values, AggKind::Sum}, {values, AggKind::Count}, {values, AggKind::Len}});
  EXPECT_EQ(result.num_groups, 4);
  EXPECT_EQ(rendered(result.keys[0]), (Strings{"b", "a", "null", "ü"}));
  EXPECT_EQ(rendered(result.values[0]), (Strings{"1", "9", "9", "5"}));
  EXPECT_EQ(rendered(result.values[1]), (Strings{"1", "2", "2", "1"}));
  EXPECT_EQ(rendered(result.values[2]), (Strings{"2", "2", "2", "1"}));
}

TEST(GroupAggregateTest, EmptyAndOneRowInputs) {
  const GroupedAggregates empty = group_aggregate({ChunkedArray(make_int64_array({}))},
                                                  {{ChunkedArray(make_float64_array({})), AggKind::Mean}});
  EXPECT_EQ(empty.num_groups, 0);
  EXPECT_EQ(empty.keys[0].length(), 0);
  EXPECT_EQ(empty.values[0].length(), 0);
  EXPECT_EQ(empty.values[0].type(), DataType::float64());

  const GroupedAggregates one =
      group_aggregate({ChunkedArray(make_int64_array({7}))}, {{ChunkedArray(make_float64_array({2.5})), AggKind::Max}});
  EXPECT_EQ(rendered(one.keys[0]), (Strings{"7"}));
  EXPECT_EQ(rendered(one.values[0]), (Strings{"2.5"}));
}

TEST(GroupAggregateTest, AllNullKeyFormsOneGroup) {
  const ChunkedArray keys(make_int64_array({std::nullopt, std::nullopt, std::nullopt}));
  const GroupedAggregates result = group_aggregate({keys}, {{ChunkedArray(make_int64_array({1, 2, 3})), AggKind::Sum}});
  EXPECT_EQ(rendered(result.keys[0]), (Strings{"null"}));
  EXPECT_EQ(rendered(result.values[0]), (Strings{"6"}));
}

TEST(GroupAggregateTest, SeveralKeysOfMixedTypesWithNulls) {
  const ChunkedArray first(make_string_array({"x", "y", "x", std::nullopt, "x", std::nullopt, "y"}));
  const ChunkedArray second(make_int64_array({1, 1, 1, 2, 2, 2, std::nullopt}));
  const ChunkedArray third(make_bool_array({true, true, true, false, false, false, true}));
  const ChunkedArray values(make_float64_array({1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0}));
  const GroupedAggregates result = group_aggregate({first, second, third}, {{values, AggKind::Sum}});
  EXPECT_EQ(rendered(result.keys[0]), (Strings{"x", "y", "null", "x", "y"}));
  EXPECT_EQ(rendered(result.keys[1]), (Strings{"1", "1", "2", "2", "null"}));
  EXPECT_EQ(rendered(result.keys[2]), (Strings{"true", "true", "false", "false", "true"}));
  EXPECT_EQ(rendered(result.values[0]), (Strings{"4.0", "2.0", "10.0", "5.0", "7.0"}));
}

TEST(GroupAggregateTest, CategoricalKeysKeepTheirType) {
  const ChunkedArray keys(make_categorical(make_string_array({"red", "blue", "red", std::nullopt})));
  const GroupedAggregates result = group_aggregate({keys}, {{ChunkedArray(make_int64_array({1, 2, 3, 4})), AggKind::Sum}});
  EXPECT_EQ(result.keys[0].type(), DataType::categorical());
  EXPECT_EQ(rendered(result.keys[0]), (Strings{"red", "blue", "null"}));
  EXPECT_EQ(rendered(result.values[0]), (Strings{"4", "2", "4"}));
}

TEST(GroupAggregateTest, ErrorsNameTheProblem) {
  const ChunkedArray keys(make_int64_array({1, 2}));
  EXPECT_THROW(group_aggregate({keys}, {{ChunkedArray(make_string_array({"a", "b"})), AggKind::Sum}}), TypeError);
  EXPECT_THROW(group_aggregate({keys}, {{ChunkedArray(make_int64_array({1})), AggKind::Sum}}), InvalidInputError);
  EXPECT_THROW(group_aggregate({}, {}), InvalidInputError);
  const ChunkedArray big(make_int64_array({INT64_MAX, INT64_MAX}));
  EXPECT_THROW(group_aggregate({ChunkedArray(make_int64_array({1, 1}))}, {{big, AggKind::Sum}}), ComputeError);
}

// Large inputs run in parallel (per-thread tables merged in row order) and
// cross several batches; keys and values come in chunks that do not line
// up, so batches have to be cut at every column's chunk boundaries.
class GroupAggregateLargeTest : public testing::ThreeThreadTest {
 protected:
  static constexpr int64_t kRows = 600'000;
};

TEST_F(GroupAggregateLargeTest, MatchesTheUnfusedPathForEveryKind) {
  FixedWidthBuilder<int64_t> small_range(DataType::int64()), wide_range(DataType::int64());
  FixedWidthBuilder<double> floats(DataType::float64());
  StringBuilder names;
  for (int64_t i = 0; i < kRows; ++i) {
    const int64_t mixed = (i * 7919) % 1009;
    if (i % 97 == 0) small_range.append_null(); else small_range.append(mixed % 50);
    wide_range.append((i * 2654435761LL) % 200'003 * 1'000'003);  // no direct table: a hash table
    if (i % 13 == 0) floats.append_null(); else floats.append(static_cast<double>(mixed) / 8.0);
    if (i % 101 == 0) names.append_null();
    else names.append(std::string_view((mixed % 3 == 0 ? "a rather long key number " : "k") + std::to_string(mixed % 211)));
  }
  const Array small = small_range.finish(), wide = wide_range.finish(), values = floats.finish(),
              strings = names.finish();
  const ChunkedArray small_keys = chunked(small, {100'000, 250'001});
  const ChunkedArray wide_keys = chunked(wide, {333'333});
  const ChunkedArray string_keys = chunked(strings, {70'000, 140'000, 400'000});
  const ChunkedArray float_values = chunked(values, {123'457, 500'000});
  std::vector<GroupAggregateInput> inputs;
  for (const AggKind kind : {AggKind::Sum, AggKind::Mean, AggKind::Min, AggKind::Max, AggKind::Count,
                             AggKind::NullCount, AggKind::Len, AggKind::First, AggKind::Last, AggKind::Std,
                             AggKind::Median, AggKind::NUnique})
    inputs.push_back({float_values, kind});
  inputs.push_back({string_keys, AggKind::Max});
  inputs.push_back({small_keys, AggKind::Sum});

  expect_same(group_aggregate({small_keys}, inputs), reference({small_keys}, inputs));
  expect_same(group_aggregate({wide_keys}, inputs), reference({wide_keys}, inputs));
  expect_same(group_aggregate({string_keys}, inputs), reference({string_keys}, inputs));
  expect_same(group_aggregate({string_keys, small_keys}, inputs), reference({string_keys, small_keys}, inputs));
}

TEST_F(GroupAggregateLargeTest, MediansAndQuantilesOfManyGroupsMatchSortingEachGroup) {
  // Enough values for the selections to run in parallel; group g has about
  // g % 7 + 1 values per 7 rows, some groups one value, one group none valid.
  constexpr int64_t kGroups = 3000;
  FixedWidthBuilder<int64_t> key_builder(DataType::int64());
  FixedWidthBuilder<double> value_builder(DataType::float64());
  std::vector<std::vector<double>> per_group(kGroups);
  for (int64_t i = 0; i < kRows; ++i) {
    const int64_t group = (i * 7919) % kGroups;
    key_builder.append(group);
    if (group == 11 || i % 23 == 0) {
      value_builder.append_null();
      continue;
    }
    const double value = static_cast<double>((i * 2654435761LL) % 100'003) / 7.0;
    value_builder.append(value);
    per_group[static_cast<size_t>(group)].push_back(value);
  }
  const ChunkedArray keys(key_builder.finish());
  const ChunkedArray values(value_builder.finish());
  for (const double quantile : {0.5, 0.25, 0.9}) {
    AggOptions options;
    options.quantile = quantile;
    const GroupedAggregates out =
        group_aggregate({keys}, {{values, quantile == 0.5 ? AggKind::Median : AggKind::Quantile, options}});
    ASSERT_EQ(out.num_groups, kGroups);
    const Array& result = out.values[0];
    for (int64_t g = 0; g < kGroups; ++g) {
      const int64_t group = out.keys[0].values<int64_t>()[g];
      std::vector<double> sorted = per_group[static_cast<size_t>(group)];
      if (sorted.empty()) {
        EXPECT_TRUE(result.is_null(g)) << "group " << group;
        continue;
      }
      std::sort(sorted.begin(), sorted.end());
      const double position = quantile * static_cast<double>(sorted.size() - 1);
      const auto low = static_cast<size_t>(std::floor(position));
      const double high = sorted[std::min(low + 1, sorted.size() - 1)];
      const double expected = sorted[low] + (high - sorted[low]) * (position - static_cast<double>(low));
      ASSERT_TRUE(result.is_valid(g)) << "group " << group;
      EXPECT_NEAR(result.values<double>()[g], expected, 1e-9 * std::max(1.0, std::abs(expected)))
          << "group " << group << ", quantile " << quantile;
    }
  }
}

TEST_F(GroupAggregateLargeTest, QuantilesSortNaNAfterEveryNumber) {
  // Groups of odd and even sizes (a few values each, so that interpolation
  // meets NaN), some with NaN, one all NaN, one all null; NaN counts as the
  // largest value, so a rank that falls on it gives NaN.
  constexpr int64_t kGroups = 5000;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  FixedWidthBuilder<int64_t> key_builder(DataType::int64());
  FixedWidthBuilder<double> value_builder(DataType::float64());
  std::vector<std::vector<double>> per_group(kGroups);
  for (int64_t i = 0; i < kRows; ++i) {
    const int64_t group = (i * 7919) % kGroups;
    key_builder.append(group);
    if (group == 7 || (i % 5 == 0 && group % 3 == 0)) {
      value_builder.append_null();
      continue;
    }
    const bool is_nan = group == 8 || (group % 4 == 1 && i % 9 < group % 7);
    const double value = is_nan ? nan : static_cast<double>((i * 2654435761LL) % 1009) / 4.0;
    value_builder.append(value);
    per_group[static_cast<size_t>(group)].push_back(value);
  }
  const ChunkedArray keys(key_builder.finish());
  const ChunkedArray values = chunked(value_builder.finish(), {250'000});
  const auto nan_last = [](double a, double b) { return !std::isnan(a) && (std::isnan(b) || a < b); };
  for (const double quantile : {0.5, 0.0, 0.3, 1.0}) {
    AggOptions options;
    options.quantile = quantile;
    const GroupedAggregates out = group_aggregate({keys}, {{values, AggKind::Quantile, options}});
    ASSERT_EQ(out.num_groups, kGroups);
    const Array& result = out.values[0];
    int64_t nan_results = 0;
    for (int64_t g = 0; g < kGroups; ++g) {
      const int64_t group = out.keys[0].values<int64_t>()[g];
      std::vector<double> sorted = per_group[static_cast<size_t>(group)];
      if (sorted.empty()) {
        EXPECT_TRUE(result.is_null(g)) << "group " << group;
        continue;
      }
      std::sort(sorted.begin(), sorted.end(), nan_last);
      const double position = quantile * static_cast<double>(sorted.size() - 1);
      const auto low = static_cast<size_t>(std::floor(position));
      const double fraction = position - static_cast<double>(low);
      const double expected =
          fraction == 0.0 ? sorted[low] : sorted[low] + (sorted[low + 1] - sorted[low]) * fraction;
      ASSERT_TRUE(result.is_valid(g)) << "group " << group;
      const double actual = result.values<double>()[g];
      if (std::isnan(expected)) {
        ++nan_results;
        EXPECT_TRUE(std::isnan(actual)) << "group " << group << ", quantile " << quantile;
      } else {
        EXPECT_DOUBLE_EQ(actual, expected) << "group " << group << ", quantile " << quantile;
      }
    }
    EXPECT_GT(nan_results, 0) << "quantile " << quantile;
  }
}

TEST_F(GroupAggregateLargeTest, GroupRowsOfSeveralKeysMatchesGroupingTheTuples) {
  FixedWidthBuilder<int64_t> first(DataType::int64());
  StringBuilder second;
  for (int64_t i = 0; i < kRows; ++i) {
    first.append(i % 31);
    if (i % 17 == 0) second.append_null(); else second.append(std::string_view("s" + std::to_string(i % 29)));
  }
  const Array a = first.finish(), b = second.finish();
  const Grouping grouping = group_rows({chunked(a, {300'000}), chunked(b, {1000, 450'000})});
  // Group ids follow first appearance of each (a, b) tuple.
  std::map<std::pair<int64_t, std::string>, uint32_t> seen;
  for (int64_t i = 0; i < kRows; ++i) {
    const auto key = std::make_pair(a.values<int64_t>()[i], b.is_null(i) ? std::string("<null>") : std::string(b.string_at(i)));
    const auto [entry, inserted] = seen.emplace(key, static_cast<uint32_t>(seen.size()));
    ASSERT_EQ(grouping.group_ids[static_cast<size_t>(i)], entry->second) << "row " << i;
    if (inserted) {
      ASSERT_EQ(grouping.first_row[entry->second], i);
    }
  }
  EXPECT_EQ(grouping.num_groups, static_cast<int64_t>(seen.size()));
}

// Keys that are close to unique (each tuple two or three times, nulls in
// both columns, chunks that do not line up) take the radix-partitioned
// pass; ids, first rows, keys and aggregates must still follow first
// appearance exactly.
TEST_F(GroupAggregateLargeTest, NearlyUniqueKeysOfSeveralColumnsMatchGroupingTheTuples) {
  constexpr int64_t kTuples = 250'000;
  FixedWidthBuilder<int64_t> number_builder(DataType::int64());
  FixedWidthBuilder<double> value_builder(DataType::float64());
  StringBuilder name_builder;
  for (int64_t i = 0; i < kRows; ++i) {
    const int64_t tuple = (i * 7919) % kTuples;
    if (i % 89 == 0) name_builder.append_null();
    else name_builder.append(std::string_view((tuple % 3 == 0 ? "a key long enough to be out of line " : "k") +
                                              std::to_string(tuple % 5000)));
    if (i % 97 == 0) number_builder.append_null(); else number_builder.append(tuple / 5000);
    if (i % 11 == 0) value_builder.append_null(); else value_builder.append(static_cast<double>(i % 1000) / 4.0);
  }
  const Array names = name_builder.finish(), numbers = number_builder.finish(), values = value_builder.finish();
  const std::vector<ChunkedArray> keys{chunked(names, {1000, 400'000}), chunked(numbers, {262'144})};
  const ChunkedArray value_column = chunked(values, {77'777});

  std::map<std::pair<std::string, std::string>, uint32_t> seen;
  std::vector<int64_t> first_rows;
  std::vector<double> sums;
  std::vector<int64_t> counts;
  std::vector<uint32_t> expected_ids;
  for (int64_t i = 0; i < kRows; ++i) {
    const auto key = std::make_pair(names.is_null(i) ? std::string("<null>") : std::string(names.string_at(i)),
                                    numbers.is_null(i) ? std::string("<null>") : std::to_string(numbers.values<int64_t>()[i]));
    const auto [entry, inserted] = seen.emplace(key, static_cast<uint32_t>(seen.size()));
    if (inserted) {
      first_rows.push_back(i);
      sums.push_back(0);
      counts.push_back(0);
    }
    expected_ids.push_back(entry->second);
    if (values.is_valid(i)) {
      sums[entry->second] += values.values<double>()[i];
      ++counts[entry->second];
    }
  }
  ASSERT_GT(static_cast<int64_t>(seen.size()), kTuples);  // nulls add tuples

  const Grouping grouping = group_rows(keys);
  ASSERT_EQ(grouping.num_groups, static_cast<int64_t>(seen.size()));
  EXPECT_EQ(grouping.group_ids, expected_ids);
  EXPECT_EQ(grouping.first_row, first_rows);

  const GroupedAggregates result =
      group_aggregate(keys, {{value_column, AggKind::Sum}, {value_column, AggKind::Count}});
  ASSERT_EQ(result.num_groups, static_cast<int64_t>(seen.size()));
  EXPECT_EQ(rendered(result.keys[0]), rendered(take(names, first_rows)));
  EXPECT_EQ(rendered(result.keys[1]), rendered(take(numbers, first_rows)));
  for (size_t g = 0; g < sums.size(); ++g) {
    ASSERT_DOUBLE_EQ(result.values[0].values<double>()[g], sums[g]) << "group " << g;
    ASSERT_EQ(result.values[1].values<int64_t>()[g], counts[g]) << "group " << g;
  }
}

// A sorted integer key (runs of 1 to 9 rows, one run straddling every chunk
// and thread boundary) groups by runs without a table; ids, first rows,
// keys and aggregates must equal the table path's, which a float copy of
// the key takes.
TEST_F(GroupAggregateLargeTest, SortedIntegerKeysGroupByRuns) {
  FixedWidthBuilder<int64_t> sorted(DataType::int64());
  FixedWidthBuilder<double> as_float(DataType::float64()), floats(DataType::float64());
  int64_t key = -5;
  for (int64_t i = 0; i < kRows; ++i) {
    if ((i * 7919) % 9 == 0) key += 1 + i % 3;
    sorted.append(key);
    as_float.append(static_cast<double>(key));
    if (i % 13 == 0) floats.append_null(); else floats.append(static_cast<double>(i % 1000) / 4);
  }
  const Array keys = sorted.finish(), float_keys = as_float.finish(), values = floats.finish();
  const ChunkedArray sorted_keys = chunked(keys, {150'001, 300'000});
  const ChunkedArray reference_keys = chunked(float_keys, {150'001, 300'000});
  std::vector<GroupAggregateInput> inputs;
  for (const AggKind kind : {AggKind::Sum, AggKind::Mean, AggKind::Count, AggKind::First, AggKind::Last,
                             AggKind::NUnique, AggKind::Median})
    inputs.push_back({chunked(values, {123'457}), kind});

  const Grouping by_runs = group_rows({sorted_keys});
  const Grouping by_table = group_rows({reference_keys});
  ASSERT_EQ(by_runs.num_groups, by_table.num_groups);
  EXPECT_EQ(by_runs.group_ids, by_table.group_ids);
  EXPECT_EQ(by_runs.first_row, by_table.first_row);
  GroupedAggregates expected = group_aggregate({reference_keys}, inputs);
  expected.keys = {take(sorted_keys, by_table.first_row)};
  expect_same(group_aggregate({sorted_keys}, inputs), expected);
}

TEST(GroupIndexTest, FindsTuplesOfSeveralKeys) {
  GroupIndex index({DataType::string(), DataType::int64()});
  std::vector<uint32_t> ids;
  index.consume({make_string_array({"a", "b", "a", std::nullopt}), make_int64_array({1, 1, 1, 2})}, ids);
  EXPECT_EQ(ids, (std::vector<uint32_t>{0, 1, 0, 2}));
  const std::vector<uint32_t> found =
      index.find({make_string_array({"b", "a", "a", "zz", std::nullopt}), make_int64_array({1, 2, 1, 1, 2})});
  EXPECT_EQ(found, (std::vector<uint32_t>{1, UINT32_MAX, 0, UINT32_MAX, 2}));
  EXPECT_EQ(rendered(index.keys()[0]), (Strings{"a", "b", "null"}));
  EXPECT_EQ(rendered(index.keys()[1]), (Strings{"1", "1", "2"}));
}

TEST(ChunkedTakeTest, GathersAcrossChunksWithoutMixingStringBuffers) {
  const std::string long_a = "a string long enough to live out of line";
  const std::string long_b = "another string that does not fit inline";
  const ChunkedArray column(DataType::string(), {make_string_array({long_a, "x", std::nullopt}),
                                                 make_string_array({"y", long_b}), make_string_array({long_a + "!"})});
  const Array taken = take(column, {4, 0, -1, 2, 5, 3, 1, 4});
  EXPECT_EQ(rendered(taken), (Strings{long_b, long_a, "null", "null", long_a + "!", "y", "x", long_b}));
  EXPECT_EQ(taken.null_count(), 2);

  const ChunkedArray numbers(DataType::int64(), {make_int64_array({1, std::nullopt}), make_int64_array({3})});
  EXPECT_EQ(rendered(take(numbers, {2, 1, 0, -1})), (Strings{"3", "null", "1", "null"}));
  EXPECT_THROW(take(numbers, {3}), InvalidInputError);
  EXPECT_EQ(take(numbers, {}).length(), 0);
}

}  // namespace
}  // namespace strata::compute
