// The optimizer driver and the expression helpers its passes share.
#include "strata/plan/optimizer.hpp"

#include <algorithm>

#include "plan/passes.hpp"
#include "strata/core/error.hpp"
#include "strata/expr/expr_node.hpp"

namespace strata::plan {

OptimizerOptions OptimizerOptions::none() {
  OptimizerOptions options;
  options.simplify_expressions = options.predicate_pushdown = false;
  options.projection_pushdown = options.slice_pushdown = options.common_subexpressions = false;
  options.common_subplans = false;
  return options;
}

std::vector<std::string> OptimizerOptions::pass_names() {
  return {"simplify_expressions", "predicate_pushdown", "projection_pushdown", "slice_pushdown",
          "common_subexpressions", "common_subplans"};
}

OptimizerOptions OptimizerOptions::without(const std::string& pass) const {
  OptimizerOptions options = *this;
  if (pass == "simplify_expressions") options.simplify_expressions = false;
  else if (pass == "predicate_pushdown") options.predicate_pushdown = false;
  else if (pass == "projection_pushdown") options.projection_pushdown = false;
  else if (pass == "slice_pushdown") options.slice_pushdown = false;
  else if (pass == "common_subexpressions") options.common_subexpressions = false;
  else if (pass == "common_subplans") options.common_subplans = false;
  else {
    std::string names;
    for (const std::string& name : pass_names()) names += (names.empty() ? "" : ", ") + name;
    throw InvalidInputError("unknown optimizer pass '" + pass + "'; the passes are " + names);
  }
  return options;
}

PlanPtr optimize(const PlanPtr& plan, const OptimizerOptions& options) {
  PlanPtr out = plan;
  if (options.simplify_expressions) out = simplify_expressions(out);
  if (options.predicate_pushdown) out = push_down_predicates(out);
  if (options.projection_pushdown) out = push_down_projections(out);
  if (options.slice_pushdown) out = push_down_slices(out);
  if (options.common_subexpressions) out = eliminate_common_subexpressions(out);
  if (options.common_subplans) out = share_common_subplans(out);
  // Passes never change what the query returns: the same columns in the
  // same order with the same types.
  STRATA_CHECK(out->schema == plan->schema, "the optimizer changed the query's schema from " +
                                                plan->schema.to_string() + " to " + out->schema.to_string());
  return out;
}

Expr rename_columns(const Expr& expr, const std::map<std::string, std::string>& names) {
  return transform_expr(expr, [&](const Expr& e) -> std::optional<Expr> {
    if (e.node().kind != ExprKind::Column) return std::nullopt;
    auto found = names.find(e.node().name);
    if (found == names.end() || found->second == e.node().name) return e;
    return col(found->second);
  });
}

void split_conjuncts(const Expr& predicate, std::vector<Expr>& out) {
  const ExprNode& node = predicate.node();
  if (node.kind == ExprKind::Binary && node.name == "and") {
    split_conjuncts(node.inputs[0], out);
    split_conjuncts(node.inputs[1], out);
    return;
  }
  out.push_back(predicate);
}

Expr conjoin(const std::vector<Expr>& parts) {
  STRATA_CHECK(!parts.empty(), "a conjunction needs at least one part");
  Expr out = parts[0];
  for (size_t i = 1; i < parts.size(); ++i) out = out && parts[i];
  return out;
}

bool all_in(const std::vector<std::string>& names, const std::vector<std::string>& set) {
  return std::all_of(names.begin(), names.end(),
                     [&](const std::string& name) { return std::find(set.begin(), set.end(), name) != set.end(); });
}

}  // namespace strata::plan
