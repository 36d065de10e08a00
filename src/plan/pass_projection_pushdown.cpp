// Pass projection_pushdown: each node is told which of its output columns
// are used above it, computes only those where it can (unused with_columns
// and select expressions and aggregations are dropped) and asks its inputs
// only for what it reads, down to the scans, which read nothing else.
#include <algorithm>

#include "plan/passes.hpp"
#include "strata/core/error.hpp"
#include "strata/expr/evaluate.hpp"
#include "strata/expr/expr_node.hpp"

namespace strata::plan {

namespace {

using Names = std::vector<std::string>;
// The columns used above a node; nullopt = all of them.
using Required = std::optional<Names>;

PlanPtr prune(const PlanPtr& plan, const Required& required);

void add(Names& names, const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

void add_refs(Names& names, const std::vector<Expr>& exprs) {
  for (const Expr& expr : exprs) collect_referenced_columns(expr, names);
}

bool wanted(const Required& required, const std::string& name) {
  return !required || std::find(required->begin(), required->end(), name) != required->end();
}

bool any_aggregation(const std::vector<Expr>& exprs) {
  return std::any_of(exprs.begin(), exprs.end(), [](const Expr& e) { return contains_aggregation(e); });
}

// The required columns that exist in `schema`, plus `extra`.
Required narrowed(const Required& required, const Schema& schema, const Names& extra) {
  if (!required) return std::nullopt;
  Names out;
  for (const std::string& name : *required)
    if (schema.index_of(name)) add(out, name);
  for (const std::string& name : extra) add(out, name);
  return out;
}

// `plan` reduced to exactly `names` (in this order) when it has others.
PlanPtr exactly(PlanPtr plan, const Names& names) {
  if (plan->schema.names() == names) return plan;
  std::vector<Expr> columns;
  for (const std::string& name : names) columns.push_back(col(name));
  return make_select(std::move(plan), std::move(columns));
}

PlanPtr prune_join(const PlanNode& node, const Required& required) {
  using compute::JoinType;
  const Schema& left = node.input(0).schema;
  const Schema& right = node.input(1).schema;
  if (!required) return with_inputs(node, {prune(node.inputs[0], std::nullopt), prune(node.inputs[1], std::nullopt)});
  Names left_need = node.left_on, right_need = node.right_on;
  const bool semi = node.join.how == JoinType::Semi || node.join.how == JoinType::Anti;
  for (const std::string& name : *required)
    if (left.index_of(name)) add(left_need, name);
  if (!semi) {
    // Right columns keep the names the eager join gives them; a left column
    // that made one of them take the suffix is kept so that it still does.
    Names taken = left.names();
    for (const Field& field : right.fields()) {
      if (node.join.how != JoinType::Cross &&
          std::find(node.right_on.begin(), node.right_on.end(), field.name) != node.right_on.end())
        continue;
      const bool clash = std::find(taken.begin(), taken.end(), field.name) != taken.end();
      const std::string name = clash ? field.name + node.join.suffix : field.name;
      taken.push_back(name);
      if (!wanted(required, name)) continue;
      add(right_need, field.name);
      if (clash && left.index_of(field.name)) add(left_need, field.name);
    }
  }
  return with_inputs(node, {prune(node.inputs[0], left_need), prune(node.inputs[1], right_need)});
}

PlanPtr prune(const PlanPtr& plan, const Required& required) {
  const PlanNode& node = *plan;
  PlanNode out = node;
  const Schema& in_schema = node.inputs.empty() ? node.schema : node.input().schema;
  Required need;  // what the (single) input must give
  switch (node.kind) {
    case PlanKind::Scan: {
      if (!required) return plan;
      Names columns;
      const Schema all = node.source->schema();
      for (const Field& field : all.fields())
        if (wanted(required, field.name) && (!node.projection || std::find(node.projection->begin(), node.projection->end(), field.name) != node.projection->end()))
          columns.push_back(field.name);
      // Rows without columns still count: keep the first column.
      if (columns.empty() && all.size() > 0) columns.push_back(all.field(0).name);
      return make_scan(node.source, columns, node.predicate, node.limit);
    }
    case PlanKind::Select: {
      if (required && !any_aggregation(node.exprs)) {
        std::vector<Expr> kept;
        for (const Expr& expr : node.exprs)
          if (wanted(required, expr.output_name())) kept.push_back(expr);
        if (kept.empty() && !node.exprs.empty()) kept.push_back(node.exprs[0]);
        // Keep a column-reading expression so the row count stays per row.
        if (is_streaming(node) && std::all_of(kept.begin(), kept.end(), [](const Expr& e) { return is_scalar_result(e); }))
          for (const Expr& expr : node.exprs)
            if (!is_scalar_result(expr)) {
              kept.push_back(expr);
              break;
            }
        out.exprs = kept;
      }
      need = Names{};
      add_refs(*need, out.exprs);
      break;
    }
    case PlanKind::WithColumns: {
      if (!required) {
        need = std::nullopt;
        break;
      }
      if (!any_aggregation(node.exprs)) {
        std::vector<Expr> kept;
        for (const Expr& expr : node.exprs)
          if (wanted(required, expr.output_name())) kept.push_back(expr);
        out.exprs = kept;
      }
      Names produced;
      for (const Expr& expr : out.exprs) add(produced, expr.output_name());
      need = Names{};
      // Required input columns, including those an expression replaces (so
      // they keep their position).
      for (const std::string& name : *required)
        if (in_schema.index_of(name)) add(*need, name);
      add_refs(*need, out.exprs);
      break;
    }
    case PlanKind::Filter: {
      Names extra;
      collect_referenced_columns(*node.predicate, extra);
      need = narrowed(required, in_schema, extra);
      break;
    }
    case PlanKind::Sort:
    case PlanKind::TopK: {
      Names extra;
      add_refs(extra, node.exprs);
      need = narrowed(required, in_schema, extra);
      break;
    }
    case PlanKind::Slice:
    case PlanKind::FillNull:
      need = narrowed(required, in_schema, {});
      if (need && !node.exprs.empty()) add_refs(*need, node.exprs);
      break;
    case PlanKind::WithRowIndex:
      need = narrowed(required, in_schema, {});
      break;
    case PlanKind::Unique:
    case PlanKind::DropNulls:
      // Without a subset every column decides.
      need = node.names.empty() ? std::nullopt : narrowed(required, in_schema, node.names);
      break;
    case PlanKind::Explode:
    case PlanKind::Unnest:
      need = narrowed(required, in_schema, {node.names[0]});
      break;
    case PlanKind::Aggregate: {
      if (required) {
        std::vector<Expr> kept;
        for (const Expr& expr : node.exprs)
          if (wanted(required, expr.output_name())) kept.push_back(expr);
        out.exprs = kept;
      }
      need = Names{};
      add_refs(*need, out.keys);
      add_refs(*need, out.exprs);
      break;
    }
    case PlanKind::GroupHead:
    case PlanKind::GroupTopK: {
      Names extra;
      add_refs(extra, node.keys);
      if (node.kind == PlanKind::GroupTopK) add(extra, node.names[0]);
      need = narrowed(required, in_schema, extra);
      break;
    }
    case PlanKind::Join: return prune_join(node, required);
    case PlanKind::Cache:  // every user reads the same columns
      need = std::nullopt;
      break;
    case PlanKind::Concat: {
      const Required each = narrowed(required, node.schema, {});
      std::vector<PlanPtr> inputs;
      for (const PlanPtr& input : node.inputs) {
        PlanPtr pruned = prune(input, each);
        // Every input must end with the same columns in the same order.
        Names names;
        for (const Field& field : node.schema.fields())
          if (wanted(each, field.name)) names.push_back(field.name);
        inputs.push_back(exactly(std::move(pruned), names));
      }
      return with_inputs(node, std::move(inputs));
    }
  }
  return with_inputs(out, {prune(node.inputs[0], need)});
}

}  // namespace

PlanPtr push_down_projections(const PlanPtr& plan) {
  // The query returns what it returned: same columns, same order.
  return exactly(prune(plan, std::nullopt), plan->schema.names());
}

}  // namespace strata::plan
