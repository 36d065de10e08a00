#include <gtest/gtest.h>

#include <limits>

#include "compute/kernel_test_support.hpp"
#include "strata/compute/temporal_functions.hpp"
#include "strata/core/error.hpp"
#include "strata/core/temporal.hpp"

namespace strata::compute {
namespace {

using namespace testing;

int32_t day_of(int year, unsigned month, unsigned day) {
  return static_cast<int32_t>(temporal::days_from_civil(year, month, day));
}

int64_t micros(int year, unsigned month, unsigned day, int hour, int minute, int second) {
  return ((int64_t{day_of(year, month, day)} * 24 + hour) * 60 + minute) * 60000000LL + second * 1000000LL;
}

TEST(TemporalFunctionsTest, FieldsOfDates) {
  const Array dates = date_array({day_of(2024, 2, 29), day_of(1969, 12, 31), std::nullopt});
  EXPECT_EQ(rendered(extract_temporal_field(dates, TemporalField::Year)), (Strings{"2024", "1969", "null"}));
  EXPECT_EQ(rendered(extract_temporal_field(dates, TemporalField::Month)), (Strings{"2", "12", "null"}));
  EXPECT_EQ(rendered(extract_temporal_field(dates, TemporalField::Day)), (Strings{"29", "31", "null"}));
  // 2024-02-29 was a Thursday, 1969-12-31 a Wednesday.
  EXPECT_EQ(rendered(extract_temporal_field(dates, TemporalField::Weekday)), (Strings{"4", "3", "null"}));
  EXPECT_EQ(rendered(extract_temporal_field(dates, TemporalField::Hour)), (Strings{"0", "0", "null"}));
  EXPECT_EQ(extract_temporal_field(dates, TemporalField::Year).type(), DataType::int32());
  EXPECT_EQ(extract_temporal_field(dates, TemporalField::Month).type(), DataType::int8());
}

TEST(TemporalFunctionsTest, FieldsOfTimestampsInEveryUnit) {
  const int64_t value = micros(2023, 6, 18, 13, 45, 59);  // a Sunday
  for (TimeUnit unit : {TimeUnit::Second, TimeUnit::Milli, TimeUnit::Micro, TimeUnit::Nano}) {
    const int64_t per_second = units_per_second(unit);
    const Array stamps = timestamp_array({value / 1000000 * per_second}, unit);
    EXPECT_EQ(rendered(extract_temporal_field(stamps, TemporalField::Year)), (Strings{"2023"}));
    EXPECT_EQ(rendered(extract_temporal_field(stamps, TemporalField::Month)), (Strings{"6"}));
    EXPECT_EQ(rendered(extract_temporal_field(stamps, TemporalField::Day)), (Strings{"18"}));
    EXPECT_EQ(rendered(extract_temporal_field(stamps, TemporalField::Hour)), (Strings{"13"}));
    EXPECT_EQ(rendered(extract_temporal_field(stamps, TemporalField::Minute)), (Strings{"45"}));
    EXPECT_EQ(rendered(extract_temporal_field(stamps, TemporalField::Second)), (Strings{"59"}));
    EXPECT_EQ(rendered(extract_temporal_field(stamps, TemporalField::Weekday)), (Strings{"7"}));
  }
  // One microsecond before the epoch is 23:59:59 on 1969-12-31.
  const Array before = timestamp_array({-1});
  EXPECT_EQ(rendered(extract_temporal_field(before, TemporalField::Hour)), (Strings{"23"}));
  EXPECT_EQ(rendered(extract_temporal_field(before, TemporalField::Day)), (Strings{"31"}));
}

TEST(TemporalFunctionsTest, FieldTypeErrors) {
  EXPECT_THROW(extract_temporal_field(make_int64_array({1}), TemporalField::Year), TypeError);
  EXPECT_THROW(temporal_field_type(TemporalField::Year, DataType::time()), TypeError);
  EXPECT_EQ(temporal_field_type(TemporalField::Hour, DataType::time()), DataType::int8());
}

TEST(TemporalFunctionsTest, TruncateKeepsTheType) {
  const Array dates = date_array({day_of(2024, 3, 17), std::nullopt});
  const Array month = truncate_temporal(dates, TruncateUnit::Month);
  EXPECT_EQ(month.type(), DataType::date());
  EXPECT_EQ(rendered(month), (Strings{"2024-03-01", "null"}));
  EXPECT_EQ(rendered(truncate_temporal(dates, TruncateUnit::Day)), (Strings{"2024-03-17", "null"}));
  const Array stamps = timestamp_array({micros(2024, 3, 17, 10, 30, 0), -1}, TimeUnit::Micro);
  const Array day = truncate_temporal(stamps, TruncateUnit::Day);
  EXPECT_EQ(day.type(), DataType::timestamp(TimeUnit::Micro));
  EXPECT_EQ(rendered(day), (Strings{"2024-03-17 00:00:00", "1969-12-31 00:00:00"}));
  EXPECT_EQ(rendered(truncate_temporal(stamps, TruncateUnit::Month)),
            (Strings{"2024-03-01 00:00:00", "1969-12-01 00:00:00"}));
  EXPECT_THROW(truncate_temporal(make_int64_array({1}), TruncateUnit::Day), TypeError);
}

TEST(TemporalFunctionsTest, PointInTimePlusDuration) {
  const Array dates = date_array({day_of(2024, 1, 31)});
  const Array one_day = duration_array({86400}, TimeUnit::Second);
  const Array shifted = arithmetic(ArithmeticOp::Add, dates, one_day);
  EXPECT_EQ(shifted.type(), DataType::timestamp(TimeUnit::Second));
  EXPECT_EQ(rendered(shifted), (Strings{"2024-02-01 00:00:00"}));
  EXPECT_EQ(rendered(arithmetic(ArithmeticOp::Add, one_day, dates)), (Strings{"2024-02-01 00:00:00"}));
  const Array stamps = timestamp_array({0, std::nullopt}, TimeUnit::Second);
  const Array result = arithmetic(ArithmeticOp::Subtract, stamps, duration_array({1500}, TimeUnit::Milli));
  EXPECT_EQ(result.type(), DataType::timestamp(TimeUnit::Milli));
  EXPECT_EQ(rendered(result), (Strings{"1969-12-31 23:59:58.500", "null"}));
}

TEST(TemporalFunctionsTest, DifferencesAreDurations) {
  const Array a = date_array({day_of(2024, 3, 1)});
  const Array b = date_array({day_of(2024, 2, 1)});
  const Array difference = arithmetic(ArithmeticOp::Subtract, a, b);
  EXPECT_EQ(difference.type(), DataType::duration(TimeUnit::Milli));
  EXPECT_EQ(rendered(difference), (Strings{"2505600000ms"}));  // 29 days
  const Array later = timestamp_array({5}, TimeUnit::Second);
  const Array earlier = timestamp_array({2000}, TimeUnit::Milli);
  const Array stamp_difference = arithmetic(ArithmeticOp::Subtract, later, earlier);
  EXPECT_EQ(stamp_difference.type(), DataType::duration(TimeUnit::Milli));
  EXPECT_EQ(rendered(stamp_difference), (Strings{"3000ms"}));
  EXPECT_EQ(rendered(arithmetic(ArithmeticOp::Add, duration_array({1}, TimeUnit::Second),
                                duration_array({5}, TimeUnit::Milli))),
            (Strings{"1005ms"}));
  EXPECT_EQ(rendered(arithmetic(ArithmeticOp::Multiply, duration_array({3}, TimeUnit::Second), int32_array({4}))),
            (Strings{"12s"}));
}

TEST(TemporalFunctionsTest, TemporalArithmeticErrors) {
  EXPECT_THROW(arithmetic_result_type(ArithmeticOp::Add, DataType::date(), DataType::date()), TypeError);
  EXPECT_THROW(arithmetic_result_type(ArithmeticOp::Subtract, DataType::timestamp(TimeUnit::Micro, "UTC"),
                                      DataType::timestamp(TimeUnit::Micro)),
               TypeError);
  EXPECT_THROW(arithmetic(ArithmeticOp::Add, timestamp_array({std::numeric_limits<int64_t>::max()}),
                          duration_array({1})),
               ComputeError);
}

}  // namespace
}  // namespace strata::compute
