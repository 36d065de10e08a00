#pragma once
// when/then/otherwise nodes (inputs: cond0, value0, cond1, value1, ...,
// otherwise): the first branch whose condition is true wins; a null
// condition does not match. The result type is the common type of all
// values (weak literals yield to the others).
#include <vector>

#include "strata/core/array.hpp"
#include "strata/expr/expr_node.hpp"

namespace strata::expr_internal {

/// The result type for inputs of the given types; TypeError when a
/// condition is not bool or the values have no common type.
DataType when_result_type(const ExprNode& node, const std::vector<DataType>& inputs);

/// Evaluates over evaluated inputs.
Array evaluate_when(const ExprNode& node, const std::vector<Array>& inputs);

}  // namespace strata::expr_internal
