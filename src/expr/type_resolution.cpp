// resolve_type and is_scalar_result.
#include "expr/binary_operations.hpp"
#include "expr/function_registry.hpp"
#include "expr/when_operations.hpp"
#include "strata/compute/aggregate.hpp"
#include "strata/compute/cast.hpp"
#include "strata/core/error.hpp"
#include "strata/expr/evaluate.hpp"
#include "strata/expr/expr_node.hpp"

namespace strata {

namespace {

// How messages name an operand: "column 'x'" or "expression (col("x") + 1)".
std::string describe(const Expr& operand) {
  const ExprNode& node = operand.node();
  if (node.kind == ExprKind::Column) return "column '" + node.name + "'";
  return "expression " + operand.to_string();
}

// Kernel type errors describe their operand as "a value of type T"; here we
// know which expression that value comes from.
[[noreturn]] void throw_in_context(const TypeError& error, const Expr& expr) {
  std::string message = error.what();
  const ExprNode& node = expr.node();
  const std::string placeholder = "a value of type";
  const auto at = message.find(placeholder);
  if (at != std::string::npos && !node.inputs.empty()) {
    message.replace(at, placeholder.size(), describe(node.inputs[0]) + " of type");
  } else {
    message += " (in " + expr.to_string() + ")";
  }
  throw TypeError(message);
}

std::vector<DataType> input_types(const ExprNode& node, const Schema& schema) {
  std::vector<DataType> types;
  types.reserve(node.inputs.size());
  for (const Expr& input : node.inputs) types.push_back(resolve_type(input, schema));
  return types;
}

DataType resolve_locally(const Expr& expr, const std::vector<DataType>& inputs) {
  const ExprNode& node = expr.node();
  switch (node.kind) {
    case ExprKind::Alias: return inputs[0];
    case ExprKind::Cast:
      if (!compute::can_cast(inputs[0], node.type))
        throw TypeError("cannot cast " + describe(node.inputs[0]) + " of type " + inputs[0].to_string() + " to " +
                        node.type.to_string() + "; this conversion is not supported");
      return node.type;
    case ExprKind::Binary: return expr_internal::binary_result_type(node, inputs[0], inputs[1]);
    case ExprKind::Function: return expr_internal::function_definition(node.name).result_type(node, inputs);
    case ExprKind::Aggregate:
      if (compute::is_pair_aggregate(node.agg))
        return compute::aggregate_type(node.agg, compute::pair_type(inputs[0], inputs[1]), node.agg_options);
      return compute::aggregate_type(node.agg, inputs[0], node.agg_options);
    case ExprKind::When: return expr_internal::when_result_type(node, inputs);
    default: throw InternalError("unexpected expression kind in type resolution");
  }
}

}  // namespace

DataType resolve_type(const Expr& expr, const Schema& schema) {
  const ExprNode& node = expr.node();
  if (node.kind == ExprKind::Column) {
    const auto index = schema.index_of(node.name);
    if (!index) throw_column_not_found(node.name, schema.names());
    return schema.field(*index).type;
  }
  if (node.kind == ExprKind::Literal) return node.literal.type();
  const std::vector<DataType> inputs = input_types(node, schema);
  try {
    return resolve_locally(expr, inputs);
  } catch (const TypeError& error) {
    throw_in_context(error, expr);
  }
}

bool is_scalar_result(const Expr& expr) {
  const ExprNode& node = expr.node();
  switch (node.kind) {
    case ExprKind::Column: return false;
    case ExprKind::Literal:
    case ExprKind::Aggregate: return true;
    default:
      for (const Expr& input : node.inputs)
        if (!is_scalar_result(input)) return false;
      return true;
  }
}

}  // namespace strata
