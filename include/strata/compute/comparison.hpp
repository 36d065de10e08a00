#pragma once
// Element-wise comparisons giving Bool arrays. Operands convert to their
// common type first (type_promotion.hpp): numbers of any width, decimals,
// strings with categoricals (compared as strings), bools (false < true),
// dates with timestamps, times, durations. A null operand gives null.
//
// Floats compare in a total order consistent with sorting: NaN equals NaN
// and is greater than every number (docs/semantics.md).
//
// Operands have equal lengths, or one of them has one row and is repeated.
#include "strata/core/array.hpp"
#include "strata/core/types.hpp"

namespace strata::compute {

enum class CompareOp { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual };

/// "eq", "ne", "lt", "le", "gt", "ge" (the expression layer's names).
const char* compare_op_name(CompareOp op);
/// "==", "!=", "<", "<=", ">", ">=".
const char* compare_op_symbol(CompareOp op);
/// The operation with its operands swapped (a < b is b > a).
CompareOp flip_compare_op(CompareOp op);

/// The type both operands are compared in; TypeError naming both types
/// when they cannot be compared.
DataType comparison_operand_type(const DataType& left, const DataType& right);

/// `left op right` per row, as Bool.
Array compare(CompareOp op, const Array& left, const Array& right);

}  // namespace strata::compute
