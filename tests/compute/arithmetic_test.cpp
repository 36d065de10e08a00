#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "compute/kernel_test_support.hpp"
#include "strata/compute/arithmetic.hpp"
#include "strata/compute/row_context.hpp"
#include "strata/core/decimal.hpp"
#include "strata/core/error.hpp"

namespace strata::compute {
namespace {

using namespace testing;

TEST(ArithmeticTest, AddsIntegersAndPropagatesNulls) {
  const Array result = arithmetic(ArithmeticOp::Add, make_int64_array({1, std::nullopt, 3}),
                                  make_int64_array({10, 20, std::nullopt}));
  EXPECT_EQ(result.type(), DataType::int64());
  EXPECT_EQ(rendered(result), (Strings{"11", "null", "null"}));
  EXPECT_EQ(result.null_count(), 2);
}

TEST(ArithmeticTest, BroadcastsASingleRowOnEitherSide) {
  const Array column = make_int64_array({1, 2, 3});
  const Array two = make_int64_array({2});
  EXPECT_EQ(rendered(arithmetic(ArithmeticOp::Subtract, column, two)), (Strings{"-1", "0", "1"}));
  EXPECT_EQ(rendered(arithmetic(ArithmeticOp::Subtract, two, column)), (Strings{"1", "0", "-1"}));
  EXPECT_EQ(rendered(arithmetic(ArithmeticOp::Multiply, column, make_int64_array({std::nullopt}))),
            (Strings{"null", "null", "null"}));
  EXPECT_THROW(arithmetic(ArithmeticOp::Add, column, make_int64_array({1, 2})), InvalidInputError);
}

TEST(ArithmeticTest, EmptyInputsGiveEmptyResults) {
  const Array result = arithmetic(ArithmeticOp::Add, make_int64_array({}), make_int64_array({1}));
  EXPECT_EQ(result.length(), 0);
  EXPECT_EQ(result.type(), DataType::int64());
}

TEST(ArithmeticTest, PromotesMixedNumericTypes) {
  EXPECT_EQ(arithmetic_result_type(ArithmeticOp::Add, DataType::int8(), DataType::int32()), DataType::int32());
  EXPECT_EQ(arithmetic_result_type(ArithmeticOp::Add, DataType::int32(), DataType::uint32()), DataType::int64());
  EXPECT_EQ(arithmetic_result_type(ArithmeticOp::Add, DataType::int64(), DataType::uint64()), DataType::float64());
  EXPECT_EQ(arithmetic_result_type(ArithmeticOp::Add, DataType::int16(), DataType::float32()), DataType::float32());
  EXPECT_EQ(arithmetic_result_type(ArithmeticOp::Add, DataType::int32(), DataType::float32()), DataType::float64());
  EXPECT_EQ(arithmetic_result_type(ArithmeticOp::Divide, DataType::int32(), DataType::int32()), DataType::float64());
  EXPECT_EQ(arithmetic_result_type(ArithmeticOp::Add, DataType::null(), DataType::int16()), DataType::int16());

  const Array result = arithmetic(ArithmeticOp::Add, int8_array({100, -5}), uint8_array({200, 5}));
  EXPECT_EQ(result.type(), DataType::int16());
  EXPECT_EQ(rendered(result), (Strings{"300", "0"}));
  EXPECT_EQ(rendered(arithmetic(ArithmeticOp::Multiply, make_int64_array({3}), make_float64_array({0.5}))),
            (Strings{"1.5"}));
}

TEST(ArithmeticTest, TrueDivisionFollowsIeee) {
  const Array result = arithmetic(ArithmeticOp::Divide, make_int64_array({7, 1, -1, 0}),
                                  make_int64_array({2, 0, 0, 0}));
  EXPECT_EQ(result.type(), DataType::float64());
  EXPECT_EQ(rendered(result), (Strings{"3.5", "inf", "-inf", "NaN"}));
}

TEST(ArithmeticTest, FloorDivisionAndModuloFollowPython) {
  const Array a = make_int64_array({-7, 7, -7, 7, 6});
  const Array b = make_int64_array({2, -2, -2, 2, 3});
  EXPECT_EQ(rendered(arithmetic(ArithmeticOp::FloorDivide, a, b)), (Strings{"-4", "-4", "3", "3", "2"}));
  EXPECT_EQ(rendered(arithmetic(ArithmeticOp::Modulo, a, b)), (Strings{"1", "-1", "-1", "1", "0"}));
  const Array fa = make_float64_array({-7.5, 7.5, 1.0});
  const Array fb = make_float64_array({2.0, -2.0, 0.0});
  EXPECT_EQ(rendered(arithmetic(ArithmeticOp::Modulo, fa, fb)), (Strings{"0.5", "-0.5", "NaN"}));
  EXPECT_EQ(rendered(arithmetic(ArithmeticOp::FloorDivide, fa, fb)), (Strings{"-4.0", "-4.0", "inf"}));
}

TEST(ArithmeticTest, IntegerDivisionByZeroIsNull) {
  const Array a = make_int64_array({5, 6, std::nullopt});
  const Array b = make_int64_array({0, 4, 0});
  EXPECT_EQ(rendered(arithmetic(ArithmeticOp::FloorDivide, a, b)), (Strings{"null", "1", "null"}));
  EXPECT_EQ(rendered(arithmetic(ArithmeticOp::Modulo, a, b)), (Strings{"null", "2", "null"}));
  EXPECT_EQ(rendered(arithmetic(ArithmeticOp::Modulo, a, make_int64_array({0}))), (Strings{"null", "null", "null"}));
  const int64_t min = std::numeric_limits<int64_t>::min();
  EXPECT_EQ(rendered(arithmetic(ArithmeticOp::Modulo, make_int64_array({min}), make_int64_array({-1}))),
            (Strings{"0"}));
}

TEST(ArithmeticTest, OverflowIsAnErrorNamingRowAndOperands) {
  const int64_t max = std::numeric_limits<int64_t>::max();
  try {
    arithmetic(ArithmeticOp::Add, make_int64_array({1, max}), make_int64_array({1, 1}));
    FAIL() << "expected overflow";
  } catch (const ComputeError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("overflow in add at row 1"), std::string::npos) << message;
    EXPECT_NE(message.find("9223372036854775807 + 1"), std::string::npos) << message;
    EXPECT_NE(message.find("i64"), std::string::npos) << message;
  }
  EXPECT_THROW(arithmetic(ArithmeticOp::Multiply, int8_array({100}), int8_array({2})), ComputeError);
  EXPECT_THROW(arithmetic(ArithmeticOp::FloorDivide, make_int64_array({std::numeric_limits<int64_t>::min()}),
                          make_int64_array({-1})),
               ComputeError);
  EXPECT_THROW(negate(make_int64_array({std::numeric_limits<int64_t>::min()})), ComputeError);
}

TEST(ArithmeticTest, OverflowUnderANullIsNotAnError) {
  // The value under a null slot is irrelevant, even if it would overflow.
  FixedWidthBuilder<int8_t> builder(DataType::int8());
  builder.append(1);
  builder.append_null();
  builder.mutable_values()[1] = 127;
  const Array result = arithmetic(ArithmeticOp::Add, builder.finish(), int8_array({1}));
  EXPECT_EQ(rendered(result), (Strings{"2", "null"}));
}

TEST(ArithmeticTest, RowOffsetScopeShiftsReportedRows) {
  RowOffsetScope scope(1000);
  try {
    arithmetic(ArithmeticOp::Add, int8_array({127}), int8_array({1}));
    FAIL();
  } catch (const ComputeError& error) {
    EXPECT_NE(std::string(error.what()).find("at row 1000"), std::string::npos) << error.what();
  }
}

TEST(ArithmeticTest, DecimalArithmetic) {
  const Array a = decimal_array(5, 2, {12345, -100, std::nullopt});  // 123.45, -1.00
  const Array b = decimal_array(4, 1, {15, 25, 10});                 // 1.5, 2.5
  const Array sum = arithmetic(ArithmeticOp::Add, a, b);
  EXPECT_EQ(sum.type(), DataType::decimal(6, 2));
  EXPECT_EQ(rendered(sum), (Strings{"124.95", "1.50", "null"}));
  const Array product = arithmetic(ArithmeticOp::Multiply, a, b);
  EXPECT_EQ(product.type(), DataType::decimal(9, 3));
  EXPECT_EQ(rendered(product), (Strings{"185.175", "-2.500", "null"}));
  EXPECT_EQ(rendered(arithmetic(ArithmeticOp::Add, a, make_int64_array({1}))), (Strings{"124.45", "0.00", "null"}));
  EXPECT_EQ(rendered(arithmetic(ArithmeticOp::Divide, a, b)), (Strings{"82.3", "-0.4", "null"}));
  EXPECT_THROW(arithmetic_result_type(ArithmeticOp::Modulo, a.type(), b.type()), TypeError);
  const Array big = decimal_array(38, 0, {decimal::max_for_precision(38)});
  EXPECT_THROW(arithmetic(ArithmeticOp::Add, big, big), ComputeError);
}

TEST(ArithmeticTest, RejectsNonNumericOperands) {
  EXPECT_THROW(arithmetic(ArithmeticOp::Add, make_string_array({"a"}), make_int64_array({1})), TypeError);
  EXPECT_THROW(arithmetic(ArithmeticOp::Add, make_bool_array({true}), make_int64_array({1})), TypeError);
  EXPECT_THROW(negate(uint8_array({1})), TypeError);
}

TEST(ArithmeticTest, NegatesFloatsAndDurations) {
  EXPECT_EQ(rendered(negate(make_float64_array({1.5, std::nullopt}))), (Strings{"-1.5", "null"}));
  EXPECT_EQ(rendered(negate(duration_array({5}, TimeUnit::Second))), (Strings{"-5s"}));
}

}  // namespace
}  // namespace strata::compute
