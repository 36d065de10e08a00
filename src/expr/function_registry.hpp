#pragma once
// The Function nodes of expressions (names and parameters listed in
// strata/expr/expr_functions.hpp): for each, how its result type follows
// from its inputs' types and how it is computed from their values. Type
// resolution and evaluation both look functions up here.
#include <string>
#include <vector>

#include "strata/core/array.hpp"
#include "strata/expr/expr_node.hpp"

namespace strata::expr_internal {

struct FunctionDefinition {
  /// The result type for inputs of the given types; throws TypeError
  /// describing the offending operand as "a value of type T".
  DataType (*result_type)(const ExprNode& node, const std::vector<DataType>& inputs);
  /// The values for evaluated inputs (columns of one batch, or single rows).
  Array (*evaluate)(const ExprNode& node, const std::vector<Array>& inputs);
};

/// The definition of function `name`; InternalError when there is none
/// (Function nodes are only built by expr.cpp).
const FunctionDefinition& function_definition(const std::string& name);

}  // namespace strata::expr_internal
