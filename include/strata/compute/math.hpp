#pragma once
// Element-wise math functions. Nulls stay null; floating-point edge cases
// follow IEEE (sqrt(-1) = NaN, log(0) = -inf).
//
// Result types: abs, round, floor and ceil keep the input type (integers,
// floats, decimals; abs also durations); sqrt, log and exp give Float32 for
// Float32 input and Float64 otherwise; pow gives Float32 when both operands
// fit Float32 (type_promotion.hpp), else Float64.
#include "strata/core/array.hpp"
#include "strata/core/types.hpp"

namespace strata::compute {

enum class MathFunction { Abs, Floor, Ceil, Sqrt, Log, Exp };

/// "abs", "floor", "ceil", "sqrt", "log", "exp".
const char* math_function_name(MathFunction function);

/// The result type of `function` over `input`; TypeError for non-numeric
/// input (abs also accepts durations).
DataType math_result_type(MathFunction function, const DataType& input);
/// Applies `function`; abs of a signed integer's minimum is a ComputeError.
Array apply_math(MathFunction function, const Array& input);

/// The input type for numbers; TypeError otherwise.
DataType round_result_type(const DataType& input);
/// Rounds half away from zero to `decimals` digits after the point
/// (negative: to tens, hundreds, ...). Integers with decimals >= 0 are
/// unchanged; a decimal rounded past its precision is a ComputeError.
Array round(const Array& input, int decimals);

/// Float32 when both operands fit Float32, else Float64; TypeError for
/// non-numeric operands.
DataType pow_result_type(const DataType& base, const DataType& exponent);
/// base ^ exponent element-wise (one-row operands are repeated).
Array power(const Array& base, const Array& exponent);

}  // namespace strata::compute
