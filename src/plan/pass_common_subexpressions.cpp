// Pass common_subexpressions: a computation that appears more than once in
// one projection or aggregation (TPC-H q1's price * (1 - discount) in two
// sums) is computed once. The largest repeated element-wise subexpressions
// of a select, with_columns or group-by's aggregations are hoisted into a
// with_columns below the node, as hidden columns, and read from there; the
// node's output keeps its names, and hidden columns never leave it.
#include <map>

#include "plan/passes.hpp"
#include "strata/expr/evaluate.hpp"
#include "strata/expr/expr_node.hpp"

namespace strata::plan {

namespace {

// Worth computing once: a computation over columns, without aggregations.
bool eligible(const Expr& expr) {
  const ExprKind kind = expr.node().kind;
  if (kind != ExprKind::Binary && kind != ExprKind::Function && kind != ExprKind::Cast && kind != ExprKind::When)
    return false;
  return !contains_aggregation(expr) && !referenced_columns(expr).empty();
}

void count(const Expr& expr, std::map<std::string, int>& counts) {
  if (eligible(expr)) ++counts[expr.to_string()];
  for (const Expr& input : expr.node().inputs) count(input, counts);
}

// The largest repeated subexpressions, outermost first, in order of appearance.
void choose(const Expr& expr, const std::map<std::string, int>& counts, std::vector<Expr>& chosen,
            std::map<std::string, std::string>& names) {
  if (eligible(expr)) {
    const std::string key = expr.to_string();
    if (counts.at(key) >= 2) {
      if (!names.count(key)) {
        names[key] = "";
        chosen.push_back(expr);
      }
      return;
    }
  }
  for (const Expr& input : expr.node().inputs) choose(input, counts, chosen, names);
}

Expr replace(const Expr& expr, const std::map<std::string, std::string>& names) {
  return transform_expr(expr, [&](const Expr& e) -> std::optional<Expr> {
    if (!eligible(e)) return std::nullopt;
    auto found = names.find(e.to_string());
    if (found == names.end()) return std::nullopt;
    return col(found->second);
  });
}

// `node`'s expressions reading the repeated parts from hidden columns of a
// with_columns below it; nullptr when nothing repeats.
PlanPtr hoist(const PlanNode& node, PlanPtr input) {
  std::map<std::string, int> counts;
  for (const Expr& expr : node.exprs) count(expr, counts);
  std::vector<Expr> chosen;
  std::map<std::string, std::string> names;
  for (const Expr& expr : node.exprs) choose(expr, counts, chosen, names);
  if (chosen.empty()) return nullptr;
  std::vector<Expr> hidden;
  int next = 0;
  for (const Expr& expr : chosen) {
    std::string name;
    do name = "__cse_" + std::to_string(next++);
    while (input->schema.index_of(name) || node.schema.index_of(name));
    names[expr.to_string()] = name;
    hidden.push_back(expr.alias(name));
  }
  PlanNode out = node;
  out.exprs.clear();
  for (const Expr& expr : node.exprs) {
    const Expr rewritten = replace(expr, names);
    out.exprs.push_back(rewritten.output_name() == expr.output_name() ? rewritten
                                                                     : rewritten.alias(expr.output_name()));
  }
  PlanPtr rebuilt = with_inputs(out, {make_with_columns(std::move(input), std::move(hidden))});
  if (node.kind != PlanKind::WithColumns) return rebuilt;
  // with_columns passes its input's columns on: leave the hidden ones out.
  std::vector<Expr> visible;
  for (const std::string& name : node.schema.names()) visible.push_back(col(name));
  return make_select(std::move(rebuilt), std::move(visible));
}

PlanPtr rewrite(const PlanPtr& plan) {
  std::vector<PlanPtr> inputs;
  for (const PlanPtr& input : plan->inputs) inputs.push_back(rewrite(input));
  const PlanKind kind = plan->kind;
  if (kind == PlanKind::Select || kind == PlanKind::WithColumns || kind == PlanKind::Aggregate) {
    if (PlanPtr hoisted = hoist(*plan, inputs[0])) return hoisted;
  }
  return with_inputs(*plan, std::move(inputs));
}

}  // namespace

PlanPtr eliminate_common_subexpressions(const PlanPtr& plan) { return rewrite(plan); }

}  // namespace strata::plan
