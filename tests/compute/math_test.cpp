#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "compute/kernel_test_support.hpp"
#include "strata/compute/math.hpp"
#include "strata/core/error.hpp"

namespace strata::compute {
namespace {

using namespace testing;

TEST(MathTest, Abs) {
  EXPECT_EQ(rendered(apply_math(MathFunction::Abs, make_int64_array({-3, 4, std::nullopt}))),
            (Strings{"3", "4", "null"}));
  EXPECT_EQ(rendered(apply_math(MathFunction::Abs, make_float64_array({-0.5}))), (Strings{"0.5"}));
  EXPECT_EQ(rendered(apply_math(MathFunction::Abs, decimal_array(4, 2, {-150}))), (Strings{"1.50"}));
  EXPECT_EQ(rendered(apply_math(MathFunction::Abs, duration_array({-5}, TimeUnit::Second))), (Strings{"5s"}));
  EXPECT_THROW(apply_math(MathFunction::Abs, int8_array({-128})), ComputeError);
  EXPECT_THROW(apply_math(MathFunction::Abs, make_string_array({"x"})), TypeError);
}

TEST(MathTest, RoundsHalfAwayFromZero) {
  EXPECT_EQ(rendered(round(make_float64_array({2.5, -2.5, 0.5, 1.4, std::nullopt}), 0)),
            (Strings{"3.0", "-3.0", "1.0", "1.0", "null"}));
  EXPECT_EQ(rendered(round(make_float64_array({1.25, -1.25, 1.234}), 1)), (Strings{"1.3", "-1.3", "1.2"}));
  EXPECT_EQ(round(make_float64_array({1250.0}), -2).values<double>()[0], 1300.0);
  EXPECT_EQ(rendered(round(make_int64_array({1250, -1250, 1249}), -2)), (Strings{"1300", "-1300", "1200"}));
  EXPECT_EQ(rendered(round(make_int64_array({7}), 2)), (Strings{"7"}));
  EXPECT_EQ(rendered(round(decimal_array(6, 3, {1250, -1250, 1249}), 1)), (Strings{"1.300", "-1.300", "1.200"}));
  EXPECT_THROW(round(int8_array({126}), -1), ComputeError);
  EXPECT_EQ(rendered(round(int8_array({12, -100}), -5)), (Strings{"0", "0"}));
}

TEST(MathTest, FloorAndCeil) {
  EXPECT_EQ(rendered(apply_math(MathFunction::Floor, make_float64_array({1.5, -1.5}))), (Strings{"1.0", "-2.0"}));
  EXPECT_EQ(rendered(apply_math(MathFunction::Ceil, make_float64_array({1.5, -1.5}))), (Strings{"2.0", "-1.0"}));
  EXPECT_EQ(rendered(apply_math(MathFunction::Floor, decimal_array(4, 2, {150, -150, 200}))),
            (Strings{"1.00", "-2.00", "2.00"}));
  EXPECT_EQ(rendered(apply_math(MathFunction::Ceil, decimal_array(4, 2, {150, -150}))), (Strings{"2.00", "-1.00"}));
  EXPECT_EQ(apply_math(MathFunction::Floor, int32_array({3})).type(), DataType::int32());
}

TEST(MathTest, SqrtLogExpAndTypes) {
  const Array result = apply_math(MathFunction::Sqrt, make_int64_array({4, -1, std::nullopt}));
  EXPECT_EQ(result.type(), DataType::float64());
  EXPECT_EQ(rendered(result), (Strings{"2.0", "NaN", "null"}));
  EXPECT_EQ(rendered(apply_math(MathFunction::Log, make_float64_array({1.0, 0.0}))), (Strings{"0.0", "-inf"}));
  EXPECT_EQ(rendered(apply_math(MathFunction::Exp, make_float64_array({0.0}))), (Strings{"1.0"}));
  EXPECT_EQ(apply_math(MathFunction::Sqrt, float32_array({4.0f})).type(), DataType::float32());
}

TEST(MathTest, Pow) {
  const Array result = power(make_int64_array({2, 3, std::nullopt}), make_int64_array({10}));
  EXPECT_EQ(result.type(), DataType::float64());
  EXPECT_EQ(rendered(result), (Strings{"1024.0", "59049.0", "null"}));
  EXPECT_EQ(rendered(power(make_float64_array({4.0}), make_float64_array({0.5, -1.0}))), (Strings{"2.0", "0.25"}));
  EXPECT_EQ(pow_result_type(DataType::float32(), DataType::int8()), DataType::float32());
}

}  // namespace
}  // namespace strata::compute
