// Pass predicate_pushdown: a filter's and-ed parts move down the plan as far
// as each can go while it still sees the same rows and values: through
// projections and renames (columns renamed back), sorts, drop_nulls,
// unions (to every input), group-bys and per-group heads (parts on the keys
// only, which keep or drop whole groups), unique (parts on its subset),
// explode/unnest (parts not on the changed column) and joins (to the side
// a part refers to: both sides of inner and cross joins, the left side of
// left, semi and anti joins), into scans. A part that cannot go further is
// applied where it stops. Parts with aggregations (which depend on every
// row) never move.
#include <algorithm>

#include "plan/passes.hpp"
#include "strata/expr/evaluate.hpp"
#include "strata/expr/expr_node.hpp"

namespace strata::plan {

namespace {

PlanPtr push(const PlanPtr& plan, std::vector<Expr> parts);

// `plan` with the parts applied on top of it, as one filter.
PlanPtr apply_here(PlanPtr plan, const std::vector<Expr>& parts) {
  if (parts.empty()) return plan;
  return make_filter(std::move(plan), conjoin(parts));
}

// Each input rebuilt with nothing pushed into it; `parts` stay above.
PlanPtr stop_here(const PlanPtr& plan, const std::vector<Expr>& parts) {
  std::vector<PlanPtr> inputs;
  for (const PlanPtr& input : plan->inputs) inputs.push_back(push(input, {}));
  return apply_here(with_inputs(*plan, std::move(inputs)), parts);
}

// The input column each output column passes through unchanged, for
// select and with_columns (a bare column, or a column under an alias).
std::map<std::string, std::string> pass_through_columns(const PlanNode& node) {
  std::map<std::string, std::string> out;
  if (node.kind == PlanKind::WithColumns)
    for (const Field& field : node.input().schema.fields()) out[field.name] = field.name;
  for (const Expr& expr : node.exprs) {
    const ExprNode* inner = &expr.node();
    if (inner->kind == ExprKind::Alias) inner = &inner->inputs[0].node();
    if (inner->kind == ExprKind::Column) out[expr.output_name()] = inner->name;
    else out.erase(expr.output_name());
  }
  return out;
}

// Parts that can move below a node whose output columns map to input
// columns as `columns` says: renamed to the input's names.
void split_by_mapping(const std::vector<Expr>& parts, const std::map<std::string, std::string>& columns,
                      std::vector<Expr>& below, std::vector<Expr>& above) {
  for (const Expr& part : parts) {
    bool movable = !contains_aggregation(part);
    for (const std::string& name : referenced_columns(part)) movable = movable && columns.count(name) > 0;
    (movable ? below : above).push_back(movable ? rename_columns(part, columns) : part);
  }
}

std::vector<std::string> plain_key_names(const std::vector<Expr>& keys) {
  std::vector<std::string> out;
  for (const Expr& key : keys)
    if (key.node().kind == ExprKind::Column) out.push_back(key.node().name);
  return out;
}

PlanPtr push_through_join(const PlanPtr& plan, const std::vector<Expr>& parts) {
  using compute::JoinType;
  const PlanNode& node = *plan;
  const JoinType how = node.join.how;
  const Schema& left = node.input(0).schema;
  const Schema& right = node.input(1).schema;
  // Output names of the right side's columns (as the eager join names them).
  std::map<std::string, std::string> right_columns;
  std::vector<std::string> taken = left.names();
  for (const Field& field : right.fields()) {
    if (how != JoinType::Cross && std::find(node.right_on.begin(), node.right_on.end(), field.name) != node.right_on.end())
      continue;
    const bool clash = std::find(taken.begin(), taken.end(), field.name) != taken.end();
    const std::string name = clash ? field.name + node.join.suffix : field.name;
    taken.push_back(name);
    right_columns[name] = field.name;
  }
  // Key columns keep their values on both sides when their types agree.
  std::map<std::string, std::string> key_to_right;
  for (size_t k = 0; k < node.left_on.size(); ++k) {
    const Field& l = left.field(left.require_index(node.left_on[k]));
    const Field& r = right.field(right.require_index(node.right_on[k]));
    if (l.type == r.type) key_to_right[node.left_on[k]] = node.right_on[k];
  }
  const bool to_left = how == JoinType::Inner || how == JoinType::Cross || how == JoinType::Left ||
                       how == JoinType::Semi || how == JoinType::Anti;
  const bool to_right = how == JoinType::Inner || how == JoinType::Cross;
  std::vector<Expr> left_parts, right_parts, above;
  const std::vector<std::string> left_names = left.names();
  for (const Expr& part : parts) {
    const std::vector<std::string> names = referenced_columns(part);
    if (contains_aggregation(part)) {
      above.push_back(part);
      continue;
    }
    bool on_left = all_in(names, left_names);
    // A key column whose type the join widened holds other values below.
    for (const std::string& name : names)
      on_left = on_left && left.field(left.require_index(name)).type == node.schema.field(node.schema.require_index(name)).type;
    // For left/semi/anti joins every output column is a left one, except
    // the right side's columns of a left join.
    if (how != JoinType::Semi && how != JoinType::Anti) {
      for (const std::string& name : names) on_left = on_left && !right_columns.count(name);
    }
    bool keys_only = to_right && !names.empty();
    for (const std::string& name : names) keys_only = keys_only && key_to_right.count(name) > 0;
    bool on_right = to_right && !names.empty();
    for (const std::string& name : names) on_right = on_right && right_columns.count(name) > 0;
    if (keys_only) {
      left_parts.push_back(part);
      right_parts.push_back(rename_columns(part, key_to_right));
    } else if (on_left && to_left) {
      left_parts.push_back(part);
    } else if (on_right) {
      right_parts.push_back(rename_columns(part, right_columns));
    } else {
      above.push_back(part);
    }
  }
  return apply_here(with_inputs(node, {push(node.inputs[0], left_parts), push(node.inputs[1], right_parts)}), above);
}

PlanPtr push(const PlanPtr& plan, std::vector<Expr> parts) {
  const PlanNode& node = *plan;
  std::vector<Expr> below, above;
  switch (node.kind) {
    case PlanKind::Filter: {
      if (contains_aggregation(*node.predicate)) return stop_here(plan, parts);
      split_conjuncts(*node.predicate, parts);
      return push(node.inputs[0], std::move(parts));
    }
    case PlanKind::Scan: {
      if (parts.empty()) return plan;
      std::vector<Expr> all;
      if (node.predicate) split_conjuncts(*node.predicate, all);
      for (const Expr& part : parts) {
        if (contains_aggregation(part)) above.push_back(part);
        else all.push_back(part);
      }
      if (all.empty()) return apply_here(plan, above);
      return apply_here(make_scan(node.source, node.projection, conjoin(all), node.limit), above);
    }
    case PlanKind::Select:
    case PlanKind::WithColumns: {
      if (!is_streaming(node)) return stop_here(plan, parts);
      split_by_mapping(parts, pass_through_columns(node), below, above);
      break;
    }
    case PlanKind::Sort:
    case PlanKind::DropNulls: {
      for (const Expr& part : parts) (contains_aggregation(part) ? above : below).push_back(part);
      break;
    }
    case PlanKind::Unique: {
      const std::vector<std::string> subset = node.names.empty() ? node.schema.names() : node.names;
      for (const Expr& part : parts)
        (!contains_aggregation(part) && all_in(referenced_columns(part), subset) ? below : above).push_back(part);
      break;
    }
    case PlanKind::Aggregate:
    case PlanKind::GroupHead:
    case PlanKind::GroupTopK: {
      const std::vector<std::string> keys = plain_key_names(node.keys);
      for (const Expr& part : parts)
        (!contains_aggregation(part) && all_in(referenced_columns(part), keys) ? below : above).push_back(part);
      break;
    }
    case PlanKind::Explode:
    case PlanKind::Unnest: {
      // Columns the operation leaves as they were.
      std::vector<std::string> unchanged;
      for (const Field& field : node.input().schema.fields())
        if (field.name != node.names[0] && node.schema.index_of(field.name)) unchanged.push_back(field.name);
      for (const Expr& part : parts)
        (!contains_aggregation(part) && all_in(referenced_columns(part), unchanged) ? below : above).push_back(part);
      break;
    }
    case PlanKind::Concat: {
      std::vector<Expr> movable;
      for (const Expr& part : parts) (contains_aggregation(part) ? above : movable).push_back(part);
      std::vector<PlanPtr> inputs;
      for (const PlanPtr& input : node.inputs) inputs.push_back(push(input, movable));
      return apply_here(with_inputs(node, std::move(inputs)), above);
    }
    case PlanKind::Join: return push_through_join(plan, parts);
    default: return stop_here(plan, parts);
  }
  return apply_here(with_inputs(node, {push(node.inputs[0], below)}), above);
}

}  // namespace

PlanPtr push_down_predicates(const PlanPtr& plan) { return push(plan, {}); }

}  // namespace strata::plan
