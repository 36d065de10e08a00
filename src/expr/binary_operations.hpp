#pragma once
// Binary expression nodes ("add", ..., "eq", ..., "and", "or"): their result
// types and their evaluation, sharing one set of coercion rules.
#include "strata/core/array.hpp"
#include "strata/expr/expr_node.hpp"

namespace strata::expr_internal {

/// The result type of a Binary node whose operands have the given types.
/// Throws TypeError (without expression context; the caller adds it).
DataType binary_result_type(const ExprNode& node, const DataType& left, const DataType& right);

/// Evaluates a Binary node over its evaluated operands.
Array evaluate_binary(const ExprNode& node, const Array& left, const Array& right);

}  // namespace strata::expr_internal
