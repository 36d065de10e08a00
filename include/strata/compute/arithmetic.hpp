#pragma once
// Element-wise arithmetic with the type rules of docs/semantics.md:
// operands convert to their numeric supertype (type_promotion.hpp); `/` is
// true division giving Float64; floor division and `%` follow Python
// (toward negative infinity, sign of the divisor); integer floor division
// or `%` by zero gives null; integer overflow in + - * (and in floor
// division of the minimum by -1) is a ComputeError naming the operation,
// row and operands. Date/time operands follow temporal_functions.hpp.
//
// Operands have equal lengths, or one of them has one row and is repeated
// (a literal or an aggregate). A null operand gives a null result.
#include "strata/core/array.hpp"
#include "strata/core/types.hpp"

namespace strata::compute {

enum class ArithmeticOp { Add, Subtract, Multiply, Divide, Modulo, FloorDivide };

/// "add", "sub", "mul", "div", "mod", "floordiv" (the expression layer's names).
const char* arithmetic_op_name(ArithmeticOp op);
/// "+", "-", "*", "/", "%", "//".
const char* arithmetic_op_symbol(ArithmeticOp op);

/// The result type of `left op right`. Decimal + and - give scale
/// max(s1, s2) and one more integer digit; * gives scale s1 + s2 and
/// precision p1 + p2 (capped at 38); decimal % and // are not supported
/// (cast to f64). Throws TypeError naming the operation and both types.
DataType arithmetic_result_type(ArithmeticOp op, const DataType& left, const DataType& right);

/// Computes `left op right` element-wise.
Array arithmetic(ArithmeticOp op, const Array& left, const Array& right);

/// The result type of unary minus: signed integers, floats, decimals and
/// durations keep their type; anything else is a TypeError.
DataType negate_result_type(const DataType& input);

/// Unary minus; negating the minimum of a signed integer type is a
/// ComputeError.
Array negate(const Array& input);

}  // namespace strata::compute
