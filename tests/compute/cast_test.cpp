#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "compute/kernel_test_support.hpp"
#include "strata/compute/cast.hpp"
#include "strata/core/error.hpp"

namespace strata::compute {
namespace {

using namespace testing;

TEST(CastTest, IntegerNarrowingChecksRange) {
  const Array values = make_int64_array({1, 300, -129, std::nullopt});
  EXPECT_THROW(cast(values, DataType::int8()), ComputeError);
  EXPECT_EQ(rendered(cast(values, DataType::int8(), CastMode::NullOnFailure)),
            (Strings{"1", "null", "null", "null"}));
  EXPECT_EQ(rendered(cast(values, DataType::int16())), (Strings{"1", "300", "-129", "null"}));
  EXPECT_EQ(rendered(cast(make_int64_array({-1, 5}), DataType::uint8(), CastMode::NullOnFailure)),
            (Strings{"null", "5"}));
}

TEST(CastTest, StrictFailureNamesRowAndValue) {
  try {
    cast(make_string_array({"1", "2", "x7"}), DataType::int64());
    FAIL();
  } catch (const ComputeError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("'x7'"), std::string::npos) << message;
    EXPECT_NE(message.find("row 2"), std::string::npos) << message;
    EXPECT_NE(message.find("NullOnFailure"), std::string::npos) << message;
  }
}

TEST(CastTest, FloatToIntegerTruncatesAndRejectsNonFinite) {
  const Array values = make_float64_array({2.9, -2.9, std::nan(""), std::numeric_limits<double>::infinity(), 1e20});
  EXPECT_EQ(rendered(cast(values, DataType::int64(), CastMode::NullOnFailure)),
            (Strings{"2", "-2", "null", "null", "null"}));
  EXPECT_THROW(cast(values, DataType::int64()), ComputeError);
  EXPECT_EQ(rendered(cast(make_float64_array({-128.9, 127.9}), DataType::int8())), (Strings{"-128", "127"}));
  EXPECT_EQ(rendered(cast(make_float64_array({9.2233720368547758e18}), DataType::int64(), CastMode::NullOnFailure)),
            (Strings{"null"}));
}

TEST(CastTest, NumbersToFloatsAndBools) {
  EXPECT_EQ(rendered(cast(make_int64_array({3, std::nullopt}), DataType::float64())), (Strings{"3.0", "null"}));
  EXPECT_EQ(rendered(cast(make_float64_array({1e300}), DataType::float32())), (Strings{"inf"}));
  EXPECT_EQ(rendered(cast(make_int64_array({0, 5, -1}), DataType::boolean())), (Strings{"false", "true", "true"}));
  EXPECT_EQ(rendered(cast(make_bool_array({true, false, std::nullopt}), DataType::int32())),
            (Strings{"1", "0", "null"}));
  EXPECT_EQ(rendered(cast(make_bool_array({true}), DataType::float64())), (Strings{"1.0"}));
}

TEST(CastTest, Decimals) {
  const Array decimals = decimal_array(6, 3, {1234567 / 10, -2500, 500});  // 123.456, -2.500, 0.500
  EXPECT_EQ(rendered(cast(decimals, DataType::decimal(5, 1))), (Strings{"123.5", "-2.5", "0.5"}));
  EXPECT_EQ(rendered(cast(decimals, DataType::int64())), (Strings{"123", "-2", "0"}));
  EXPECT_EQ(rendered(cast(decimals, DataType::float64())), (Strings{"123.456", "-2.5", "0.5"}));
  EXPECT_EQ(rendered(cast(make_int64_array({12, -3}), DataType::decimal(4, 2))), (Strings{"12.00", "-3.00"}));
  EXPECT_EQ(rendered(cast(make_int64_array({123}), DataType::decimal(4, 2), CastMode::NullOnFailure)),
            (Strings{"null"}));
  EXPECT_EQ(rendered(cast(make_float64_array({1.005, -2.5}), DataType::decimal(10, 0))), (Strings{"1", "-3"}));
  EXPECT_EQ(rendered(cast(make_string_array({"1.25", "x"}), DataType::decimal(5, 2), CastMode::NullOnFailure)),
            (Strings{"1.25", "null"}));
}

TEST(CastTest, NumbersToStrings) {
  EXPECT_EQ(rendered(cast(make_int64_array({-42, std::nullopt}), DataType::string())), (Strings{"-42", "null"}));
  EXPECT_EQ(rendered(cast(make_float64_array({1.0, 0.1, 1e21, std::nan(""), -std::numeric_limits<double>::infinity()}),
                          DataType::string())),
            (Strings{"1.0", "0.1", "1e+21", "NaN", "-inf"}));
  // Fixed notation from 1e-4 up to 1e16, as Python prints floats.
  EXPECT_EQ(rendered(cast(make_float64_array({1000.0, 0.0001, 0.00001, 1.5e15, 1e16, -2.5e-7}), DataType::string())),
            (Strings{"1000.0", "0.0001", "1e-05", "1500000000000000.0", "1e+16", "-2.5e-07"}));
  EXPECT_EQ(rendered(cast(make_bool_array({true}), DataType::string())), (Strings{"true"}));
  EXPECT_EQ(rendered(cast(date_array({19723}), DataType::string())), (Strings{"2024-01-01"}));
}

TEST(CastTest, StringsToNumbersBoolsAndTemporal) {
  EXPECT_EQ(rendered(cast(make_string_array({"007", "-3", std::nullopt}), DataType::int32())),
            (Strings{"7", "-3", "null"}));
  const Array floats = cast(make_string_array({"2.5", "1e3", "nan"}), DataType::float64());
  EXPECT_EQ(floats.values<double>()[1], 1000.0);
  EXPECT_EQ(rendered(floats)[0], "2.5");
  EXPECT_EQ(rendered(floats)[2], "NaN");
  EXPECT_EQ(rendered(cast(make_string_array({"TRUE", "false", "yes"}), DataType::boolean(), CastMode::NullOnFailure)),
            (Strings{"true", "false", "null"}));
  EXPECT_EQ(rendered(cast(make_string_array({"2024-02-29", "2023-02-29"}), DataType::date(), CastMode::NullOnFailure)),
            (Strings{"2024-02-29", "null"}));
  EXPECT_EQ(rendered(cast(make_string_array({"2024-01-31T10:00:00Z"}), DataType::timestamp(TimeUnit::Milli))),
            (Strings{"2024-01-31 10:00:00"}));
  EXPECT_EQ(rendered(cast(make_string_array({"10:30:05.5"}), DataType::time())), (Strings{"10:30:05.500000000"}));
}

TEST(CastTest, DatesAndTimestamps) {
  EXPECT_EQ(rendered(cast(date_array({1, -1}), DataType::timestamp(TimeUnit::Second))),
            (Strings{"1970-01-02 00:00:00", "1969-12-31 00:00:00"}));
  // Before the epoch a timestamp's date is the day it falls in (floor).
  EXPECT_EQ(rendered(cast(timestamp_array({-1, 86400000000}), DataType::date())), (Strings{"1969-12-31", "1970-01-02"}));
  EXPECT_EQ(rendered(cast(timestamp_array({1500000, -1500000}), DataType::timestamp(TimeUnit::Second))),
            (Strings{"1970-01-01 00:00:01", "1969-12-31 23:59:58"}));
  EXPECT_EQ(rendered(cast(timestamp_array({1}, TimeUnit::Second), DataType::timestamp(TimeUnit::Nano))),
            (Strings{"1970-01-01 00:00:01"}));
  EXPECT_THROW(cast(timestamp_array({std::numeric_limits<int64_t>::max() / 10}, TimeUnit::Second),
                    DataType::timestamp(TimeUnit::Nano)),
               ComputeError);
  EXPECT_EQ(rendered(cast(timestamp_array({3600000001}), DataType::time())), (Strings{"01:00:00.000001000"}));
  EXPECT_EQ(rendered(cast(duration_array({-1500}, TimeUnit::Milli), DataType::duration(TimeUnit::Second))),
            (Strings{"-1s"}));
  EXPECT_EQ(rendered(cast(date_array({5}), DataType::int64())), (Strings{"5"}));
  EXPECT_EQ(rendered(cast(make_int64_array({86400}), DataType::timestamp(TimeUnit::Second))),
            (Strings{"1970-01-02 00:00:00"}));
  EXPECT_THROW(cast(make_int64_array({int64_t{1} << 40}), DataType::date()), ComputeError);
}

TEST(CastTest, CategoricalsAndBinary) {
  const Array strings = make_string_array({"b", std::nullopt, "b", "12"});
  const Array categorical = cast(strings, DataType::categorical());
  EXPECT_EQ(categorical.type(), DataType::categorical());
  EXPECT_EQ(rendered(categorical), (Strings{"b", "null", "b", "12"}));
  EXPECT_EQ(rendered(cast(categorical, DataType::string())), (Strings{"b", "null", "b", "12"}));
  EXPECT_EQ(rendered(cast(categorical, DataType::int64(), CastMode::NullOnFailure)),
            (Strings{"null", "null", "null", "12"}));
  EXPECT_EQ(rendered(cast(make_int64_array({1, 1}), DataType::categorical())), (Strings{"1", "1"}));
  const Array binary = cast(make_string_array({"ok"}), DataType::binary());
  EXPECT_EQ(rendered(cast(binary, DataType::string())), (Strings{"ok"}));
  StringBuilder invalid(DataType::binary());
  invalid.append(std::string_view("\xff\xfe"));
  EXPECT_THROW(cast(invalid.finish(), DataType::string()), ComputeError);
}

TEST(CastTest, NullsEmptyAndUnsupported) {
  EXPECT_EQ(rendered(cast(make_null_array(DataType::null(), 2), DataType::string())), (Strings{"null", "null"}));
  EXPECT_EQ(cast(make_int64_array({}), DataType::string()).length(), 0);
  EXPECT_FALSE(can_cast(DataType::date(), DataType::float64()));
  EXPECT_FALSE(can_cast(DataType::int64(), DataType::null()));
  EXPECT_THROW(cast(date_array({1}), DataType::float64()), TypeError);
  EXPECT_TRUE(can_cast(DataType::list(DataType::int32()), DataType::list(DataType::int64())));
}

}  // namespace
}  // namespace strata::compute
