// Pass simplify_expressions: constant folding, boolean simplification and
// literal typing.
// A subexpression of literals only is evaluated once, here, and replaced by
// its value (typed as the eager engine would type it: a folded literal is
// never a "weak" one); `x and true`, `x or false`, `not not x` lose their
// redundant part; a filter that is always true disappears; a weak literal
// next to a column takes the column's type here, once (see
// resolve_literal_types), not on every batch. Output names are
// kept: a top-level expression whose name would change is aliased back.
#include <algorithm>

#include "plan/passes.hpp"
#include "strata/core/error.hpp"
#include "strata/expr/evaluate.hpp"
#include "strata/expr/expr_node.hpp"

namespace strata::plan {

namespace {

bool is_literal(const Expr& expr) { return expr.node().kind == ExprKind::Literal; }

bool is_bool_literal(const Expr& expr, bool value) {
  const ExprNode& node = expr.node();
  return node.kind == ExprKind::Literal && !node.literal.is_null() && node.literal.type().id() == TypeId::Bool &&
         node.literal.as_bool() == value;
}

// Whether the expression certainly gives bool values (so that dropping a
// `and true` beside it keeps its type and its errors).
bool yields_bool(const Expr& expr) {
  const ExprNode& node = expr.node();
  switch (node.kind) {
    case ExprKind::Literal: return node.literal.type().id() == TypeId::Bool;
    case ExprKind::Binary:
      return node.name == "eq" || node.name == "ne" || node.name == "lt" || node.name == "le" ||
             node.name == "gt" || node.name == "ge" || node.name == "and" || node.name == "or";
    case ExprKind::Function:
      return node.name == "not" || node.name == "is_null" || node.name == "is_not_null" || node.name == "is_in" ||
             node.name == "between" || node.name == "str.contains" || node.name == "str.starts_with" ||
             node.name == "str.ends_with";
    case ExprKind::Alias: return yields_bool(node.inputs[0]);
    case ExprKind::Cast: return node.type.id() == TypeId::Bool;
    default: return false;
  }
}

// The value of an expression of literals, or the expression itself when it
// cannot be evaluated here (an error is left for run time, where the eager
// engine would raise it too).
Expr fold(const Expr& expr) {
  try {
    RecordBatch one_row;
    one_row.num_rows = 1;
    const Array value = evaluate_batch(expr, one_row);
    if (value.length() != 1) return expr;
    return lit(Series("", value).get(0));
  } catch (const Error&) {
    return expr;
  }
}

Expr simplify(const Expr& expr) {
  const ExprNode& node = expr.node();
  if (node.kind == ExprKind::Column || node.kind == ExprKind::Literal) return expr;
  bool changed = false;
  std::vector<Expr> inputs;
  for (const Expr& input : node.inputs) {
    inputs.push_back(simplify(input));
    changed = changed || inputs.back().node_ptr() != input.node_ptr();
  }
  Expr out = expr;
  if (changed) {
    auto copy = std::make_shared<ExprNode>(node);
    copy->inputs = inputs;
    out = Expr(std::move(copy));
  }
  if (node.kind == ExprKind::Aggregate || node.kind == ExprKind::Alias) return out;
  if (node.kind == ExprKind::Binary && (node.name == "and" || node.name == "or")) {
    const bool is_and = node.name == "and";
    for (int side = 0; side < 2; ++side) {
      const Expr& here = inputs[static_cast<size_t>(side)];
      const Expr& other = inputs[static_cast<size_t>(1 - side)];
      if (!yields_bool(other)) continue;
      // x and false = false, x or true = true (Kleene: whatever x is)
      if (is_bool_literal(here, !is_and)) return lit(!is_and);
      // x and true = x, x or false = x
      if (is_bool_literal(here, is_and)) return other;
    }
  }
  if (node.kind == ExprKind::Function && node.name == "not" && inputs[0].node().kind == ExprKind::Function &&
      inputs[0].node().name == "not")
    return inputs[0].node().inputs[0];
  if (!inputs.empty() && std::all_of(inputs.begin(), inputs.end(), is_literal)) return fold(out);
  return out;
}

// Simplified, keeping the output name the expression had.
Expr simplify_named(const Expr& expr) {
  const Expr out = simplify(expr);
  if (out.node_ptr() == expr.node_ptr()) return expr;
  const std::string name = expr.output_name();
  return out.output_name() == name ? out : out.alias(name);
}

std::vector<Expr> simplify_all(const std::vector<Expr>& exprs) {
  std::vector<Expr> out;
  for (const Expr& expr : exprs) out.push_back(simplify_named(expr));
  return out;
}

PlanPtr rewrite(const PlanPtr& plan) {
  std::vector<PlanPtr> inputs;
  for (const PlanPtr& input : plan->inputs) inputs.push_back(rewrite(input));
  PlanNode node = *plan;
  // Literals take the types coercion gives them here, once, instead of on
  // every batch.
  const Schema schema = node.kind == PlanKind::Scan ? node.source->schema()
                        : node.inputs.empty()        ? Schema()
                                                     : node.input().schema;
  const auto typed = [&](const std::vector<Expr>& exprs) {
    std::vector<Expr> out;
    for (const Expr& expr : simplify_all(exprs)) out.push_back(resolve_literal_types(expr, schema));
    return out;
  };
  node.exprs = typed(node.exprs);
  node.keys = typed(node.keys);
  if (node.predicate) {
    node.predicate = resolve_literal_types(simplify(*node.predicate), schema);
    if (node.kind == PlanKind::Filter && is_bool_literal(*node.predicate, true)) return inputs[0];
  }
  return with_inputs(node, std::move(inputs));
}

}  // namespace

PlanPtr simplify_expressions(const PlanPtr& plan) { return rewrite(plan); }

}  // namespace strata::plan
