#include "strata/compute/arithmetic.hpp"

#include <cmath>
#include <limits>

#include "compute/internal/elementwise.hpp"
#include "strata/compute/cast.hpp"
#include "strata/compute/row_context.hpp"
#include "strata/compute/temporal_functions.hpp"
#include "strata/compute/type_promotion.hpp"
#include "strata/core/decimal.hpp"
#include "strata/core/error.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute {

using internal::combined_validity;
using internal::is_single;

const char* arithmetic_op_name(ArithmeticOp op) {
  switch (op) {
    case ArithmeticOp::Add: return "add";
    case ArithmeticOp::Subtract: return "sub";
    case ArithmeticOp::Multiply: return "mul";
    case ArithmeticOp::Divide: return "div";
    case ArithmeticOp::Modulo: return "mod";
    case ArithmeticOp::FloorDivide: return "floordiv";
  }
  return "?";
}

const char* arithmetic_op_symbol(ArithmeticOp op) {
  switch (op) {
    case ArithmeticOp::Add: return "+";
    case ArithmeticOp::Subtract: return "-";
    case ArithmeticOp::Multiply: return "*";
    case ArithmeticOp::Divide: return "/";
    case ArithmeticOp::Modulo: return "%";
    case ArithmeticOp::FloorDivide: return "//";
  }
  return "?";
}

namespace {

[[noreturn]] void throw_unsupported(ArithmeticOp op, const DataType& left, const DataType& right,
                                    const std::string& hint) {
  throw TypeError(std::string("cannot apply ") + arithmetic_op_name(op) + " (" + arithmetic_op_symbol(op) +
                  ") to " + left.to_string() + " and " + right.to_string() + hint);
}

DataType decimal_result_type(ArithmeticOp op, const DataType& left, const DataType& right) {
  const DataType l = left.is_integer() ? decimal_for_integer(left) : left;
  const DataType r = right.is_integer() ? decimal_for_integer(right) : right;
  if (op == ArithmeticOp::Multiply) {
    const int scale = l.scale() + r.scale();
    if (scale > 38) throw_unsupported(op, left, right, ": the product's scale exceeds 38 digits; cast to f64 first");
    return DataType::decimal(std::min(38, l.precision() + r.precision()), scale);
  }
  if (op == ArithmeticOp::Add || op == ArithmeticOp::Subtract) {
    const DataType common = *numeric_supertype(l, r);
    return DataType::decimal(std::min(38, common.precision() + 1), common.scale());
  }
  throw_unsupported(op, left, right, ": decimal " + std::string(arithmetic_op_name(op)) +
                                         " is not supported; cast to f64 first");
}

// ---- integer kernels ----------------------------------------------------------

// One checked integer operation; false on overflow. Division by zero yields
// 0 here and becomes null afterwards.
template <ArithmeticOp Op, typename T>
inline bool integer_op(T x, T y, T& out) {
  if constexpr (Op == ArithmeticOp::Add) {
    return !__builtin_add_overflow(x, y, &out);
  } else if constexpr (Op == ArithmeticOp::Subtract) {
    return !__builtin_sub_overflow(x, y, &out);
  } else if constexpr (Op == ArithmeticOp::Multiply) {
    return !__builtin_mul_overflow(x, y, &out);
  } else if constexpr (Op == ArithmeticOp::FloorDivide) {
    if (y == 0) return (out = 0), true;
    if constexpr (std::is_signed_v<T>) {
      if (y == -1) return !__builtin_sub_overflow(T{0}, x, &out);
      T quotient = static_cast<T>(x / y);
      if (static_cast<T>(x % y) != 0 && ((x < 0) != (y < 0))) --quotient;
      out = quotient;
    } else {
      out = static_cast<T>(x / y);
    }
    return true;
  } else {  // Modulo
    if (y == 0) return (out = 0), true;
    if constexpr (std::is_signed_v<T>) {
      if (y == -1) return (out = 0), true;
      T remainder = static_cast<T>(x % y);
      if (remainder != 0 && ((remainder < 0) != (y < 0))) remainder = static_cast<T>(remainder + y);
      out = remainder;
    } else {
      out = static_cast<T>(x % y);
    }
    return true;
  }
}

template <typename T>
BufferPtr null_where_zero_divisor(const Array& divisor, BufferPtr validity, int64_t length) {
  const T* y = divisor.values<T>();
  if (is_single(divisor)) {
    if (y[0] != 0 || divisor.is_null(0)) return validity;
    return bitmap::make_zeroed(length);
  }
  bool any_zero = false;
  for (int64_t i = 0; i < length; ++i) any_zero |= y[i] == 0;
  if (!any_zero) return validity;
  BufferPtr result = internal::writable_validity(validity, length);
  for (int64_t i = 0; i < length; ++i)
    if (y[i] == 0) bitmap::clear(result->data(), i);
  return result;
}

[[noreturn]] void throw_overflow(ArithmeticOp op, const Array& left, const Array& right, int64_t row,
                                 const DataType& type) {
  throw ComputeError(std::string(type.id() == TypeId::Decimal ? "decimal" : "integer") + " overflow in " +
                     arithmetic_op_name(op) + " at row " + std::to_string(reported_row(row)) + ": " +
                     internal::operand_text(left, row) + " " + arithmetic_op_symbol(op) + " " +
                     internal::operand_text(right, row) + " does not fit " + type.to_string() +
                     "; cast the operands to a wider type or to f64 first");
}

template <ArithmeticOp Op, typename T>
Array integer_kernel(const Array& left, const Array& right, const DataType& type, int64_t length) {
  const T* x = left.values<T>();
  const T* y = right.values<T>();
  const bool left_single = is_single(left), right_single = is_single(right);
  BufferPtr values = internal::allocate_values<T>(length);
  bool overflow = false;
  internal::map_binary(x, left_single, y, right_single, values->as<T>(), length, [&](T a, T b) {
    T result;
    overflow |= !integer_op<Op>(a, b, result);
    return result;
  });
  BufferPtr validity = combined_validity(left, right, length);
  if (overflow) {
    const int64_t row = internal::first_valid_failure(
        validity ? validity->data() : nullptr, length, [&](int64_t i) {
          T ignored;
          return !integer_op<Op>(x[left_single ? 0 : i], y[right_single ? 0 : i], ignored);
        });
    if (row >= 0) throw_overflow(Op, left, right, row, type);
  }
  if constexpr (Op == ArithmeticOp::FloorDivide || Op == ArithmeticOp::Modulo)
    validity = null_where_zero_divisor<T>(right, std::move(validity), length);
  return internal::make_result(type, length, std::move(values), std::move(validity));
}

// ---- float kernels ---------------------------------------------------------------

template <ArithmeticOp Op, typename T>
inline T float_op(T x, T y) {
  if constexpr (Op == ArithmeticOp::Add) return x + y;
  else if constexpr (Op == ArithmeticOp::Subtract) return x - y;
  else if constexpr (Op == ArithmeticOp::Multiply) return x * y;
  else if constexpr (Op == ArithmeticOp::Divide) return x / y;
  else if constexpr (Op == ArithmeticOp::FloorDivide) return std::floor(x / y);
  else {
    // Python's float modulo: the remainder takes the divisor's sign.
    T remainder = std::fmod(x, y);
    if (remainder != 0 && ((remainder < 0) != (y < 0))) remainder += y;
    return remainder;
  }
}

template <ArithmeticOp Op, typename T>
Array float_kernel(const Array& left, const Array& right, const DataType& type, int64_t length) {
  BufferPtr values = internal::allocate_values<T>(length);
  internal::map_binary(left.values<T>(), is_single(left), right.values<T>(), is_single(right), values->as<T>(),
                       length, [](T a, T b) { return float_op<Op, T>(a, b); });
  return internal::make_result(type, length, std::move(values), combined_validity(left, right, length));
}

// ---- decimal kernels -------------------------------------------------------------

template <ArithmeticOp Op>
Array decimal_kernel(const Array& left, const Array& right, const DataType& type, int64_t length) {
  const Int128* x = left.values<Int128>();
  const Int128* y = right.values<Int128>();
  const Int128 limit = decimal::max_for_precision(type.precision());
  const bool left_single = is_single(left), right_single = is_single(right);
  const auto apply = [&](Int128 a, Int128 b, Int128& out) {
    bool overflow;
    if constexpr (Op == ArithmeticOp::Add) overflow = __builtin_add_overflow(a, b, &out);
    else if constexpr (Op == ArithmeticOp::Subtract) overflow = __builtin_sub_overflow(a, b, &out);
    else overflow = __builtin_mul_overflow(a, b, &out);
    return !overflow && out <= limit && out >= -limit;
  };
  BufferPtr values = internal::allocate_values<Int128>(length);
  bool failed = false;
  internal::map_binary(x, left_single, y, right_single, values->as<Int128>(), length, [&](Int128 a, Int128 b) {
    Int128 result = 0;
    failed |= !apply(a, b, result);
    return result;
  });
  BufferPtr validity = combined_validity(left, right, length);
  if (failed) {
    const int64_t row = internal::first_valid_failure(validity ? validity->data() : nullptr, length, [&](int64_t i) {
      Int128 ignored = 0;
      return !apply(x[left_single ? 0 : i], y[right_single ? 0 : i], ignored);
    });
    if (row >= 0) throw_overflow(Op, left, right, row, type);
  }
  return internal::make_result(type, length, std::move(values), std::move(validity));
}

template <typename T>
Array numeric_kernel(ArithmeticOp op, const Array& left, const Array& right, const DataType& type,
                     int64_t length) {
  if constexpr (std::is_floating_point_v<T>) {
    switch (op) {
      case ArithmeticOp::Add: return float_kernel<ArithmeticOp::Add, T>(left, right, type, length);
      case ArithmeticOp::Subtract: return float_kernel<ArithmeticOp::Subtract, T>(left, right, type, length);
      case ArithmeticOp::Multiply: return float_kernel<ArithmeticOp::Multiply, T>(left, right, type, length);
      case ArithmeticOp::Divide: return float_kernel<ArithmeticOp::Divide, T>(left, right, type, length);
      case ArithmeticOp::Modulo: return float_kernel<ArithmeticOp::Modulo, T>(left, right, type, length);
      case ArithmeticOp::FloorDivide: return float_kernel<ArithmeticOp::FloorDivide, T>(left, right, type, length);
    }
  } else if constexpr (std::is_integral_v<T>) {
    switch (op) {
      case ArithmeticOp::Add: return integer_kernel<ArithmeticOp::Add, T>(left, right, type, length);
      case ArithmeticOp::Subtract: return integer_kernel<ArithmeticOp::Subtract, T>(left, right, type, length);
      case ArithmeticOp::Multiply: return integer_kernel<ArithmeticOp::Multiply, T>(left, right, type, length);
      case ArithmeticOp::Modulo: return integer_kernel<ArithmeticOp::Modulo, T>(left, right, type, length);
      case ArithmeticOp::FloorDivide: return integer_kernel<ArithmeticOp::FloorDivide, T>(left, right, type, length);
      case ArithmeticOp::Divide: break;  // always computed in Float64
    }
  } else if constexpr (std::is_same_v<T, Int128>) {
    switch (op) {
      case ArithmeticOp::Add: return decimal_kernel<ArithmeticOp::Add>(left, right, type, length);
      case ArithmeticOp::Subtract: return decimal_kernel<ArithmeticOp::Subtract>(left, right, type, length);
      case ArithmeticOp::Multiply: return decimal_kernel<ArithmeticOp::Multiply>(left, right, type, length);
      default: break;
    }
  }
  throw InternalError(std::string("arithmetic kernel missing for ") + arithmetic_op_name(op) + " on " +
                      type.to_string());
}

bool is_temporal_operand(const DataType& type) { return type.is_temporal(); }

}  // namespace

DataType arithmetic_result_type(ArithmeticOp op, const DataType& left, const DataType& right) {
  if (is_temporal_operand(left) || is_temporal_operand(right)) return temporal_arithmetic_type(op, left, right);
  const auto common = numeric_supertype(left, right);
  if (!common) {
    std::string hint;
    if (left.id() == TypeId::Bool || right.id() == TypeId::Bool) hint = "; cast booleans to an integer type first";
    else if (left.is_string_like() || right.is_string_like()) hint = "; cast strings to a number first";
    throw_unsupported(op, left, right, hint);
  }
  if (op == ArithmeticOp::Divide) return DataType::float64();
  if (common->id() == TypeId::Decimal) return decimal_result_type(op, left, right);
  return *common;
}

Array arithmetic(ArithmeticOp op, const Array& left, const Array& right) {
  const DataType type = arithmetic_result_type(op, left.type(), right.type());
  const int64_t length = internal::broadcast_length(left, right, arithmetic_op_name(op));
  if (is_temporal_operand(left.type()) || is_temporal_operand(right.type()))
    return temporal_arithmetic(op, left, right);
  if (type.id() == TypeId::Null) return make_null_array(type, length);
  // The representation both operands are brought to before the kernel runs.
  DataType operand_type = type;
  if (type.id() == TypeId::Decimal) {
    if (op == ArithmeticOp::Multiply) {
      const auto as_decimal = [](const DataType& t) { return t.is_integer() ? decimal_for_integer(t) : t; };
      const Array l = cast(left, as_decimal(left.type()));
      const Array r = cast(right, as_decimal(right.type()));
      return decimal_kernel<ArithmeticOp::Multiply>(l, r, type, length);
    }
    operand_type = DataType::decimal(38, type.scale());
  }
  const Array l = cast(left, operand_type);
  const Array r = cast(right, operand_type);
  return visit_physical(operand_type, [&](auto tag) -> Array {
    using T = typename decltype(tag)::type;
    if constexpr (is_fixed_width_v<T>) {
      return numeric_kernel<T>(op, l, r, type, length);
    } else {
      throw InternalError("arithmetic on non-numeric type " + type.to_string());
    }
  });
}

DataType negate_result_type(const DataType& input) {
  if (input.is_signed_integer() || input.is_floating() || input.id() == TypeId::Decimal ||
      input.id() == TypeId::Duration || input.id() == TypeId::Null)
    return input;
  std::string hint = input.is_unsigned_integer() ? "; cast to a signed integer type first" : "";
  throw TypeError("cannot negate a value of type " + input.to_string() + hint);
}

Array negate(const Array& input) {
  const DataType type = negate_result_type(input.type());
  if (type.id() == TypeId::Null) return input;
  const int64_t length = input.length();
  return visit_physical(type, [&](auto tag) -> Array {
    using T = typename decltype(tag)::type;
    if constexpr (is_fixed_width_v<T>) {
      const T* x = input.values<T>();
      BufferPtr values = internal::allocate_values<T>(length);
      T* out = values->as<T>();
      if constexpr (std::is_floating_point_v<T>) {
        for (int64_t i = 0; i < length; ++i) out[i] = -x[i];
      } else {
        bool overflow = false;
        for (int64_t i = 0; i < length; ++i) overflow |= __builtin_sub_overflow(T{0}, x[i], &out[i]);
        if (overflow) {
          const int64_t row = internal::first_valid_failure(input.validity_bits(), length, [&](int64_t i) {
            T ignored;
            return __builtin_sub_overflow(T{0}, x[i], &ignored);
          });
          if (row >= 0)
            throw ComputeError("integer overflow in neg at row " + std::to_string(reported_row(row)) + ": -(" +
                               input.value_to_string(row) + ") does not fit " + type.to_string() +
                               "; cast to a wider type first");
        }
      }
      return internal::make_result(type, length, std::move(values), input.data().validity);
    } else {
      throw InternalError("negate on type " + type.to_string());
    }
  });
}

}  // namespace strata::compute
