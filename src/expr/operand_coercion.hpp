#pragma once
// Weakly typed literals (docs/semantics.md "integer literal next to a
// column"): lit(1) next to an i32 column is an i32, lit(2.5) next to an f32
// column is an f32. Type resolution and evaluation both go through these
// functions, so they always agree.
#include <utility>
#include <vector>

#include "strata/core/array.hpp"
#include "strata/expr/expr_node.hpp"

namespace strata::expr_internal {

/// True for a non-null literal built from a plain C++ number.
bool is_weak_literal(const ExprNode& node);

/// The type `node` takes next to an operand of type `other`: a weak
/// literal's value converted to `other` when it fits exactly (integers into
/// integer, float or decimal types; floats into float types); otherwise
/// `own_type` unchanged.
DataType coerced_type(const ExprNode& node, const DataType& own_type, const DataType& other);

/// The types of two operands of one operation after coercion (only a weak
/// literal next to a non-weak operand changes).
std::pair<DataType, DataType> coerce_pair(const ExprNode& left, const DataType& left_type, const ExprNode& right,
                                          const DataType& right_type);

/// The arrays of two operands converted to the types coerce_pair gives.
std::pair<Array, Array> coerce_pair(const ExprNode& left, const Array& left_values, const ExprNode& right,
                                    const Array& right_values);

/// For operands that are combined into one column (when/then values): the
/// type each operand takes; weak literals yield to the common type of the
/// others.
std::vector<DataType> coerce_group(const std::vector<const ExprNode*>& nodes, const std::vector<DataType>& types);

}  // namespace strata::expr_internal
