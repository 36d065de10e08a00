#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "compute/kernel_test_support.hpp"
#include "strata/compute/comparison.hpp"
#include "strata/core/error.hpp"

namespace strata::compute {
namespace {

using namespace testing;

TEST(ComparisonTest, ComparesIntegersWithNulls) {
  const Array a = make_int64_array({1, 2, 3, std::nullopt});
  const Array b = make_int64_array({2, 2, 2, 2});
  EXPECT_EQ(rendered(compare(CompareOp::Less, a, b)), (Strings{"true", "false", "false", "null"}));
  EXPECT_EQ(rendered(compare(CompareOp::LessEqual, a, b)), (Strings{"true", "true", "false", "null"}));
  EXPECT_EQ(rendered(compare(CompareOp::Equal, a, b)), (Strings{"false", "true", "false", "null"}));
  EXPECT_EQ(rendered(compare(CompareOp::NotEqual, a, b)), (Strings{"true", "false", "true", "null"}));
  EXPECT_EQ(rendered(compare(CompareOp::Greater, a, b)), (Strings{"false", "false", "true", "null"}));
  EXPECT_EQ(rendered(compare(CompareOp::GreaterEqual, a, b)), (Strings{"false", "true", "true", "null"}));
}

TEST(ComparisonTest, ManyRowsCrossWordBoundaries) {
  std::vector<std::optional<int64_t>> values;
  for (int64_t i = 0; i < 200; ++i) values.push_back(i);
  const Array result = compare(CompareOp::Greater, make_int64_array(values), make_int64_array({130}));
  ASSERT_EQ(result.length(), 200);
  for (int64_t i = 0; i < 200; ++i) EXPECT_EQ(result.bool_at(i), i > 130) << i;
}

TEST(ComparisonTest, EveryBitOfIrregularPatterns) {
  // Answers that change at every kind of position inside and across words.
  std::vector<std::optional<int64_t>> values;
  uint64_t state = 12345;
  for (int i = 0; i < 1000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    values.push_back(static_cast<int64_t>(state >> 33) % 1000);
  }
  const Array result = compare(CompareOp::Greater, make_int64_array(values), make_int64_array({500}));
  ASSERT_EQ(result.length(), 1000);
  for (int64_t i = 0; i < 1000; ++i) EXPECT_EQ(result.bool_at(i), *values[static_cast<size_t>(i)] > 500) << i;
  const Array floats =
      compare(CompareOp::LessEqual, make_float64_array({1.0, 3.0, 2.0, 0.5}), make_float64_array({2.0}));
  EXPECT_EQ(rendered(floats), (Strings{"true", "false", "true", "true"}));
}

TEST(ComparisonTest, PromotesAcrossNumericTypes) {
  EXPECT_EQ(rendered(compare(CompareOp::Less, int8_array({-1, 5}), uint64_array({0, 5}))), (Strings{"true", "false"}));
  EXPECT_EQ(rendered(compare(CompareOp::Equal, int32_array({2, 3}), make_float64_array({2.0, 2.5}))),
            (Strings{"true", "false"}));
  EXPECT_EQ(rendered(compare(CompareOp::Greater, decimal_array(5, 2, {150}), make_int64_array({1}))),
            (Strings{"true"}));
}

TEST(ComparisonTest, NanEqualsNanAndSortsAboveEverything) {
  const double nan = std::nan("");
  const double inf = std::numeric_limits<double>::infinity();
  const Array a = make_float64_array({nan, nan, 1.0, -0.0});
  const Array b = make_float64_array({nan, inf, nan, 0.0});
  EXPECT_EQ(rendered(compare(CompareOp::Equal, a, b)), (Strings{"true", "false", "false", "true"}));
  EXPECT_EQ(rendered(compare(CompareOp::Greater, a, b)), (Strings{"false", "true", "false", "false"}));
  EXPECT_EQ(rendered(compare(CompareOp::Less, a, b)), (Strings{"false", "false", "true", "false"}));
}

TEST(ComparisonTest, FloatsAgainstOneNumberKeepTheTotalOrder) {
  const double nan = std::nan("");
  const double inf = std::numeric_limits<double>::infinity();
  // 70 rows, so that a whole word and a partial one are both computed.
  std::vector<std::optional<double>> values = {nan, -inf, inf, 2.0, -0.0, 0.0, 1.5, std::nullopt};
  while (values.size() < 70) values.push_back(static_cast<double>(values.size()) - 40);
  const Array column = make_float64_array(values);
  for (const double number : {2.0, 0.0, -inf, inf, nan}) {
    const Array single = make_float64_array({number});
    const Array repeated = make_float64_array(std::vector<std::optional<double>>(values.size(), number));
    for (const CompareOp op : {CompareOp::Equal, CompareOp::NotEqual, CompareOp::Less, CompareOp::LessEqual,
                               CompareOp::Greater, CompareOp::GreaterEqual})
      EXPECT_EQ(rendered(compare(op, column, single)), rendered(compare(op, column, repeated)))
          << compare_op_symbol(op) << " " << number;
  }
  const Array ge_two = compare(CompareOp::GreaterEqual, column, make_float64_array({2.0}));
  EXPECT_EQ(rendered(ge_two)[0], "true");  // NaN sorts above every number
  EXPECT_EQ(rendered(compare(CompareOp::Less, column, make_float64_array({2.0})))[0], "false");
}

TEST(ComparisonTest, ComparesStringsBytewise) {
  const Array a = make_string_array({"apple", "a much longer string value", "zebra", "é", std::nullopt, ""});
  const Array b = make_string_array({"apple", "a much longer string valuf", "Zebra", "z", "x", ""});
  EXPECT_EQ(rendered(compare(CompareOp::Equal, a, b)), (Strings{"true", "false", "false", "false", "null", "true"}));
  EXPECT_EQ(rendered(compare(CompareOp::Less, a, b)), (Strings{"false", "true", "false", "false", "null", "false"}));
}

TEST(ComparisonTest, ComparesBools) {
  const Array a = make_bool_array({false, false, true, true, std::nullopt});
  const Array b = make_bool_array({false, true, false, true, true});
  EXPECT_EQ(rendered(compare(CompareOp::Less, a, b)), (Strings{"false", "true", "false", "false", "null"}));
  EXPECT_EQ(rendered(compare(CompareOp::Equal, a, make_bool_array({true}))),
            (Strings{"false", "false", "true", "true", "null"}));
}

TEST(ComparisonTest, CategoricalAgainstStringUsesTheDictionary) {
  const Array categories = make_categorical(make_string_array({"b", "a", std::nullopt, "c", "a"}));
  const Array a = make_string_array({"a"});
  EXPECT_EQ(rendered(compare(CompareOp::Equal, categories, a)), (Strings{"false", "true", "null", "false", "true"}));
  EXPECT_EQ(rendered(compare(CompareOp::Less, a, categories)), (Strings{"true", "false", "null", "true", "false"}));
  EXPECT_EQ(rendered(compare(CompareOp::Equal, categories, make_string_array({"b", "a", "x", "x", "x"}))),
            (Strings{"true", "true", "null", "false", "false"}));
}

TEST(ComparisonTest, DatesTimestampsAndDurations) {
  const Array dates = date_array({0, 1});
  const Array stamps = timestamp_array({0, 1000});  // microseconds
  EXPECT_EQ(rendered(compare(CompareOp::Equal, dates, stamps)), (Strings{"true", "false"}));
  EXPECT_EQ(rendered(compare(CompareOp::Greater, dates, stamps)), (Strings{"false", "true"}));
  EXPECT_EQ(rendered(compare(CompareOp::Equal, duration_array({1}, TimeUnit::Second),
                             duration_array({1000}, TimeUnit::Milli))),
            (Strings{"true"}));
}

TEST(ComparisonTest, RejectsIncomparableTypes) {
  EXPECT_THROW(compare(CompareOp::Equal, make_string_array({"1"}), make_int64_array({1})), TypeError);
  EXPECT_THROW(compare(CompareOp::Equal, date_array({1}), make_int64_array({1})), TypeError);
}

TEST(ComparisonTest, NullTypeOperandGivesNulls) {
  const Array result = compare(CompareOp::Equal, make_int64_array({1, 2}), make_null_array(DataType::null(), 1));
  EXPECT_EQ(result.type(), DataType::boolean());
  EXPECT_EQ(rendered(result), (Strings{"null", "null"}));
}

}  // namespace
}  // namespace strata::compute
