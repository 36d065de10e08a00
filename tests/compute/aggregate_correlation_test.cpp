// Corr and Cov, the two-column aggregates: against a naive two-pass
// computation in long double, with nulls in either column, empty and
// one-row groups, constant columns, values far from zero, and large chunked
// inputs that run in parallel and merge per-thread states.
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <vector>

#include "compute/kernel_test_support.hpp"
#include "strata/compute/aggregate.hpp"
#include "strata/compute/grouping.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/nested.hpp"
#include "strata/core/thread_pool.hpp"

namespace strata::compute {
namespace {

using testing::fixed_array;
using testing::rendered;
using testing::Strings;
using Doubles = std::vector<std::optional<double>>;

ChunkedArray pair(const Array& x, const Array& y) { return pair_columns(ChunkedArray(x), ChunkedArray(y)); }

// The reference: both means first, then the sums of deviations, in long
// double, over the rows where both values are present. nullopt where Strata
// must give null.
struct Reference {
  std::optional<double> corr, cov;
};

Reference two_pass(const std::vector<double>& xs, const std::vector<double>& ys, int ddof = 1) {
  const auto n = static_cast<int64_t>(xs.size());
  long double sum_x = 0, sum_y = 0;
  for (int64_t i = 0; i < n; ++i) {
    sum_x += xs[static_cast<size_t>(i)];
    sum_y += ys[static_cast<size_t>(i)];
  }
  const long double mean_x = n ? sum_x / n : 0, mean_y = n ? sum_y / n : 0;
  long double sxx = 0, syy = 0, sxy = 0;
  for (int64_t i = 0; i < n; ++i) {
    const long double dx = xs[static_cast<size_t>(i)] - mean_x, dy = ys[static_cast<size_t>(i)] - mean_y;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  Reference out;
  if (n > ddof) out.cov = static_cast<double>(sxy / (n - ddof));
  if (n >= 2 && sxx > 0 && syy > 0) out.corr = static_cast<double>(sxy / std::sqrt(sxx * syy));
  return out;
}

void expect_near(const Array& result, int64_t row, std::optional<double> expected, double tolerance,
                 const char* what) {
  if (!expected) {
    EXPECT_TRUE(result.is_null(row)) << what << " of group " << row << " should be null, got "
                                     << result.value_to_string(row);
    return;
  }
  ASSERT_TRUE(result.is_valid(row)) << what << " of group " << row << " is null, expected " << *expected;
  const double actual = result.values<double>()[row];
  EXPECT_NEAR(actual, *expected, tolerance * std::max(1.0, std::abs(*expected))) << what << " of group " << row;
}

TEST(CorrelationTest, PerfectAndInverseLinearRelations) {
  const Array x = make_float64_array({1, 2, 3, 4});
  EXPECT_DOUBLE_EQ(aggregate(pair(x, make_float64_array({2, 4, 6, 8})), AggKind::Corr).as_double(), 1.0);
  EXPECT_DOUBLE_EQ(aggregate(pair(x, make_float64_array({8, 6, 4, 2})), AggKind::Corr).as_double(), -1.0);
  // cov(x, 2x) = 2 var(x) = 2 * 5/3 (sample), 2 * 5/4 (population)
  EXPECT_DOUBLE_EQ(aggregate(pair(x, make_float64_array({2, 4, 6, 8})), AggKind::Cov).as_double(), 10.0 / 3.0);
  EXPECT_DOUBLE_EQ(aggregate(pair(x, make_float64_array({2, 4, 6, 8})), AggKind::Cov, {.ddof = 0}).as_double(), 2.5);
  // DuckDB answers 0.5 for x = 1e9 + {1, 2, 3}, y = {3, 5, 4}.
  const Array far = make_float64_array({1e9 + 1, 1e9 + 2, 1e9 + 3});
  EXPECT_NEAR(aggregate(pair(far, make_int64_array({3, 5, 4})), AggKind::Corr).as_double(), 0.5, 1e-12);
}

TEST(CorrelationTest, RowsWithANullInEitherColumnAreSkipped) {
  // Without the pairwise skip, the 100 and the -50 would change the means.
  const Array x = make_int64_array({1, 2, std::nullopt, 3, 100});
  const Array y = make_float64_array({1, 2, -50, 3, std::nullopt});
  EXPECT_DOUBLE_EQ(aggregate(pair(x, y), AggKind::Corr).as_double(), 1.0);
  EXPECT_DOUBLE_EQ(aggregate(pair(x, y), AggKind::Cov).as_double(), 1.0);
}

TEST(CorrelationTest, UndefinedResultsAreNull) {
  const auto corr = [](const Array& x, const Array& y) { return aggregate(pair(x, y), AggKind::Corr); };
  const auto cov = [](const Array& x, const Array& y, int ddof) {
    return aggregate(pair(x, y), AggKind::Cov, {.ddof = ddof});
  };
  // No rows, no complete rows, one row.
  EXPECT_TRUE(corr(make_float64_array({}), make_float64_array({})).is_null());
  EXPECT_TRUE(cov(make_float64_array({}), make_float64_array({}), 0).is_null());
  const Array half_x = make_float64_array({1, std::nullopt}), half_y = make_float64_array({std::nullopt, 2});
  EXPECT_TRUE(corr(half_x, half_y).is_null());
  EXPECT_TRUE(cov(half_x, half_y, 0).is_null());
  EXPECT_TRUE(corr(make_float64_array({1}), make_float64_array({2})).is_null());
  EXPECT_TRUE(cov(make_float64_array({1}), make_float64_array({2}), 1).is_null());
  EXPECT_DOUBLE_EQ(cov(make_float64_array({1}), make_float64_array({2}), 0).as_double(), 0.0);
  // A constant column has no correlation (DuckDB: null; Polars: NaN), but a
  // covariance of 0.
  const Array constant = make_float64_array({0.1, 0.1, 0.1, 0.1});
  EXPECT_TRUE(corr(constant, make_float64_array({1, 2, 3, 5})).is_null());
  EXPECT_TRUE(corr(make_float64_array({1, 2, 3, 5}), constant).is_null());
  EXPECT_DOUBLE_EQ(cov(constant, make_float64_array({1, 2, 3, 5}), 1).as_double(), 0.0);
  // A column of the Null type has no complete row.
  EXPECT_TRUE(corr(make_null_array(DataType::null(), 3), make_float64_array({1, 2, 3})).is_null());
  EXPECT_TRUE(cov(make_float64_array({1, 2, 3}), make_null_array(DataType::null(), 3), 0).is_null());
}

TEST(CorrelationTest, NaNPropagates) {
  const Array x = make_float64_array({1, std::nan(""), 3}), y = make_float64_array({1, 2, 3});
  EXPECT_TRUE(std::isnan(aggregate(pair(x, y), AggKind::Corr).as_double()));
  EXPECT_TRUE(std::isnan(aggregate(pair(x, y), AggKind::Cov).as_double()));
}

TEST(CorrelationTest, IntegersDecimalsBoolsAndFloat32) {
  const Array ints = fixed_array<int8_t>(DataType::int8(), {1, 2, 3, 5});
  const Array decimals = fixed_array<Int128>(DataType::decimal(10, 2), {Int128{150}, Int128{250}, Int128{350},
                                                                        Int128{550}});  // 1.5, 2.5, 3.5, 5.5
  const Array bools = make_bool_array({false, false, true, true});
  const Array floats = testing::float32_array({1.0f, 2.0f, 3.0f, 5.0f});
  EXPECT_DOUBLE_EQ(aggregate(pair(ints, decimals), AggKind::Corr).as_double(), 1.0);
  EXPECT_DOUBLE_EQ(aggregate(pair(ints, floats), AggKind::Corr).as_double(), 1.0);
  // cov(ints, decimals) = var(ints) = 35/12
  EXPECT_NEAR(aggregate(pair(ints, decimals), AggKind::Cov).as_double(), 35.0 / 12.0, 1e-12);
  const Reference expected = two_pass({1, 2, 3, 5}, {0, 0, 1, 1});
  EXPECT_NEAR(aggregate(pair(ints, bools), AggKind::Corr).as_double(), *expected.corr, 1e-12);
  EXPECT_NEAR(aggregate(pair(ints, bools), AggKind::Cov).as_double(), *expected.cov, 1e-12);
}

TEST(CorrelationTest, TypesAndErrors) {
  EXPECT_EQ(aggregate_type(AggKind::Corr, pair_type(DataType::int64(), DataType::float32())), DataType::float64());
  EXPECT_EQ(aggregate_type(AggKind::Cov, pair_type(DataType::decimal(10, 2), DataType::boolean())),
            DataType::float64());
  EXPECT_THROW(aggregate_type(AggKind::Corr, pair_type(DataType::string(), DataType::int64())), TypeError);
  EXPECT_THROW(aggregate_type(AggKind::Cov, pair_type(DataType::int64(), DataType::date())), TypeError);
  EXPECT_THROW(aggregate_type(AggKind::Corr, DataType::float64()), InvalidInputError);
  EXPECT_THROW(aggregate_type(AggKind::Cov, pair_type(DataType::int64(), DataType::int64()), {.ddof = -1}),
               InvalidInputError);
  EXPECT_THROW(aggregate(ChunkedArray(make_float64_array({1, 2})), AggKind::Corr), InvalidInputError);
  EXPECT_THROW(pair_columns(ChunkedArray(make_float64_array({1, 2})), ChunkedArray(make_float64_array({1}))),
               InvalidInputError);
  EXPECT_TRUE(is_pair_aggregate(AggKind::Corr));
  EXPECT_TRUE(is_pair_aggregate(AggKind::Cov));
  EXPECT_FALSE(is_pair_aggregate(AggKind::Var));
  EXPECT_STREQ(agg_name(AggKind::Corr), "corr");
  EXPECT_STREQ(agg_name(AggKind::Cov), "cov");
}

TEST(CorrelationTest, PairColumnsAlignsChunksWithoutChangingValues) {
  const Array x = make_int64_array({1, 2, std::nullopt, 4, 5});
  const Array y = make_float64_array({0.5, std::nullopt, 1.5, 2.5, 3.5});
  const ChunkedArray xs(DataType::int64(), {x.slice(0, 2), x.slice(2, 3)});
  const ChunkedArray ys(DataType::float64(), {y.slice(0, 3), y.slice(3, 2)});
  const ChunkedArray pairs = pair_columns(xs, ys);
  EXPECT_EQ(pairs.type(), pair_type(DataType::int64(), DataType::float64()));
  ASSERT_EQ(pairs.num_chunks(), 3);  // cut at 2 and at 3
  const Array combined = pairs.combine();
  EXPECT_EQ(rendered(combined.struct_field(0)), (Strings{"1", "2", "null", "4", "5"}));
  EXPECT_EQ(rendered(combined.struct_field(1)), (Strings{"0.5", "null", "1.5", "2.5", "3.5"}));
}

TEST(CorrelationTest, GroupsMatchTheTwoPassReference) {
  // Group 0: far from zero; 1: one complete row; 2: no complete row;
  // 3: constant x; 4: nulls in both columns; 5: empty (no rows at all).
  std::vector<std::optional<double>> x, y;
  std::vector<uint32_t> ids;
  std::vector<std::vector<double>> xs(6), ys(6);
  constexpr double kNull = -12345.0;  // marks a null below
  auto add = [&](uint32_t g, double a, double b) {
    x.push_back(a == kNull ? std::nullopt : std::optional<double>(a));
    y.push_back(b == kNull ? std::nullopt : std::optional<double>(b));
    ids.push_back(g);
    if (a != kNull && b != kNull) {
      xs[g].push_back(a);
      ys[g].push_back(b);
    }
  };
  for (int i = 0; i < 50; ++i) {
    add(0, 1e12 + (i * 37 % 11), 3e9 - (i * 53 % 17) * 0.25);
    add(3, 7.0, i * 1.5);
    add(4, i % 3 == 0 ? kNull : i * 0.1, i % 5 == 0 ? kNull : i * i * 0.01);
  }
  add(1, 2.0, 3.0);
  add(1, kNull, 4.0);
  add(2, kNull, 1.0);
  add(2, 1.0, kNull);
  const ChunkedArray pairs = pair(make_float64_array(x), make_float64_array(y));
  const Array corr = grouped_aggregate(pairs, ids, 6, AggKind::Corr);
  const Array cov = grouped_aggregate(pairs, ids, 6, AggKind::Cov);
  const Array cov0 = grouped_aggregate(pairs, ids, 6, AggKind::Cov, {.ddof = 0});
  for (int64_t g = 0; g < 6; ++g) {
    const auto& gx = xs[static_cast<size_t>(g)];
    const auto& gy = ys[static_cast<size_t>(g)];
    expect_near(corr, g, two_pass(gx, gy).corr, 1e-9, "corr");
    expect_near(cov, g, two_pass(gx, gy).cov, 1e-9, "cov");
    expect_near(cov0, g, two_pass(gx, gy, 0).cov, 1e-9, "cov(ddof=0)");
  }
  EXPECT_TRUE(corr.is_null(1) && corr.is_null(2) && corr.is_null(3) && corr.is_null(5));
}

TEST(CorrelationTest, FarFromZeroStaysAccurate) {
  // The textbook n*Sxy - Sx*Sy loses every digit here: the values are about
  // 1e9 with differences of about 1, so their squares agree to 18 digits.
  std::vector<std::optional<double>> x, y;
  std::vector<double> xs, ys;
  for (int i = 0; i < 10'000; ++i) {
    const double a = 1e9 + (i * 7919 % 101) * 0.5, b = -1e9 + (i * 104729 % 89) + a * 1e-9;
    x.push_back(a);
    y.push_back(b);
    xs.push_back(a);
    ys.push_back(b);
  }
  const Reference expected = two_pass(xs, ys);
  const ChunkedArray pairs = pair(make_float64_array(x), make_float64_array(y));
  EXPECT_NEAR(aggregate(pairs, AggKind::Corr).as_double(), *expected.corr, 1e-9);
  EXPECT_NEAR(aggregate(pairs, AggKind::Cov).as_double(), *expected.cov, 1e-9 * std::abs(*expected.cov));
}

// Large inputs run in parallel with one state per thread, merged afterwards.
class CorrelationLargeTest : public testing::ThreeThreadTest {
 protected:
};

TEST_F(CorrelationLargeTest, ParallelGroupingMatchesTheTwoPassReference) {
  constexpr int64_t kRows = 400'000, kGroups = 1500;
  FixedWidthBuilder<int64_t> keys(DataType::int64()), x_builder(DataType::int64());
  FixedWidthBuilder<double> y_builder(DataType::float64());
  std::vector<std::vector<double>> xs(kGroups), ys(kGroups);
  for (int64_t i = 0; i < kRows; ++i) {
    const int64_t g = (i * 7919) % kGroups;
    keys.append(g);
    const bool x_null = i % 17 == 0 || g == 7, y_null = i % 29 == 0;
    const int64_t a = 1'000'000 + (i * 31) % 1000;
    const double b = static_cast<double>((i * 2654435761LL) % 10'007) / 3.0;
    if (x_null) x_builder.append_null(); else x_builder.append(a);
    if (y_null) y_builder.append_null(); else y_builder.append(b);
    if (!x_null && !y_null) {
      xs[static_cast<size_t>(g)].push_back(static_cast<double>(a));
      ys[static_cast<size_t>(g)].push_back(b);
    }
  }
  const Array key_array = keys.finish(), x = x_builder.finish(), y = y_builder.finish();
  // Chunks that do not line up between the keys and the two inputs.
  const ChunkedArray key_column(DataType::int64(), {key_array.slice(0, 150'000), key_array.slice(150'000, 250'000)});
  const ChunkedArray x_column(DataType::int64(), {x.slice(0, 99'999), x.slice(99'999, 300'001)});
  const ChunkedArray y_column(DataType::float64(), {y.slice(0, 333'333), y.slice(333'333, 66'667)});
  const ChunkedArray pairs = pair_columns(x_column, y_column);
  const GroupedAggregates result = group_aggregate({key_column}, {{pairs, AggKind::Corr}, {pairs, AggKind::Cov}});
  ASSERT_EQ(result.num_groups, kGroups);
  for (int64_t row = 0; row < kGroups; ++row) {
    const int64_t g = result.keys[0].values<int64_t>()[row];
    const Reference expected = two_pass(xs[static_cast<size_t>(g)], ys[static_cast<size_t>(g)]);
    expect_near(result.values[0], row, expected.corr, 1e-9, "corr");
    expect_near(result.values[1], row, expected.cov, 1e-9, "cov");
  }
  // The whole column at once: states over row ranges, merged.
  std::vector<double> all_x, all_y;
  for (int64_t g = 0; g < kGroups; ++g) {
    all_x.insert(all_x.end(), xs[static_cast<size_t>(g)].begin(), xs[static_cast<size_t>(g)].end());
    all_y.insert(all_y.end(), ys[static_cast<size_t>(g)].begin(), ys[static_cast<size_t>(g)].end());
  }
  const Reference whole = two_pass(all_x, all_y);
  EXPECT_NEAR(aggregate(pairs, AggKind::Corr).as_double(), *whole.corr, 1e-9);
  EXPECT_NEAR(aggregate(pairs, AggKind::Cov).as_double(), *whole.cov, 1e-9 * std::abs(*whole.cov));
}

}  // namespace
}  // namespace strata::compute
