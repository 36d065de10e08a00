// Grouped n_unique against a plain reference: a set of canonical values per
// group, a null counting as one value, NaN equal to NaN and -0.0 to 0.0.
// Inputs are large enough to run in parallel (per-thread states merged with
// id mappings) and come in chunks.
#include <gtest/gtest.h>

#include "compute/kernel_test_support.hpp"

#include <cmath>
#include <map>
#include <set>
#include <string>

#include "strata/compute/aggregate.hpp"
#include "strata/compute/grouping.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/thread_pool.hpp"

namespace strata::compute {
namespace {

using testing::chunked;

// A value as the reference compares it; nulls are kNull.
using Canonical = std::string;
const Canonical kNull = "\x01null";

Canonical canonical(double value) {
  if (std::isnan(value)) return "nan";
  if (value == 0.0) value = 0.0;
  char text[64];
  std::snprintf(text, sizeof text, "%a", value);
  return text;
}

std::vector<int64_t> reference_counts(const std::vector<Canonical>& values, const std::vector<uint32_t>& ids,
                                      int64_t groups) {
  std::vector<std::set<Canonical>> sets(static_cast<size_t>(groups));
  for (size_t i = 0; i < values.size(); ++i) sets[ids[i]].insert(values[i]);
  std::vector<int64_t> counts;
  for (const auto& set : sets) counts.push_back(static_cast<int64_t>(set.size()));
  return counts;
}

std::vector<int64_t> int64_values(const Array& array) {
  std::vector<int64_t> out;
  for (int64_t i = 0; i < array.length(); ++i) out.push_back(array.values<int64_t>()[i]);
  return out;
}

// Group ids that repeat with gaps, so every group has rows in every range.
std::vector<uint32_t> spread_ids(int64_t rows, int64_t groups) {
  std::vector<uint32_t> ids(static_cast<size_t>(rows));
  for (int64_t i = 0; i < rows; ++i) ids[static_cast<size_t>(i)] = static_cast<uint32_t>((i * 7919 + i / 5) % groups);
  return ids;
}

// One test input: the values array and each row's canonical value.
struct Input {
  Array values;
  std::vector<Canonical> canonical;
};

Input int64_input(int64_t rows) {
  FixedWidthBuilder<int64_t> builder(DataType::int64());
  Input input;
  for (int64_t i = 0; i < rows; ++i) {
    if (i % 29 == 0) {
      builder.append_null();
      input.canonical.push_back(kNull);
      continue;
    }
    // Negative and huge values too: all 64 bits matter.
    const int64_t value = (i * 31) % 23 - 11 + (i % 3 == 0 ? (int64_t{1} << 40) : 0);
    builder.append(value);
    input.canonical.push_back(std::to_string(value));
  }
  input.values = builder.finish();
  return input;
}

Input float64_input(int64_t rows) {
  FixedWidthBuilder<double> builder(DataType::float64());
  Input input;
  const double choices[] = {0.0, -0.0, std::nan(""), -std::nan(""), 1.5, -1.5, 1e300, 2.25, -0.0, 7.0};
  for (int64_t i = 0; i < rows; ++i) {
    if (i % 31 == 3) {
      builder.append_null();
      input.canonical.push_back(kNull);
      continue;
    }
    const double value = choices[(i * 13) % 10];
    builder.append(value);
    input.canonical.push_back(canonical(value));
  }
  input.values = builder.finish();
  return input;
}

Input int8_input(int64_t rows) {
  FixedWidthBuilder<int8_t> builder(DataType::int8());
  Input input;
  for (int64_t i = 0; i < rows; ++i) {
    if (i % 17 == 0) {
      builder.append_null();
      input.canonical.push_back(kNull);
      continue;
    }
    const auto value = static_cast<int8_t>((i * 37) % 256 - 128);
    builder.append(value);
    input.canonical.push_back(std::to_string(value));
  }
  input.values = builder.finish();
  return input;
}

Input string_input(int64_t rows) {
  StringBuilder builder;
  Input input;
  for (int64_t i = 0; i < rows; ++i) {
    if (i % 23 == 0) {
      builder.append_null();
      input.canonical.push_back(kNull);
      continue;
    }
    const std::string value = (i % 2 == 0 ? "a string well over twelve bytes " : "s") + std::to_string((i * 11) % 17);
    builder.append(std::string_view(value));
    input.canonical.push_back(value);
  }
  input.values = builder.finish();
  return input;
}

Input bool_input(int64_t rows) {
  std::vector<std::optional<bool>> values;
  Input input;
  for (int64_t i = 0; i < rows; ++i) {
    if (i % 41 == 0) values.push_back(std::nullopt);
    else values.push_back((i * 7) % 3 == 0);
    input.canonical.push_back(values.back() ? (*values.back() ? "true" : "false") : kNull);
  }
  input.values = make_bool_array(values);
  return input;
}

Input decimal_input(int64_t rows) {
  FixedWidthBuilder<Int128> builder(DataType::decimal(30, 2));
  Input input;
  for (int64_t i = 0; i < rows; ++i) {
    if (i % 19 == 0) {
      builder.append_null();
      input.canonical.push_back(kNull);
      continue;
    }
    const int64_t value = (i * 5) % 13 - 6;
    builder.append(static_cast<Int128>(value) * (Int128{1} << 70));
    input.canonical.push_back(std::to_string(value));
  }
  input.values = builder.finish();
  return input;
}

class GroupedNUniqueTest : public testing::ThreeThreadTest {
 protected:
  static constexpr int64_t kRows = 400'000;
  static constexpr int64_t kGroups = 30'011;

  // Checks grouped_aggregate by given ids and the fused group_aggregate by
  // a key column against the reference.
  static void check(const Input& input) {
    SCOPED_TRACE(input.values.type().to_string());
    const std::vector<uint32_t> ids = spread_ids(kRows, kGroups);
    const ChunkedArray values = chunked(input.values, {1000, 150'001, 150'002, 333'333});
    const std::vector<int64_t> expected = reference_counts(input.canonical, ids, kGroups);
    EXPECT_EQ(int64_values(grouped_aggregate(values, ids, kGroups, AggKind::NUnique)), expected);

    // The fused pass numbers groups by first appearance of the key.
    FixedWidthBuilder<int64_t> keys(DataType::int64());
    for (const uint32_t id : ids) keys.append(int64_t{id} * 1'000'003);
    const GroupedAggregates grouped =
        group_aggregate({chunked(keys.finish(), {77'777, 300'000})}, {{values, AggKind::NUnique}});
    ASSERT_EQ(grouped.num_groups, kGroups);
    const std::vector<int64_t> fused = int64_values(grouped.values[0]);
    for (int64_t g = 0; g < grouped.num_groups; ++g) {
      const int64_t key = grouped.keys[0].values<int64_t>()[g];
      ASSERT_EQ(fused[static_cast<size_t>(g)], expected[static_cast<size_t>(key / 1'000'003)]) << "key " << key;
    }
  }
};

TEST_F(GroupedNUniqueTest, Int64WithNulls) { check(int64_input(kRows)); }
TEST_F(GroupedNUniqueTest, Float64NaNAndNegativeZero) { check(float64_input(kRows)); }
TEST_F(GroupedNUniqueTest, Int8NegativeValues) { check(int8_input(kRows)); }
TEST_F(GroupedNUniqueTest, StringsWithNulls) { check(string_input(kRows)); }
TEST_F(GroupedNUniqueTest, BoolsWithNulls) { check(bool_input(kRows)); }
TEST_F(GroupedNUniqueTest, Decimals) { check(decimal_input(kRows)); }

TEST_F(GroupedNUniqueTest, CategoricalChunksWithDifferentDictionaries) {
  const Input strings = string_input(kRows);
  // Each chunk its own categorical: the same string has different codes.
  std::vector<Array> chunks;
  const std::vector<int64_t> cuts = {0, 5000, 200'000, kRows};
  for (size_t c = 0; c + 1 < cuts.size(); ++c)
    chunks.push_back(make_categorical(strings.values.slice(cuts[c], cuts[c + 1] - cuts[c])));
  const ChunkedArray values(DataType::categorical(), chunks);
  const std::vector<uint32_t> ids = spread_ids(kRows, kGroups);
  EXPECT_EQ(int64_values(grouped_aggregate(values, ids, kGroups, AggKind::NUnique)),
            reference_counts(strings.canonical, ids, kGroups));
}

TEST_F(GroupedNUniqueTest, NullTypedValues) {
  const std::vector<uint32_t> ids = spread_ids(kRows, kGroups);
  const ChunkedArray values(DataType::null(), {make_null_array(DataType::null(), 1000),
                                               make_null_array(DataType::null(), kRows - 1000)});
  const std::vector<Canonical> canonical(static_cast<size_t>(kRows), kNull);
  EXPECT_EQ(int64_values(grouped_aggregate(values, ids, kGroups, AggKind::NUnique)),
            reference_counts(canonical, ids, kGroups));
}

// A single group (whole-column n_unique) of categorical chunks.
TEST_F(GroupedNUniqueTest, WholeColumnOfCategoricalChunks) {
  const Input strings = string_input(kRows);
  const ChunkedArray values(DataType::categorical(), {make_categorical(strings.values.slice(0, 200'000)),
                                                      make_categorical(strings.values.slice(200'000, kRows - 200'000))});
  const std::vector<uint32_t> zeros(static_cast<size_t>(kRows), 0);
  EXPECT_EQ(aggregate(values, AggKind::NUnique).as_int64(), reference_counts(strings.canonical, zeros, 1)[0]);
}

TEST_F(GroupedNUniqueTest, FewLargeGroups) {
  const Input input = float64_input(kRows);
  std::vector<uint32_t> ids(static_cast<size_t>(kRows));
  for (int64_t i = 0; i < kRows; ++i) ids[static_cast<size_t>(i)] = static_cast<uint32_t>(i % 3);
  EXPECT_EQ(int64_values(grouped_aggregate(ChunkedArray(input.values), ids, 3, AggKind::NUnique)),
            reference_counts(input.canonical, ids, 3));
}

TEST_F(GroupedNUniqueTest, GroupsWithoutRowsCountZero) {
  const Input input = int64_input(1000);
  std::vector<uint32_t> ids(1000);
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<uint32_t>(i % 4) * 2;  // odd groups empty
  EXPECT_EQ(int64_values(grouped_aggregate(ChunkedArray(input.values), ids, 9, AggKind::NUnique)),
            reference_counts(input.canonical, ids, 9));
}

// Merging a single-group aggregator (values only) and a grouped one into a
// grouped one, each through a mapping of its groups.
void check_merges(const Input& input) {
  SCOPED_TRACE(input.values.type().to_string());
  const int64_t rows = input.values.length();
  const int64_t third = rows / 3;
  const std::vector<uint32_t> ids = spread_ids(rows, 50);
  auto target = make_grouped_aggregator(AggKind::NUnique, input.values.type());
  target->resize(60);
  target->consume(input.values.slice(0, third), ids.data());
  // Rows of the second third all go to group 57 of the target.
  auto single = make_grouped_aggregator(AggKind::NUnique, input.values.type());
  single->resize(1);
  single->consume(input.values.slice(third, third), nullptr);
  const uint32_t to_57[] = {57};
  target->merge(*single, to_57);
  // The last rows' groups are reversed: g goes to 49 - g.
  auto grouped = make_grouped_aggregator(AggKind::NUnique, input.values.type());
  grouped->resize(50);
  grouped->consume(input.values.slice(2 * third, rows - 2 * third), ids.data() + 2 * third);
  std::vector<uint32_t> reversed(50);
  for (uint32_t g = 0; g < 50; ++g) reversed[g] = 49 - g;
  target->merge(*grouped, reversed.data());

  std::vector<uint32_t> expected_ids(static_cast<size_t>(rows));
  for (int64_t i = 0; i < rows; ++i) {
    const uint32_t id = ids[static_cast<size_t>(i)];
    expected_ids[static_cast<size_t>(i)] = i < third ? id : i < 2 * third ? 57 : 49 - id;
  }
  EXPECT_EQ(int64_values(target->finish()), reference_counts(input.canonical, expected_ids, 60));
}

TEST(GroupedNUniqueMergeTest, FixedWidthValues) { check_merges(int64_input(90'000)); }
TEST(GroupedNUniqueMergeTest, FloatValues) { check_merges(float64_input(90'000)); }
TEST(GroupedNUniqueMergeTest, StringValues) { check_merges(string_input(90'000)); }

// One aggregator fed many batches (as a streaming engine does) drops
// repeated pairs along the way; the counts stay exact.
TEST(GroupedNUniqueStreamingTest, ManyBatchesIntoOneAggregator) {
  constexpr int64_t kBatchRows = 1 << 16;
  constexpr int64_t kGroups = 5000;
  constexpr int kBatches = 150;  // about 9.8 million rows
  auto aggregator = make_grouped_aggregator(AggKind::NUnique, DataType::int64());
  aggregator->resize(kGroups);
  std::vector<std::set<int64_t>> sets(kGroups);
  std::vector<bool> nulls(kGroups, false);
  std::vector<uint32_t> ids(kBatchRows);
  for (int b = 0; b < kBatches; ++b) {
    FixedWidthBuilder<int64_t> builder(DataType::int64());
    for (int64_t i = 0; i < kBatchRows; ++i) {
      ids[static_cast<size_t>(i)] = static_cast<uint32_t>((i * 7 + b) % kGroups);
      if ((i + b) % 1009 == 0) {
        builder.append_null();
        nulls[ids[static_cast<size_t>(i)]] = true;
        continue;
      }
      const int64_t value = (i % 97) + (b % 4) * 1000;
      builder.append(value);
      sets[ids[static_cast<size_t>(i)]].insert(value);
    }
    aggregator->consume(builder.finish(), ids.data());
  }
  std::vector<int64_t> expected;
  for (int64_t g = 0; g < kGroups; ++g)
    expected.push_back(static_cast<int64_t>(sets[static_cast<size_t>(g)].size()) + (nulls[static_cast<size_t>(g)] ? 1 : 0));
  EXPECT_EQ(int64_values(aggregator->finish()), expected);
}

}  // namespace
}  // namespace strata::compute
