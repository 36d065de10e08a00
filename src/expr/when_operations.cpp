#include "expr/when_operations.hpp"

#include "expr/operand_coercion.hpp"
#include "strata/compute/cast.hpp"
#include "strata/compute/conditional.hpp"
#include "strata/compute/type_promotion.hpp"
#include "strata/core/error.hpp"

namespace strata::expr_internal {

namespace {

bool is_value_index(size_t i, size_t count) { return i % 2 == 1 || i + 1 == count; }

}  // namespace

DataType when_result_type(const ExprNode& node, const std::vector<DataType>& inputs) {
  std::vector<const ExprNode*> value_nodes;
  std::vector<DataType> value_types;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (is_value_index(i, inputs.size())) {
      value_nodes.push_back(&node.inputs[i].node());
      value_types.push_back(inputs[i]);
    } else if (inputs[i].id() != TypeId::Bool && inputs[i].id() != TypeId::Null) {
      throw TypeError("the condition " + node.inputs[i].to_string() + " of when/then has type " +
                      inputs[i].to_string() + "; conditions must be bool");
    }
  }
  const std::vector<DataType> coerced = coerce_group(value_nodes, value_types);
  DataType result = coerced[0];
  for (size_t i = 1; i < coerced.size(); ++i) {
    const auto common = compute::common_supertype(result, coerced[i]);
    if (!common)
      throw TypeError("when/then values have incompatible types " + result.to_string() + " and " +
                      coerced[i].to_string() + "; cast them to one type");
    result = *common;
  }
  return result;
}

Array evaluate_when(const ExprNode& node, const std::vector<Array>& inputs) {
  std::vector<DataType> types;
  for (const Array& input : inputs) types.push_back(input.type());
  const DataType type = when_result_type(node, types);
  // From the last branch to the first, so that the first match wins.
  Array result = compute::cast(inputs.back(), type);
  for (size_t i = inputs.size() - 1; i >= 2; i -= 2) {
    const Array& condition = inputs[i - 2];
    result = compute::if_else(condition, compute::cast(inputs[i - 1], type), result);
  }
  return compute::cast(result, type);
}

}  // namespace strata::expr_internal
