#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include "strata/compute/aggregate.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/nested.hpp"
#include "compute/kernel_test_support.hpp"

namespace strata::compute {
namespace {

using testing::fixed_array;
using testing::rendered;

ChunkedArray column(const Array& array) { return ChunkedArray(array); }
using testing::Strings;

TEST(AggregateTest, SumOfIntegersSkipsNulls) {
  const Scalar sum = aggregate(column(make_int64_array({1, std::nullopt, 5, -2})), AggKind::Sum);
  EXPECT_EQ(sum.type(), DataType::int64());
  EXPECT_EQ(sum.as_int64(), 4);
}

TEST(AggregateTest, SumOfNothingIsZero) {
  EXPECT_EQ(aggregate(column(make_int64_array({})), AggKind::Sum).as_int64(), 0);
  EXPECT_EQ(aggregate(column(make_int64_array({std::nullopt, std::nullopt})), AggKind::Sum).as_int64(), 0);
  EXPECT_EQ(aggregate(column(make_float64_array({})), AggKind::Sum).as_double(), 0.0);
}

TEST(AggregateTest, SumTypes) {
  EXPECT_EQ(aggregate(column(fixed_array<int8_t>(DataType::int8(), {100, 100, 100})), AggKind::Sum).as_int64(), 300);
  const Scalar unsigned_sum = aggregate(column(fixed_array<uint32_t>(DataType::uint32(), {4000000000u, 4000000000u})),
                                        AggKind::Sum);
  EXPECT_EQ(unsigned_sum.type(), DataType::uint64());
  EXPECT_EQ(unsigned_sum.as_uint64(), 8000000000u);
  EXPECT_EQ(aggregate(column(make_bool_array({true, false, true, std::nullopt})), AggKind::Sum).as_int64(), 2);
  const Scalar float_sum = aggregate(column(make_float64_array({0.5, 0.25, std::nullopt})), AggKind::Sum);
  EXPECT_EQ(float_sum.type(), DataType::float64());
  EXPECT_DOUBLE_EQ(float_sum.as_double(), 0.75);
}

TEST(AggregateTest, DecimalSumStaysDecimal38) {
  const Array decimals = fixed_array<Int128>(DataType::decimal(10, 2), {Int128{150}, std::nullopt, Int128{-25}});
  const Scalar sum = aggregate(column(decimals), AggKind::Sum);
  EXPECT_EQ(sum.type(), DataType::decimal(38, 2));
  EXPECT_EQ(sum.to_string(), "1.25");
  EXPECT_DOUBLE_EQ(aggregate(column(decimals), AggKind::Mean).as_double(), 0.625);
}

TEST(AggregateTest, IntegerSumOverflowIsComputeError) {
  const Array big = make_int64_array({INT64_MAX, 1});
  EXPECT_THROW(aggregate(column(big), AggKind::Sum), ComputeError);
  const Array low = make_int64_array({INT64_MIN, -1});
  EXPECT_THROW(aggregate(column(low), AggKind::Sum), ComputeError);
  EXPECT_THROW(grouped_aggregate(column(big), {0, 0}, 1, AggKind::Sum), ComputeError);
  EXPECT_NO_THROW(grouped_aggregate(column(big), {0, 1}, 2, AggKind::Sum));
}

TEST(AggregateTest, SumOfStringsIsTypeError) {
  EXPECT_THROW(aggregate(column(make_string_array({"a"})), AggKind::Sum), TypeError);
  EXPECT_THROW(aggregate_type(AggKind::Mean, DataType::string()), TypeError);
}

TEST(AggregateTest, MeanMinMaxOfNothingIsNull) {
  const ChunkedArray nulls = column(make_float64_array({std::nullopt}));
  for (AggKind kind : {AggKind::Mean, AggKind::Min, AggKind::Max, AggKind::Std, AggKind::Var, AggKind::Median})
    EXPECT_TRUE(aggregate(nulls, kind).is_null()) << agg_name(kind);
  EXPECT_TRUE(aggregate(column(make_int64_array({})), AggKind::Mean).is_null());
}

TEST(AggregateTest, MeanStdVarMedianQuantile) {
  const ChunkedArray values = column(make_int64_array({2, 4, 4, 4, std::nullopt, 5, 5, 7, 9}));
  EXPECT_DOUBLE_EQ(aggregate(values, AggKind::Mean).as_double(), 5.0);
  EXPECT_DOUBLE_EQ(aggregate(values, AggKind::Var).as_double(), 32.0 / 7.0);
  EXPECT_DOUBLE_EQ(aggregate(values, AggKind::Var, {.ddof = 0}).as_double(), 4.0);
  EXPECT_DOUBLE_EQ(aggregate(values, AggKind::Std, {.ddof = 0}).as_double(), 2.0);
  EXPECT_DOUBLE_EQ(aggregate(values, AggKind::Median).as_double(), 4.5);
  // Sorted: 2 4 4 4 5 5 7 9; q=0.9 -> position 6.3 -> 7 + 0.3 * (9 - 7)
  EXPECT_DOUBLE_EQ(aggregate(values, AggKind::Quantile, {.quantile = 0.9}).as_double(), 7.6);
  EXPECT_DOUBLE_EQ(aggregate(values, AggKind::Quantile, {.quantile = 0.0}).as_double(), 2.0);
  EXPECT_DOUBLE_EQ(aggregate(values, AggKind::Quantile, {.quantile = 1.0}).as_double(), 9.0);
  EXPECT_THROW(aggregate(values, AggKind::Quantile, {.quantile = 1.5}), InvalidInputError);
}

TEST(AggregateTest, VarianceIsStableForLargeOffsets) {
  FixedWidthBuilder<double> builder(DataType::float64());
  for (int i = 0; i < 1000; ++i) builder.append(1e9 + (i % 2 == 0 ? 1.0 : -1.0));
  EXPECT_NEAR(aggregate(column(builder.finish()), AggKind::Var, {.ddof = 0}).as_double(), 1.0, 1e-6);
}

TEST(AggregateTest, StdOfOneValueWithDdofOneIsNull) {
  EXPECT_TRUE(aggregate(column(make_float64_array({3.0})), AggKind::Std).is_null());
  EXPECT_DOUBLE_EQ(aggregate(column(make_float64_array({3.0})), AggKind::Std, {.ddof = 0}).as_double(), 0.0);
}

TEST(AggregateTest, MinMaxOfFloatsWithNaN) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const ChunkedArray values = column(make_float64_array({1.0, nan, -3.0, std::nullopt}));
  EXPECT_DOUBLE_EQ(aggregate(values, AggKind::Min).as_double(), -3.0);
  EXPECT_TRUE(std::isnan(aggregate(values, AggKind::Max).as_double()));
}

TEST(AggregateTest, MinMaxOfStringsBoolsDatesCategoricals) {
  const ChunkedArray strings = column(make_string_array({"pear", std::nullopt, "Äpfel", "apple"}));
  EXPECT_EQ(aggregate(strings, AggKind::Min).as_string(), "apple");
  EXPECT_EQ(aggregate(strings, AggKind::Max).as_string(), "Äpfel");  // UTF-8 bytes order after ASCII
  const ChunkedArray bools = column(make_bool_array({true, std::nullopt, false}));
  EXPECT_FALSE(aggregate(bools, AggKind::Min).as_bool());
  EXPECT_TRUE(aggregate(bools, AggKind::Max).as_bool());
  const ChunkedArray dates = column(fixed_array<int32_t>(DataType::date(), {19723, 0, std::nullopt}));
  EXPECT_EQ(aggregate(dates, AggKind::Max).to_string(), "2024-01-01");
  EXPECT_EQ(aggregate(dates, AggKind::Min).type(), DataType::date());
  const ChunkedArray categories = column(make_categorical(make_string_array({"m", "z", std::nullopt, "b"})));
  const Scalar smallest = aggregate(categories, AggKind::Min);
  EXPECT_EQ(smallest.type(), DataType::string());
  EXPECT_EQ(smallest.as_string(), "b");
  EXPECT_EQ(aggregate(categories, AggKind::Max).as_string(), "z");
}

TEST(AggregateTest, CountsAndNUnique) {
  const ChunkedArray values = column(make_string_array({"a", std::nullopt, "b", "a", std::nullopt}));
  EXPECT_EQ(aggregate(values, AggKind::Count).as_int64(), 3);
  EXPECT_EQ(aggregate(values, AggKind::NullCount).as_int64(), 2);
  EXPECT_EQ(aggregate(values, AggKind::Len).as_int64(), 5);
  EXPECT_EQ(aggregate(values, AggKind::NUnique).as_int64(), 3);  // a, b, null
  const ChunkedArray all_null = column(make_null_array(DataType::null(), 4));
  EXPECT_EQ(aggregate(all_null, AggKind::Count).as_int64(), 0);
  EXPECT_EQ(aggregate(all_null, AggKind::NullCount).as_int64(), 4);
  EXPECT_EQ(aggregate(all_null, AggKind::NUnique).as_int64(), 1);
  EXPECT_EQ(aggregate(column(make_int64_array({})), AggKind::NUnique).as_int64(), 0);
}

TEST(AggregateTest, FirstAndLastKeepNulls) {
  const ChunkedArray values = column(make_int64_array({std::nullopt, 2, 3, std::nullopt}));
  EXPECT_TRUE(aggregate(values, AggKind::First).is_null());
  EXPECT_TRUE(aggregate(values, AggKind::Last).is_null());
  const ChunkedArray chunked(DataType::string(), {make_string_array({"x", "y"}), make_string_array({"z"})});
  EXPECT_EQ(aggregate(chunked, AggKind::First).as_string(), "x");
  EXPECT_EQ(aggregate(chunked, AggKind::Last).as_string(), "z");
  EXPECT_TRUE(aggregate(column(make_int64_array({})), AggKind::First).is_null());
}

TEST(GroupedAggregateTest, EveryKindOverGroupsWithNulls) {
  // group 0: 1, null, 3   group 1: 12   group 2: (only null)   group 3: no rows
  const ChunkedArray values = column(make_int64_array({1, 12, std::nullopt, std::nullopt, 3}));
  const std::vector<uint32_t> ids{0, 1, 0, 2, 0};
  auto run = [&](AggKind kind, AggOptions options = {}) {
    return rendered(grouped_aggregate(values, ids, 4, kind, options));
  };
  EXPECT_EQ(run(AggKind::Sum), (Strings{"4", "12", "0", "0"}));
  EXPECT_EQ(run(AggKind::Mean), (Strings{"2.0", "12.0", "null", "null"}));
  EXPECT_EQ(run(AggKind::Min), (Strings{"1", "12", "null", "null"}));
  EXPECT_EQ(run(AggKind::Max), (Strings{"3", "12", "null", "null"}));
  EXPECT_EQ(run(AggKind::Count), (Strings{"2", "1", "0", "0"}));
  EXPECT_EQ(run(AggKind::NullCount), (Strings{"1", "0", "1", "0"}));
  EXPECT_EQ(run(AggKind::Len), (Strings{"3", "1", "1", "0"}));
  EXPECT_EQ(run(AggKind::NUnique), (Strings{"3", "1", "1", "0"}));
  EXPECT_EQ(run(AggKind::First), (Strings{"1", "12", "null", "null"}));
  EXPECT_EQ(run(AggKind::Last), (Strings{"3", "12", "null", "null"}));
  EXPECT_EQ(run(AggKind::Var), (Strings{"2.0", "null", "null", "null"}));
  EXPECT_EQ(run(AggKind::Std, {.ddof = 0}), (Strings{"1.0", "0.0", "null", "null"}));
  EXPECT_EQ(run(AggKind::Median), (Strings{"2.0", "12.0", "null", "null"}));
  EXPECT_EQ(run(AggKind::Quantile, {.quantile = 0.25}), (Strings{"1.5", "12.0", "null", "null"}));
}

TEST(GroupedAggregateTest, StringsAndNestedFirstLast) {
  const ChunkedArray names = column(make_string_array({"b", "ü", "a", std::nullopt}));
  const std::vector<uint32_t> ids{0, 1, 0, 1};
  EXPECT_EQ(rendered(grouped_aggregate(names, ids, 2, AggKind::Min)), (Strings{"a", "ü"}));
  EXPECT_EQ(rendered(grouped_aggregate(names, ids, 2, AggKind::Last)), (Strings{"a", "null"}));
  const Array lists = make_list_array({0, 1, 3, 3}, make_int64_array({1, 2, 3}));
  EXPECT_EQ(rendered(grouped_aggregate(column(lists), {1, 0, 1}, 2, AggKind::First)), (Strings{"[2, 3]", "[1]"}));
}

TEST(GroupedAggregateTest, MergeCombinesPartialStates) {
  for (AggKind kind : {AggKind::Sum, AggKind::Mean, AggKind::Var, AggKind::Median, AggKind::NUnique, AggKind::First,
                       AggKind::Last, AggKind::Min}) {
    auto whole = make_grouped_aggregator(kind, DataType::int64());
    auto part_a = make_grouped_aggregator(kind, DataType::int64());
    auto part_b = make_grouped_aggregator(kind, DataType::int64());
    whole->resize(2);
    part_a->resize(2);
    part_b->resize(1);
    const Array a = make_int64_array({5, 1, 5});
    const Array b = make_int64_array({2, 8});
    const uint32_t ids_a[] = {0, 1, 0};
    const uint32_t ids_b[] = {0, 0};
    const uint32_t ids_b_in_whole[] = {1, 1};
    whole->consume(a, ids_a);
    whole->consume(b, ids_b_in_whole);
    part_a->consume(a, ids_a);
    part_b->consume(b, ids_b);
    const uint32_t mapping[] = {1};
    part_a->merge(*part_b, mapping);
    const Array merged = part_a->finish();
    const Array expected = whole->finish();
    if (kind == AggKind::Var) {  // merged variance may differ in the last bits
      ASSERT_EQ(merged.length(), 2);
      EXPECT_DOUBLE_EQ(merged.values<double>()[0], expected.values<double>()[0]);
      EXPECT_NEAR(merged.values<double>()[1], expected.values<double>()[1], 1e-12);
      EXPECT_NEAR(merged.values<double>()[1], 43.0 / 3.0, 1e-12);  // 1, 2, 8: squares about 11/3 sum to 258/9
    } else {
      EXPECT_EQ(rendered(merged), rendered(expected)) << agg_name(kind);
    }
  }
}

TEST(GroupedAggregateTest, LargeInputInParallelMatchesExpectedSums) {
  const int64_t n = 2000000;
  FixedWidthBuilder<int64_t> builder(DataType::int64());
  std::vector<uint32_t> ids(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    builder.append(i);
    ids[static_cast<size_t>(i)] = static_cast<uint32_t>(i % 4);
  }
  const ChunkedArray values = column(builder.finish());
  // Group g holds g, g+4, ..., n-4+g: n/4 values summing to n/4*g + 4*(0+1+...+(n/4-1)).
  const int64_t per_group = n / 4;
  const Array sums = grouped_aggregate(values, ids, 4, AggKind::Sum);
  for (int64_t g = 0; g < 4; ++g)
    EXPECT_EQ(sums.values<int64_t>()[g], per_group * g + 4 * (per_group * (per_group - 1) / 2));
  const Array firsts = grouped_aggregate(values, ids, 4, AggKind::First);
  const Array lasts = grouped_aggregate(values, ids, 4, AggKind::Last);
  for (int64_t g = 0; g < 4; ++g) {
    EXPECT_EQ(firsts.values<int64_t>()[g], g);
    EXPECT_EQ(lasts.values<int64_t>()[g], n - 4 + g);
  }
  EXPECT_EQ(aggregate(values, AggKind::NUnique).as_int64(), n);
  EXPECT_DOUBLE_EQ(aggregate(values, AggKind::Median).as_double(), (n - 1) / 2.0);
}

TEST(AggregateTest, QuantilesOfOrderedAndRepetitiveValuesMatchSorting) {
  // Inputs that make naive quickselect pivots split badly: sorted, reversed,
  // organ pipe, few distinct values, all equal; and random values.
  constexpr int64_t n = 20'001;
  std::vector<std::vector<double>> inputs(6);
  for (int64_t i = 0; i < n; ++i) {
    const auto x = static_cast<double>(i);
    inputs[0].push_back(x);
    inputs[1].push_back(-x);
    inputs[2].push_back(static_cast<double>(std::min(i, n - i)));
    inputs[3].push_back(static_cast<double>(i % 3));
    inputs[4].push_back(2.5);
    inputs[5].push_back(static_cast<double>((i * 2654435761LL) % 100'003) / 7.0);
  }
  for (size_t k = 0; k < inputs.size(); ++k) {
    for (const int64_t length : {n, int64_t{2}, int64_t{17}, int64_t{1000}}) {
      const std::vector<double> input(inputs[k].begin(), inputs[k].begin() + length);
      std::vector<std::optional<double>> optional(input.begin(), input.end());
      const ChunkedArray values = column(make_float64_array(optional));
      std::vector<double> sorted = input;
      std::sort(sorted.begin(), sorted.end());
      for (const double quantile : {0.0, 0.1, 0.5, 0.77, 1.0}) {
        const double position = quantile * static_cast<double>(length - 1);
        const auto low = static_cast<size_t>(std::floor(position));
        const double fraction = position - static_cast<double>(low);
        const double expected =
            fraction == 0.0 ? sorted[low] : sorted[low] + (sorted[low + 1] - sorted[low]) * fraction;
        EXPECT_DOUBLE_EQ(aggregate(values, AggKind::Quantile, {.quantile = quantile}).as_double(), expected)
            << "input " << k << ", length " << length << ", quantile " << quantile;
      }
    }
  }
}

TEST(GroupedAggregateTest, QuantileStatesMergeAndFinishTwice) {
  // Two states over different groups, one merged into the other through a
  // mapping; finishing does not consume the state.
  auto first = make_grouped_aggregator(AggKind::Median, DataType::float64());
  auto second = make_grouped_aggregator(AggKind::Median, DataType::float64());
  first->resize(2);
  second->resize(2);
  const std::vector<uint32_t> first_ids = {0, 1, 0, 1, 0};
  const std::vector<uint32_t> second_ids = {1, 0, 1, 1};
  first->consume(make_float64_array({1.0, 10.0, 3.0, std::nullopt, 2.0}), first_ids.data());
  second->consume(make_float64_array({4.0, 30.0, 5.0, 6.0}), second_ids.data());
  first->resize(3);
  const std::vector<uint32_t> mapping = {2, 0};  // second's group 1 is first's group 0
  first->merge(*second, mapping.data());
  const Array once = first->finish();
  EXPECT_EQ(rendered(once), (Strings{"3.5", "10.0", "30.0"}));
  EXPECT_EQ(rendered(first->finish()), rendered(once));
}

TEST(GroupedAggregateTest, NoGroupsGiveEmptyResults) {
  for (AggKind kind : {AggKind::Sum, AggKind::Mean, AggKind::Min, AggKind::Max, AggKind::Count, AggKind::NullCount,
                       AggKind::Len, AggKind::NUnique, AggKind::First, AggKind::Last, AggKind::Std, AggKind::Var,
                       AggKind::Median, AggKind::Quantile}) {
    const Array out = grouped_aggregate(column(make_int64_array({})), {}, 0, kind);
    EXPECT_EQ(out.length(), 0) << agg_name(kind);
    EXPECT_EQ(out.type(), aggregate_type(kind, DataType::int64())) << agg_name(kind);
  }
}

TEST(GroupedAggregateTest, MismatchedGroupIdsThrow) {
  EXPECT_THROW(grouped_aggregate(column(make_int64_array({1, 2})), {0}, 1, AggKind::Sum), InvalidInputError);
}

TEST(AggregateTypeTest, ResultTypes) {
  EXPECT_EQ(aggregate_type(AggKind::Sum, DataType::int32()), DataType::int64());
  EXPECT_EQ(aggregate_type(AggKind::Sum, DataType::uint8()), DataType::uint64());
  EXPECT_EQ(aggregate_type(AggKind::Sum, DataType::float32()), DataType::float64());
  EXPECT_EQ(aggregate_type(AggKind::Sum, DataType::duration(TimeUnit::Milli)), DataType::duration(TimeUnit::Milli));
  EXPECT_EQ(aggregate_type(AggKind::Mean, DataType::int64()), DataType::float64());
  EXPECT_EQ(aggregate_type(AggKind::Min, DataType::string()), DataType::string());
  EXPECT_EQ(aggregate_type(AggKind::Max, DataType::categorical()), DataType::string());
  EXPECT_EQ(aggregate_type(AggKind::Count, DataType::string()), DataType::int64());
  EXPECT_EQ(aggregate_type(AggKind::First, DataType::date()), DataType::date());
  EXPECT_THROW(aggregate_type(AggKind::Sum, DataType::date()), TypeError);
  EXPECT_THROW(aggregate_type(AggKind::Min, DataType::list(DataType::int64())), TypeError);
}

}  // namespace
}  // namespace strata::compute
