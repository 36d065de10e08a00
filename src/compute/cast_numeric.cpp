// Casts between integers, floats, decimals and Bool.
#include <cmath>
#include <limits>
#include <utility>

#include "compute/internal/cast_kernels.hpp"
#include "strata/core/decimal.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute::internal {

namespace {

// Powers of ten as doubles, for decimal <-> float.
double power_of_ten_double(int exponent) {
  double value = 1;
  for (int i = 0; i < exponent; ++i) value *= 10;
  return value;
}

// One value between plain numeric C types; false when it does not fit.
template <typename In, typename Out>
bool convert_number(In value, Out& out) {
  if constexpr (std::is_integral_v<In> && std::is_integral_v<Out>) {
    if (!std::in_range<Out>(value)) {
      out = Out{};
      return false;
    }
    out = static_cast<Out>(value);
    return true;
  } else if constexpr (std::is_integral_v<In>) {
    out = static_cast<Out>(value);
    return true;
  } else if constexpr (std::is_integral_v<Out>) {
    // Truncate first, then compare with exact powers of two; NaN and the
    // infinities fail the comparisons.
    const double truncated = std::trunc(static_cast<double>(value));
    const double high = std::ldexp(1.0, std::numeric_limits<Out>::digits);
    const double low = std::is_signed_v<Out> ? -high : 0.0;
    if (!(truncated >= low && truncated < high)) {
      out = Out{};
      return false;
    }
    out = static_cast<Out>(truncated);
    return true;
  } else {
    // Double to float: out-of-range finite values become infinities.
    if constexpr (sizeof(Out) < sizeof(In)) {
      if (std::isfinite(value) && std::fabs(value) > std::numeric_limits<Out>::max()) {
        out = value > 0 ? std::numeric_limits<Out>::infinity() : -std::numeric_limits<Out>::infinity();
        return true;
      }
    }
    out = static_cast<Out>(value);
    return true;
  }
}

template <typename Out>
bool int128_to(Int128 value, Out& out) {
  if constexpr (std::is_integral_v<Out>) {
    if (value < static_cast<Int128>(std::numeric_limits<Out>::min()) ||
        value > static_cast<Int128>(std::numeric_limits<Out>::max())) {
      out = Out{};
      return false;
    }
    out = static_cast<Out>(value);
  } else {
    out = static_cast<Out>(value);
  }
  return true;
}

// Rescales an unscaled decimal by 10^(to - from), rounding half away from
// zero when scaling down; false on overflow of `precision` digits.
bool rescale(Int128 value, int from_scale, int to_scale, int precision, Int128& out) {
  out = 0;
  if (to_scale >= from_scale) {
    Int128 scaled;
    if (__builtin_mul_overflow(value, decimal::power_of_ten(to_scale - from_scale), &scaled)) return false;
    value = scaled;
  } else {
    const Int128 divisor = decimal::power_of_ten(from_scale - to_scale);
    Int128 quotient = value / divisor;
    const Int128 remainder = value % divisor;
    if (remainder * 2 >= divisor) ++quotient;
    if (remainder * 2 <= -divisor) --quotient;
    value = quotient;
  }
  const Int128 limit = decimal::max_for_precision(precision);
  if (value > limit || value < -limit) return false;
  out = value;
  return true;
}

Array decimal_to_decimal(const Array& input, const DataType& target, CastMode mode) {
  const Int128* values = input.values<Int128>();
  const int from = input.type().scale();
  return convert_fixed_width<Int128>(input, target, mode, [&](int64_t i, Int128& out) {
    return rescale(values[i], from, target.scale(), target.precision(), out);
  }, "does not fit the precision");
}

Array decimal_to_number(const Array& input, const DataType& target, CastMode mode) {
  const Int128* values = input.values<Int128>();
  const int scale = input.type().scale();
  const Int128 divisor = decimal::power_of_ten(scale);
  const double divisor_double = power_of_ten_double(scale);
  if (target.id() == TypeId::Bool) {
    auto bytes = convert_fixed_width<uint8_t>(input, DataType::boolean(), mode,
                                              [&](int64_t i, uint8_t& out) { return (out = values[i] != 0), true; });
    return bytes_to_bool(bytes);
  }
  return visit_physical(target, [&](auto tag) -> Array {
    using Out = typename decltype(tag)::type;
    if constexpr (std::is_arithmetic_v<Out>) {
      return convert_fixed_width<Out>(input, target, mode, [&](int64_t i, Out& out) {
        if constexpr (std::is_floating_point_v<Out>) {
          out = static_cast<Out>(static_cast<double>(values[i]) / divisor_double);
          return true;
        } else {
          return int128_to(values[i] / divisor, out);  // truncates toward zero
        }
      });
    } else {
      throw InternalError("decimal cast to unexpected type " + target.to_string());
    }
  });
}

template <typename In>
Array number_to_decimal(const Array& input, const In* values, const DataType& target, CastMode mode) {
  const Int128 scale_factor = decimal::power_of_ten(target.scale());
  const Int128 limit = decimal::max_for_precision(target.precision());
  const double scale_double = power_of_ten_double(target.scale());
  const double limit_double = power_of_ten_double(target.precision());
  return convert_fixed_width<Int128>(input, target, mode, [&](int64_t i, Int128& out) {
    out = 0;
    if constexpr (std::is_floating_point_v<In>) {
      const double scaled = std::round(static_cast<double>(values[i]) * scale_double);  // half away from zero
      if (!(std::fabs(scaled) < limit_double)) return false;
      out = static_cast<Int128>(scaled);
      return out <= limit && out >= -limit;
    } else {
      Int128 scaled;
      if (__builtin_mul_overflow(static_cast<Int128>(values[i]), scale_factor, &scaled)) return false;
      if (scaled > limit || scaled < -limit) return false;
      out = scaled;
      return true;
    }
  }, "does not fit the precision");
}

// Bool -> number: 0 or 1.
Array bool_to_number(const Array& input, const DataType& target, CastMode mode) {
  if (target.id() == TypeId::Decimal) {
    const Int128 one = decimal::power_of_ten(target.scale());
    const Int128 limit = decimal::max_for_precision(target.precision());
    return convert_fixed_width<Int128>(input, target, mode, [&](int64_t i, Int128& out) {
      out = input.bool_at(i) ? one : 0;
      return out <= limit;
    }, "does not fit the precision");
  }
  return visit_physical(target, [&](auto tag) -> Array {
    using Out = typename decltype(tag)::type;
    if constexpr (std::is_arithmetic_v<Out>) {
      return convert_fixed_width<Out>(input, target, mode, [&](int64_t i, Out& out) {
        out = static_cast<Out>(input.bool_at(i) ? 1 : 0);
        return true;
      });
    } else {
      throw InternalError("bool cast to unexpected type " + target.to_string());
    }
  });
}

}  // namespace

Array cast_numeric(const Array& input, const DataType& target, CastMode mode) {
  const DataType& from = input.type();
  if (from.id() == TypeId::Bool) return bool_to_number(input, target, mode);
  if (from.id() == TypeId::Decimal) {
    return target.id() == TypeId::Decimal ? decimal_to_decimal(input, target, mode)
                                          : decimal_to_number(input, target, mode);
  }
  return visit_physical(from, [&](auto in_tag) -> Array {
    using In = typename decltype(in_tag)::type;
    if constexpr (std::is_arithmetic_v<In>) {
      const In* values = input.values<In>();
      if (target.id() == TypeId::Decimal) return number_to_decimal<In>(input, values, target, mode);
      if (target.id() == TypeId::Bool) {
        auto bytes = convert_fixed_width<uint8_t>(input, DataType::boolean(), mode, [&](int64_t i, uint8_t& out) {
          out = values[i] != 0;
          return true;
        });
        return bytes_to_bool(bytes);
      }
      return visit_physical(target, [&](auto out_tag) -> Array {
        using Out = typename decltype(out_tag)::type;
        if constexpr (std::is_arithmetic_v<Out>) {
          return convert_fixed_width<Out>(input, target, mode,
                                          [&](int64_t i, Out& out) { return convert_number<In, Out>(values[i], out); },
                                          "out of range");
        } else {
          throw InternalError("numeric cast to unexpected type " + target.to_string());
        }
      });
    } else {
      throw InternalError("numeric cast from unexpected type " + from.to_string());
    }
  });
}

}  // namespace strata::compute::internal
