#include "strata/compute/math.hpp"

#include <cmath>

#include "compute/internal/elementwise.hpp"
#include "strata/compute/cast.hpp"
#include "strata/compute/row_context.hpp"
#include "strata/compute/type_promotion.hpp"
#include "strata/core/decimal.hpp"
#include "strata/core/error.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute {

const char* math_function_name(MathFunction function) {
  switch (function) {
    case MathFunction::Abs: return "abs";
    case MathFunction::Floor: return "floor";
    case MathFunction::Ceil: return "ceil";
    case MathFunction::Sqrt: return "sqrt";
    case MathFunction::Log: return "log";
    case MathFunction::Exp: return "exp";
  }
  return "?";
}

namespace {

void require_numeric(const char* name, const DataType& input, bool allow_duration = false) {
  if (input.is_numeric() || input.id() == TypeId::Null || (allow_duration && input.id() == TypeId::Duration)) return;
  throw TypeError(std::string("cannot apply ") + name + " to a value of type " + input.to_string() +
                  "; expected a number" + (input.is_string_like() ? " (cast the strings to a number first)" : ""));
}

// Applies fn to every value, keeping the validity.
template <typename T, typename Fn>
Array map_values(const Array& input, const DataType& type, Fn&& fn) {
  const T* x = input.values<T>();
  BufferPtr values = internal::allocate_values<T>(input.length());
  T* out = values->as<T>();
  for (int64_t i = 0; i < input.length(); ++i) out[i] = fn(x[i]);
  return internal::make_result(type, input.length(), std::move(values), input.data().validity);
}

Array integer_abs(const Array& input) {
  return visit_physical(input.type(), [&](auto tag) -> Array {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
      bool overflow = false;
      Array result = map_values<T>(input, input.type(), [&](T v) {
        overflow |= v == std::numeric_limits<T>::min();
        return v < 0 ? static_cast<T>(-(v + (v == std::numeric_limits<T>::min()))) : v;
      });
      if (overflow) {
        const T* x = input.values<T>();
        const int64_t row = internal::first_valid_failure(input.validity_bits(), input.length(), [&](int64_t i) {
          return x[i] == std::numeric_limits<T>::min();
        });
        if (row >= 0)
          throw ComputeError("integer overflow in abs at row " + std::to_string(reported_row(row)) + ": abs(" +
                             input.value_to_string(row) + ") does not fit " + input.type().to_string() +
                             "; cast to a wider type first");
      }
      return result;
    } else if constexpr (std::is_same_v<T, Int128>) {
      return map_values<Int128>(input, input.type(), [](Int128 v) { return v < 0 ? -v : v; });
    } else {
      return input;  // unsigned
    }
  });
}

// floor/ceil of a decimal keep its scale: whole units, rounded down/up.
Array decimal_floor_ceil(const Array& input, bool ceil) {
  const Int128 unit = decimal::power_of_ten(input.type().scale());
  return map_values<Int128>(input, input.type(), [&](Int128 v) {
    Int128 whole = v / unit * unit;
    if (whole != v && ((v < 0) != ceil)) whole += ceil ? unit : -unit;
    return whole;
  });
}

template <typename T>
T round_half_away(T value, int decimals) {
  if (decimals == 0) return std::round(value);
  const double factor = std::pow(10.0, decimals);
  const double scaled = static_cast<double>(value) * factor;
  if (!std::isfinite(scaled)) return value;  // too many digits to matter
  return static_cast<T>(std::round(scaled) / factor);
}

// Integers and decimals: round an unscaled value to a multiple of `unit`,
// half away from zero; false when the result overflows.
template <typename T>
bool round_to_unit(T value, T unit, T& out) {
  const T remainder = static_cast<T>(value % unit);
  const T base = static_cast<T>(value - remainder);
  bool negative = false;
  if constexpr (!std::is_unsigned_v<T>) negative = remainder < 0;
  const T magnitude = negative ? static_cast<T>(-remainder) : remainder;
  if (magnitude != 0 && magnitude >= unit - magnitude)  // at least half of unit, without overflow
    return !__builtin_add_overflow(base, negative ? static_cast<T>(-unit) : unit, &out);
  out = base;
  return true;
}

[[noreturn]] void throw_round_overflow(const Array& input, int64_t row, int decimals) {
  throw ComputeError("overflow in round at row " + std::to_string(reported_row(row)) + ": round(" +
                     input.value_to_string(row) + ", " + std::to_string(decimals) + ") does not fit " +
                     input.type().to_string() + "; cast to a wider type first");
}

template <typename T>
bool within_limit(T value, T limit) {
  if constexpr (std::is_unsigned_v<T>) return value <= limit;
  else return value <= limit && value >= -limit;
}

template <typename T>
Array round_exact(const Array& input, T unit, int decimals, T limit) {
  bool failed = false;
  Array result = map_values<T>(input, input.type(), [&](T v) {
    T out;
    const bool ok = round_to_unit<T>(v, unit, out) && within_limit(out, limit);
    failed |= !ok;
    return ok ? out : T{};
  });
  if (failed) {
    const T* x = input.values<T>();
    const int64_t row = internal::first_valid_failure(input.validity_bits(), input.length(), [&](int64_t i) {
      T out;
      return !(round_to_unit<T>(x[i], unit, out) && within_limit(out, limit));
    });
    if (row >= 0) throw_round_overflow(input, row, decimals);
  }
  return result;
}

// Rounding integers to a power of ten the type cannot hold: every value
// becomes 0, except those of at least half that power, which overflow.
template <typename T>
Array round_beyond_type(const Array& input, int decimals) {
  if (-decimals <= 38) {
    const Int128 unit = decimal::power_of_ten(-decimals);
    const T* x = input.values<T>();
    const int64_t row = internal::first_valid_failure(input.validity_bits(), input.length(), [&](int64_t i) {
      const Int128 v = x[i];
      return (v < 0 ? -v : v) * 2 >= unit;
    });
    if (row >= 0) throw_round_overflow(input, row, decimals);
  }
  return map_values<T>(input, input.type(), [](T) { return T{0}; });
}

}  // namespace

DataType math_result_type(MathFunction function, const DataType& input) {
  require_numeric(math_function_name(function), input, function == MathFunction::Abs);
  switch (function) {
    case MathFunction::Abs:
    case MathFunction::Floor:
    case MathFunction::Ceil: return input;
    default: return input.id() == TypeId::Float32 ? DataType::float32() : DataType::float64();
  }
}

Array apply_math(MathFunction function, const Array& input) {
  const DataType type = math_result_type(function, input.type());
  if (input.type().id() == TypeId::Null) return make_null_array(type, input.length());
  const TypeId id = input.type().id();
  if (function == MathFunction::Abs && !input.type().is_floating()) {
    if (id == TypeId::Duration) return cast(integer_abs(cast(input, DataType::int64())), type);
    return integer_abs(input);
  }
  if (function == MathFunction::Floor || function == MathFunction::Ceil) {
    if (input.type().is_integer()) return input;
    if (id == TypeId::Decimal) return decimal_floor_ceil(input, function == MathFunction::Ceil);
  }
  const Array values = cast(input, type);
  return visit_physical(type, [&](auto tag) -> Array {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_floating_point_v<T>) {
      switch (function) {
        case MathFunction::Abs: return map_values<T>(values, type, [](T v) { return std::fabs(v); });
        case MathFunction::Floor: return map_values<T>(values, type, [](T v) { return std::floor(v); });
        case MathFunction::Ceil: return map_values<T>(values, type, [](T v) { return std::ceil(v); });
        case MathFunction::Sqrt: return map_values<T>(values, type, [](T v) { return std::sqrt(v); });
        case MathFunction::Log: return map_values<T>(values, type, [](T v) { return std::log(v); });
        case MathFunction::Exp: return map_values<T>(values, type, [](T v) { return std::exp(v); });
      }
    }
    throw InternalError(std::string("math function ") + math_function_name(function) + " on " + type.to_string());
  });
}

DataType round_result_type(const DataType& input) {
  require_numeric("round", input);
  return input;
}

Array round(const Array& input, int decimals) {
  const DataType type = round_result_type(input.type());
  if (type.id() == TypeId::Null) return input;
  if (type.id() == TypeId::Decimal) {
    if (decimals >= type.scale()) return input;
    if (type.scale() - decimals > 38) return map_values<Int128>(input, type, [](Int128) { return Int128{0}; });
    const Int128 unit = decimal::power_of_ten(type.scale() - decimals);
    return round_exact<Int128>(input, unit, decimals, decimal::max_for_precision(type.precision()));
  }
  return visit_physical(type, [&](auto tag) -> Array {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_floating_point_v<T>) {
      return map_values<T>(input, type, [&](T v) { return round_half_away<T>(v, decimals); });
    } else if constexpr (std::is_integral_v<T>) {
      if (decimals >= 0) return input;
      if (-decimals > std::numeric_limits<T>::digits10) return round_beyond_type<T>(input, decimals);
      T unit = 1;
      for (int i = 0; i < -decimals; ++i) unit = static_cast<T>(unit * 10);
      return round_exact<T>(input, unit, decimals, std::numeric_limits<T>::max());
    } else {
      throw InternalError("round on " + type.to_string());
    }
  });
}

DataType pow_result_type(const DataType& base, const DataType& exponent) {
  require_numeric("pow", base);
  require_numeric("pow", exponent);
  const auto common = numeric_supertype(base, exponent);
  return common && common->id() == TypeId::Float32 ? DataType::float32() : DataType::float64();
}

Array power(const Array& base, const Array& exponent) {
  const DataType type = pow_result_type(base.type(), exponent.type());
  const int64_t length = internal::broadcast_length(base, exponent, "pow");
  const Array x = cast(base, type), y = cast(exponent, type);
  return visit_physical(type, [&](auto tag) -> Array {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_floating_point_v<T>) {
      BufferPtr values = internal::allocate_values<T>(length);
      internal::map_binary(x.values<T>(), internal::is_single(x), y.values<T>(), internal::is_single(y),
                           values->as<T>(), length, [](T a, T b) { return static_cast<T>(std::pow(a, b)); });
      return internal::make_result(type, length, std::move(values), internal::combined_validity(x, y, length));
    } else {
      throw InternalError("pow on " + type.to_string());
    }
  });
}

}  // namespace strata::compute
