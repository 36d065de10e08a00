// Resolving weakly typed literals once, against a schema: what operand
// coercion would otherwise do again on every batch evaluated.
#include "expr/operand_coercion.hpp"
#include "strata/compute/cast.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/expr/evaluate.hpp"
#include "strata/expr/expr_node.hpp"

namespace strata {

namespace {

using expr_internal::coerced_type;
using expr_internal::is_weak_literal;

// The literal `node` as a typed (not weak) literal of `type`.
Expr typed_literal(const ExprNode& node, const DataType& type) {
  const Array converted = compute::cast(make_array_from_scalar(node.literal, 1), type);
  return lit(array_value(converted, 0));
}

// Input `literal` (weak) next to input `other`: its coerced form, when
// coercion changes its type.
std::optional<Expr> resolved(const std::vector<Expr>& inputs, size_t literal, size_t other, const Schema& schema) {
  const ExprNode& node = inputs[literal].node();
  if (!is_weak_literal(node) || is_weak_literal(inputs[other].node())) return std::nullopt;
  const DataType other_type = resolve_type(inputs[other], schema);
  const DataType type = coerced_type(node, node.literal.type(), other_type);
  if (type == node.literal.type()) return std::nullopt;
  return typed_literal(node, type);
}

// The pairs of inputs that evaluation coerces against each other.
std::vector<std::pair<size_t, size_t>> coerced_pairs(const ExprNode& node) {
  if (node.kind == ExprKind::Binary) return {{0, 1}};
  if (node.kind != ExprKind::Function) return {};
  if (node.name == "fill_null" || node.name == "pow") return {{0, 1}};
  if (node.name == "between") return {{0, 1}, {0, 2}};
  return {};
}

}  // namespace

Expr resolve_literal_types(const Expr& expr, const Schema& schema) {
  const ExprNode& node = expr.node();
  bool changed = false;
  std::vector<Expr> inputs;
  for (const Expr& input : node.inputs) {
    inputs.push_back(resolve_literal_types(input, schema));
    changed = changed || inputs.back().node_ptr() != input.node_ptr();
  }
  for (const auto& [a, b] : coerced_pairs(node)) {
    if (b >= inputs.size()) continue;
    if (auto typed = resolved(inputs, a, b, schema)) {
      inputs[a] = *typed;
      changed = true;
    } else if (auto typed_other = resolved(inputs, b, a, schema)) {
      inputs[b] = *typed_other;
      changed = true;
    }
  }
  if (!changed) return expr;
  auto copy = std::make_shared<ExprNode>(node);
  copy->inputs = std::move(inputs);
  return Expr(std::move(copy));
}

}  // namespace strata
