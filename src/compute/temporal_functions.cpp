#include "strata/compute/temporal_functions.hpp"

#include "compute/internal/elementwise.hpp"
#include "strata/core/error.hpp"
#include "strata/core/temporal.hpp"

namespace strata::compute {

namespace {

constexpr int64_t kSecondsPerDay = 86400;

// Splits a point in time into days since the epoch and the time of day in
// nanoseconds. Dates are at midnight.
struct DayAndTime {
  int64_t days;
  int64_t nanos_of_day;
};

template <TemporalField Field>
inline int64_t field_of(const DayAndTime& value) {
  if constexpr (Field == TemporalField::Hour) {
    return value.nanos_of_day / 3600000000000LL;
  } else if constexpr (Field == TemporalField::Minute) {
    return value.nanos_of_day / 60000000000LL % 60;
  } else if constexpr (Field == TemporalField::Second) {
    return value.nanos_of_day / 1000000000LL % 60;
  } else if constexpr (Field == TemporalField::Weekday) {
    return temporal::weekday_from_days(value.days) + 1;
  } else {
    const temporal::CivilDate date = temporal::civil_from_days(value.days);
    if constexpr (Field == TemporalField::Year) return date.year;
    else if constexpr (Field == TemporalField::Month) return date.month;
    else return date.day;
  }
}

template <TemporalField Field, typename Out>
Array extract(const Array& input, const DataType& type) {
  const int64_t length = input.length();
  BufferPtr values = internal::allocate_values<Out>(length);
  Out* out = values->as<Out>();
  switch (input.type().id()) {
    case TypeId::Date: {
      const int32_t* days = input.values<int32_t>();
      for (int64_t i = 0; i < length; ++i) out[i] = static_cast<Out>(field_of<Field>({days[i], 0}));
      break;
    }
    case TypeId::Timestamp: {
      const int64_t* stamps = input.values<int64_t>();
      const int64_t units_per_day = kSecondsPerDay * units_per_second(input.type().unit());
      const int64_t nanos_per_unit = 1000000000LL / units_per_second(input.type().unit());
      for (int64_t i = 0; i < length; ++i) {
        const int64_t days = temporal::floor_div(stamps[i], units_per_day);
        const int64_t nanos = (stamps[i] - days * units_per_day) * nanos_per_unit;
        out[i] = static_cast<Out>(field_of<Field>({days, nanos}));
      }
      break;
    }
    default: {  // Time: nanoseconds since midnight
      const int64_t* nanos = input.values<int64_t>();
      for (int64_t i = 0; i < length; ++i) out[i] = static_cast<Out>(field_of<Field>({0, nanos[i]}));
    }
  }
  return internal::make_result(type, length, std::move(values), input.data().validity);
}

}  // namespace

const char* temporal_field_name(TemporalField field) {
  switch (field) {
    case TemporalField::Year: return "year";
    case TemporalField::Month: return "month";
    case TemporalField::Day: return "day";
    case TemporalField::Hour: return "hour";
    case TemporalField::Minute: return "minute";
    case TemporalField::Second: return "second";
    case TemporalField::Weekday: return "weekday";
  }
  return "?";
}

DataType temporal_field_type(TemporalField field, const DataType& input) {
  const bool time_field =
      field == TemporalField::Hour || field == TemporalField::Minute || field == TemporalField::Second;
  const TypeId id = input.id();
  const bool supported = id == TypeId::Date || id == TypeId::Timestamp || id == TypeId::Null ||
                         (time_field && id == TypeId::Time);
  if (!supported)
    throw TypeError(std::string("cannot extract ") + temporal_field_name(field) + " from a value of type " +
                    input.to_string() + "; expected date or datetime" + (time_field ? " or time" : ""));
  return field == TemporalField::Year ? DataType::int32() : DataType::int8();
}

Array extract_temporal_field(const Array& input, TemporalField field) {
  const DataType type = temporal_field_type(field, input.type());
  if (input.type().id() == TypeId::Null) return make_null_array(type, input.length());
  switch (field) {
    case TemporalField::Year: return extract<TemporalField::Year, int32_t>(input, type);
    case TemporalField::Month: return extract<TemporalField::Month, int8_t>(input, type);
    case TemporalField::Day: return extract<TemporalField::Day, int8_t>(input, type);
    case TemporalField::Hour: return extract<TemporalField::Hour, int8_t>(input, type);
    case TemporalField::Minute: return extract<TemporalField::Minute, int8_t>(input, type);
    case TemporalField::Second: return extract<TemporalField::Second, int8_t>(input, type);
    case TemporalField::Weekday: return extract<TemporalField::Weekday, int8_t>(input, type);
  }
  throw InternalError("unknown temporal field");
}

DataType truncate_type(const DataType& input) {
  if (input.id() == TypeId::Date || input.id() == TypeId::Timestamp || input.id() == TypeId::Null) return input;
  throw TypeError("cannot truncate a value of type " + input.to_string() + "; expected date or datetime");
}

Array truncate_temporal(const Array& input, TruncateUnit unit) {
  const DataType type = truncate_type(input.type());
  const int64_t length = input.length();
  const auto month_start = [](int64_t days) {
    const temporal::CivilDate date = temporal::civil_from_days(days);
    return temporal::days_from_civil(date.year, date.month, 1);
  };
  if (type.id() == TypeId::Null) return input;
  if (type.id() == TypeId::Date) {
    if (unit == TruncateUnit::Day) return input;
    const int32_t* days = input.values<int32_t>();
    BufferPtr values = internal::allocate_values<int32_t>(length);
    int32_t* out = values->as<int32_t>();
    for (int64_t i = 0; i < length; ++i) out[i] = static_cast<int32_t>(month_start(days[i]));
    return internal::make_result(type, length, std::move(values), input.data().validity);
  }
  const int64_t* stamps = input.values<int64_t>();
  const int64_t units_per_day = kSecondsPerDay * units_per_second(type.unit());
  BufferPtr values = internal::allocate_values<int64_t>(length);
  int64_t* out = values->as<int64_t>();
  if (unit == TruncateUnit::Day) {
    for (int64_t i = 0; i < length; ++i) out[i] = temporal::floor_div(stamps[i], units_per_day) * units_per_day;
  } else {
    for (int64_t i = 0; i < length; ++i)
      out[i] = month_start(temporal::floor_div(stamps[i], units_per_day)) * units_per_day;
  }
  return internal::make_result(type, length, std::move(values), input.data().validity);
}

}  // namespace strata::compute
