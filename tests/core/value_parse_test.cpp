#include "strata/core/value_parse.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "strata/core/temporal.hpp"

namespace strata {
namespace {

TEST(ValueParseTest, Int64Basics) {
  EXPECT_EQ(parse_int64("0"), 0);
  EXPECT_EQ(parse_int64("42"), 42);
  EXPECT_EQ(parse_int64("-42"), -42);
  EXPECT_EQ(parse_int64("+42"), 42);
  EXPECT_EQ(parse_int64("007"), 7);
  EXPECT_EQ(parse_int64("-0"), 0);
  EXPECT_EQ(parse_int64("000000000000000000000000001"), 1);
}

TEST(ValueParseTest, Int64Limits) {
  EXPECT_EQ(parse_int64("9223372036854775807"), INT64_MAX);
  EXPECT_EQ(parse_int64("-9223372036854775808"), INT64_MIN);
  EXPECT_EQ(parse_int64("9223372036854775808"), std::nullopt);
  EXPECT_EQ(parse_int64("-9223372036854775809"), std::nullopt);
  EXPECT_EQ(parse_int64("18446744073709551616"), std::nullopt);
  EXPECT_EQ(parse_int64("99999999999999999999999"), std::nullopt);
}

TEST(ValueParseTest, Int64Rejects) {
  for (const char* text : {"", "-", "+", "1.0", " 1", "1 ", "1e3", "0x10", "--1", "+-1", "12a", "١٢"})
    EXPECT_EQ(parse_int64(text), std::nullopt) << text;
}

TEST(ValueParseTest, Int64DoesNotReadPastView) {
  const std::string text = "12345";
  EXPECT_EQ(parse_int64(std::string_view(text).substr(0, 3)), 123);
}

TEST(ValueParseTest, UInt64) {
  EXPECT_EQ(parse_uint64("18446744073709551615"), UINT64_MAX);
  EXPECT_EQ(parse_uint64("+5"), 5u);
  EXPECT_EQ(parse_uint64("18446744073709551616"), std::nullopt);
  EXPECT_EQ(parse_uint64("-0"), std::nullopt);
  EXPECT_EQ(parse_uint64("-1"), std::nullopt);
  EXPECT_EQ(parse_uint64(""), std::nullopt);
}

TEST(ValueParseTest, NarrowIntegers) {
  EXPECT_EQ(parse_integer<int8_t>("127"), int8_t{127});
  EXPECT_EQ(parse_integer<int8_t>("-128"), int8_t{-128});
  EXPECT_EQ(parse_integer<int8_t>("128"), std::nullopt);
  EXPECT_EQ(parse_integer<uint8_t>("255"), uint8_t{255});
  EXPECT_EQ(parse_integer<uint8_t>("256"), std::nullopt);
  EXPECT_EQ(parse_integer<int32_t>("-2147483649"), std::nullopt);
  EXPECT_EQ(parse_integer<uint32_t>("4294967295"), 4294967295u);
  EXPECT_EQ(parse_integer<uint64_t>("18446744073709551615"), UINT64_MAX);
}

TEST(ValueParseTest, Float64Numbers) {
  EXPECT_EQ(parse_float64("1"), 1.0);
  EXPECT_EQ(parse_float64("-2.5"), -2.5);
  EXPECT_EQ(parse_float64("+2.5"), 2.5);
  EXPECT_EQ(parse_float64("1e-3"), 1e-3);
  EXPECT_EQ(parse_float64("1E3"), 1000.0);
  EXPECT_EQ(parse_float64(".5"), 0.5);
  EXPECT_EQ(parse_float64("0.1"), 0.1);
  EXPECT_EQ(parse_float64("123.456789"), 123.456789);
  // Correct rounding of a value that needs all 17 digits.
  EXPECT_EQ(parse_float64("0.30000000000000004"), 0.1 + 0.2);
}

TEST(ValueParseTest, Float64SpecialValues) {
  for (const char* text : {"inf", "Inf", "INF", "infinity", "Infinity", "+inf"})
    EXPECT_EQ(parse_float64(text), HUGE_VAL) << text;
  for (const char* text : {"-inf", "-Infinity", "-INF"}) EXPECT_EQ(parse_float64(text), -HUGE_VAL) << text;
  for (const char* text : {"nan", "NaN", "NAN", "-nan"}) {
    const auto value = parse_float64(text);
    ASSERT_TRUE(value.has_value()) << text;
    EXPECT_TRUE(std::isnan(*value)) << text;
  }
}

TEST(ValueParseTest, Float64OutOfRangeFollowsIeee) {
  EXPECT_EQ(parse_float64("1e400"), HUGE_VAL);
  EXPECT_EQ(parse_float64("-1e400"), -HUGE_VAL);
  const auto tiny = parse_float64("1e-400");
  ASSERT_TRUE(tiny.has_value());
  EXPECT_EQ(*tiny, 0.0);
}

TEST(ValueParseTest, Float64Rejects) {
  for (const char* text : {"", "+", "-", "1.2.3", "1e", " 1", "1 ", "abc", "++1", "+-1", "1,5", "0x1p3", "in"})
    EXPECT_EQ(parse_float64(text), std::nullopt) << text;
}

TEST(ValueParseTest, Float32RoundsOnce) {
  EXPECT_EQ(parse_float32("0.1"), 0.1f);
  EXPECT_EQ(parse_float32("-inf"), -HUGE_VALF);
  EXPECT_EQ(parse_float32("1e39"), HUGE_VALF);
  EXPECT_EQ(parse_float32("x"), std::nullopt);
}

TEST(ValueParseTest, Bool) {
  EXPECT_EQ(parse_bool("true"), true);
  EXPECT_EQ(parse_bool("TRUE"), true);
  EXPECT_EQ(parse_bool("False"), false);
  for (const char* text : {"T", "F", "1", "0", "yes", "no", "", "true ", "tru", "truee"})
    EXPECT_EQ(parse_bool(text), std::nullopt) << text;
}

TEST(ValueParseTest, TemporalParsersAreTheOnesToUse) {
  EXPECT_EQ(temporal::parse_date("1970-01-02"), 1);
  EXPECT_EQ(temporal::parse_timestamp("1970-01-01 00:00:01", TimeUnit::Micro), 1000000);
  EXPECT_EQ(temporal::parse_time("00:01"), 60'000'000'000LL);
}

}  // namespace
}  // namespace strata
