// Casts between temporal types and between temporal types and integers.
#include <limits>

#include "compute/internal/cast_kernels.hpp"
#include "strata/core/temporal.hpp"

namespace strata::compute::internal {

namespace {

constexpr int64_t kSecondsPerDay = 86400;

DataType physical_integer(const DataType& temporal_type) {
  return temporal_type.id() == TypeId::Date ? DataType::int32() : DataType::int64();
}

// value * factor, false on overflow.
bool scale_up(int64_t value, int64_t factor, int64_t& out) { return !__builtin_mul_overflow(value, factor, &out); }

// Converts counts of `from` units to `to` units: exact when finer, rounding
// toward negative infinity (timestamps) or zero (durations) when coarser.
Array change_unit(const Array& input, const DataType& target, TimeUnit from, TimeUnit to, bool floor,
                  CastMode mode) {
  const int64_t* values = input.values<int64_t>();
  const int64_t from_per_second = units_per_second(from), to_per_second = units_per_second(to);
  if (to_per_second >= from_per_second) {
    const int64_t factor = to_per_second / from_per_second;
    return convert_fixed_width<int64_t>(input, target, mode,
                                        [&](int64_t i, int64_t& out) { return scale_up(values[i], factor, out); },
                                        "out of range for the unit");
  }
  const int64_t divisor = from_per_second / to_per_second;
  return convert_fixed_width<int64_t>(input, target, mode, [&](int64_t i, int64_t& out) {
    out = floor ? temporal::floor_div(values[i], divisor) : values[i] / divisor;
    return true;
  });
}

}  // namespace

Array cast_temporal(const Array& input, const DataType& target, CastMode mode) {
  const DataType& from = input.type();
  if (from.is_temporal() && target.is_integer()) {
    return cast_numeric(retype(input, physical_integer(from)), target, mode);
  }
  if (from.is_integer() && target.is_temporal()) {
    const DataType physical = physical_integer(target);
    try {
      return retype(cast_numeric(input, physical, mode), target);
    } catch (const ComputeError&) {
      // Report the failure against the requested type, not the physical one.
      const Array wide = cast_numeric(input, physical, CastMode::NullOnFailure);
      const int64_t row = first_valid_failure(input.validity_bits(), input.length(),
                                              [&](int64_t i) { return wide.is_null(i); });
      throw_cast_failure(input, row, target, "out of range");
    }
  }
  if (from.id() == TypeId::Date && target.id() == TypeId::Timestamp) {
    const int32_t* days = input.values<int32_t>();
    const int64_t units_per_day = kSecondsPerDay * units_per_second(target.unit());
    return convert_fixed_width<int64_t>(input, target, mode,
                                        [&](int64_t i, int64_t& out) { return scale_up(days[i], units_per_day, out); },
                                        "out of range for the unit");
  }
  if (from.id() == TypeId::Timestamp && target.id() == TypeId::Date) {
    const int64_t* values = input.values<int64_t>();
    const int64_t units_per_day = kSecondsPerDay * units_per_second(from.unit());
    return convert_fixed_width<int32_t>(input, target, mode, [&](int64_t i, int32_t& out) {
      const int64_t days = temporal::floor_div(values[i], units_per_day);
      out = static_cast<int32_t>(days);
      return days >= std::numeric_limits<int32_t>::min() && days <= std::numeric_limits<int32_t>::max();
    }, "out of the date range");
  }
  if (from.id() == TypeId::Timestamp && target.id() == TypeId::Time) {
    const int64_t* values = input.values<int64_t>();
    const int64_t per_second = units_per_second(from.unit());
    const int64_t units_per_day = kSecondsPerDay * per_second;
    const int64_t nanos_per_unit = 1000000000LL / per_second;
    return convert_fixed_width<int64_t>(input, target, mode, [&](int64_t i, int64_t& out) {
      out = temporal::floor_mod(values[i], units_per_day) * nanos_per_unit;
      return true;
    });
  }
  if (from.id() == TypeId::Timestamp && target.id() == TypeId::Timestamp) {
    if (from.unit() == target.unit()) return retype(input, target);  // time zone relabel: values are UTC
    return change_unit(input, target, from.unit(), target.unit(), /*floor=*/true, mode);
  }
  if (from.id() == TypeId::Duration && target.id() == TypeId::Duration) {
    return change_unit(input, target, from.unit(), target.unit(), /*floor=*/false, mode);
  }
  throw InternalError("temporal cast from " + from.to_string() + " to " + target.to_string() + " not handled");
}

}  // namespace strata::compute::internal
