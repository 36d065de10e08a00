// Column statistics computed during validation, and the HyperLogLog sketch.
#include <cmath>

#include "validate/validate_test_support.hpp"
#include "strata/validate/hyperloglog.hpp"

namespace strata {
namespace {

using namespace validate_test;

const ColumnStatistics& statistics_of(const ValidationReport& report, const std::string& name) {
  for (const ColumnStatistics& statistics : report.statistics)
    if (statistics.name == name) return statistics;
  throw std::runtime_error("no statistics for " + name);
}

TEST(Statistics, NumbersStringsAndNulls) {
  const DataFrame frame({ints("n", {3, std::nullopt, -2, 3}), texts("s", {"pear", "äpfel", std::nullopt, "apple"}),
                         floats("f", {0.5, 1.5, std::nullopt, std::nullopt})});
  ValidationOptions options;
  options.batch_rows = 3;  // statistics merge across batches
  const ValidationReport report = validate(frame, DataFrameSchema(), options);
  const ColumnStatistics& n = statistics_of(report, "n");
  EXPECT_EQ(n.type, DataType::int64());
  EXPECT_EQ(n.count, 3);
  EXPECT_EQ(n.null_count, 1);
  EXPECT_EQ(n.min.as_int64(), -2);
  EXPECT_EQ(n.max.as_int64(), 3);
  EXPECT_DOUBLE_EQ(*n.mean, 4.0 / 3.0);
  EXPECT_EQ(n.distinct_estimate, 2);
  const ColumnStatistics& s = statistics_of(report, "s");
  EXPECT_EQ(s.min.as_string(), "apple");
  EXPECT_EQ(s.max.as_string(), "äpfel");  // bytewise: UTF-8 after ASCII
  EXPECT_FALSE(s.mean.has_value());
  EXPECT_EQ(s.distinct_estimate, 3);
  EXPECT_DOUBLE_EQ(*statistics_of(report, "f").mean, 1.0);
}

TEST(Statistics, AllNullAndDatesAndCategoricals) {
  const DataFrame frame({ints("none", {std::nullopt, std::nullopt}), dates("d", {"2024-03-01", "2023-12-31"}),
                         categories("c", {"b", "a"})});
  const ValidationReport report = validate(frame, DataFrameSchema());
  const ColumnStatistics& none = statistics_of(report, "none");
  EXPECT_EQ(none.count, 0);
  EXPECT_EQ(none.null_count, 2);
  EXPECT_TRUE(none.min.is_null());
  EXPECT_FALSE(none.mean.has_value());
  EXPECT_EQ(none.distinct_estimate, 0);
  EXPECT_EQ(statistics_of(report, "d").min.to_string(), "2023-12-31");
  EXPECT_FALSE(statistics_of(report, "d").mean.has_value());
  EXPECT_EQ(statistics_of(report, "c").max.as_string(), "b");
  EXPECT_EQ(statistics_of(report, "c").distinct_estimate, 2);
}

TEST(Statistics, Json) {
  const DataFrame frame({dates("d", {"2024-03-01"}), floats("f", {std::nan("")})});
  const ValidationReport report = validate(frame, DataFrameSchema());
  const auto json = statistics_of(report, "d").to_json();
  EXPECT_EQ(json["type"], "date");
  EXPECT_EQ(json["min"], "2024-03-01");
  EXPECT_TRUE(json["mean"].is_null());
  EXPECT_EQ(json["distinct_estimate"], 1);
  EXPECT_EQ(statistics_of(report, "f").to_json()["max"], "NaN");
}

TEST(Statistics, CanBeSwitchedOff) {
  ValidationOptions options;
  options.statistics = false;
  EXPECT_TRUE(validate(DataFrame({ints("x", {1})}), DataFrameSchema(), options).statistics.empty());
}

TEST(HyperLogLog, SmallCountsAreExact) {
  HyperLogLog sketch;
  sketch.add(make_int64_array({1, 2, 3, 2, 1, std::nullopt}));
  EXPECT_EQ(sketch.estimate(), 3);
  sketch.add(make_float64_array({0.0, -0.0, std::nan(""), -std::nan("")}));
  EXPECT_EQ(sketch.estimate(), 5);  // 0.0 == -0.0 and NaNs are one value
}

TEST(HyperLogLog, LargeCountsWithinTwoPercent) {
  for (const int64_t distinct : {1'000, 30'000, 200'000}) {
    HyperLogLog sketch;
    std::vector<std::optional<int64_t>> values;
    for (int64_t i = 0; i < distinct; ++i) values.push_back(i * 7919);
    sketch.add(make_int64_array(values));
    sketch.add(make_int64_array(values));  // repeats change nothing
    const double error = std::abs(static_cast<double>(sketch.estimate() - distinct)) / static_cast<double>(distinct);
    EXPECT_LT(error, 0.02) << distinct << " estimated as " << sketch.estimate();
  }
}

TEST(HyperLogLog, MergeEqualsOneSketch) {
  HyperLogLog left, right, both;
  std::vector<std::optional<std::string>> a, b;
  for (int i = 0; i < 5000; ++i) (i % 2 ? a : b).push_back("key-" + std::to_string(i % 3000));
  left.add(make_string_array(a));
  right.add(make_string_array(b));
  both.add(make_string_array(a));
  both.add(make_string_array(b));
  left.merge(right);
  EXPECT_EQ(left.estimate(), both.estimate());
  EXPECT_THROW(left.merge(HyperLogLog(10)), InvalidInputError);
  EXPECT_THROW(HyperLogLog(3), InvalidInputError);
}

}  // namespace
}  // namespace strata
