// Pass common_subplans: a subplan that appears more than once in the
// optimized plan (a LazyFrame used twice, as TPC-H q21's late lines or q11's
// German stock are) is computed once per query. Equal subplans are found by
// their printed form and the identity of their scan sources; the outermost
// repeated ones are wrapped in Cache nodes sharing one id, which the
// executor materializes the first time one is opened.
//
// Projection pushdown runs first and may give the uses of one subplan
// different column lists at their scans (q2's European suppliers: one use
// needs their names, the other only costs). Such uses still match: the
// shared subplan reads the union of the columns, and each use selects its
// own columns from the cache. This is done only where the wider scans
// cannot change a name (no join of the subplan gets clashing columns) and
// the subplan can be rebuilt with them.
#include <map>
#include <set>
#include <sstream>

#include "plan/passes.hpp"
#include "strata/core/error.hpp"

namespace strata::plan {

namespace {

using Keys = std::map<const PlanNode*, std::string>;

// The subplan's identity: its nodes as printed (every parameter but the
// scans' column lists), with the scan sources' addresses (two scans of one
// pattern may differ in options).
std::string key_of(const PlanNode& node, Keys& keys) {
  auto found = keys.find(&node);
  if (found != keys.end()) return found->second;
  std::ostringstream out;
  PlanNode alone = node;
  alone.inputs.clear();
  alone.projection.reset();
  out << plan_to_string(alone) << "@" << static_cast<const void*>(node.source.get()) << "(";
  for (const PlanPtr& input : node.inputs) out << key_of(*input, keys) << ";";
  out << ")";
  return keys[&node] = out.str();
}

void collect(const PlanPtr& node, Keys& keys, std::map<std::string, std::vector<PlanPtr>>& uses) {
  uses[key_of(*node, keys)].push_back(node);
  for (const PlanPtr& input : node->inputs) collect(input, keys, uses);
}

// Worth keeping in memory to avoid recomputing: anything that reads files
// or runs a pipeline breaker; not a bare scan of a frame in memory.
bool worth_caching(const PlanNode& node) {
  return !(node.kind == PlanKind::Scan && node.source->format == SourceFormat::Frame);
}

// The uses (equal but for their scans' column lists) rebuilt with each
// scan reading the union of their columns.
PlanPtr widened(const std::vector<PlanPtr>& uses) {
  const PlanNode& first = *uses[0];
  if (first.kind == PlanKind::Scan) {
    std::set<std::string> wanted;
    for (const PlanPtr& use : uses) {
      if (!use->projection) return make_scan(first.source, std::nullopt, first.predicate, first.limit);
      wanted.insert(use->projection->begin(), use->projection->end());
    }
    return make_scan(first.source, std::vector<std::string>(wanted.begin(), wanted.end()), first.predicate,
                     first.limit);
  }
  std::vector<PlanPtr> inputs;
  for (size_t i = 0; i < first.inputs.size(); ++i) {
    std::vector<PlanPtr> input_uses;
    for (const PlanPtr& use : uses) input_uses.push_back(use->inputs[i]);
    inputs.push_back(widened(input_uses));
  }
  return with_inputs(first, std::move(inputs));
}

// Whether a join in `plan` would rename a column (a right column clashing
// with a left one): widening could then change which column a name means.
bool renames_columns(const PlanNode& plan) {
  if (plan.kind == PlanKind::Join) {
    const Schema& left = plan.input(0).schema;
    const std::set<std::string> right_keys(plan.right_on.begin(), plan.right_on.end());
    for (const Field& field : plan.input(1).schema.fields())
      if (!right_keys.count(field.name) && left.index_of(field.name)) return true;
  }
  for (const PlanPtr& input : plan.inputs)
    if (renames_columns(*input)) return true;
  return false;
}

struct Shared {
  int64_t id = 0;
  PlanPtr plan;  // what the cache computes
};

// The plan all uses share, or null when they cannot share one.
PlanPtr shared_plan(const std::vector<PlanPtr>& uses) {
  const std::string printed = plan_to_string(*uses[0]);
  bool identical = true;
  for (const PlanPtr& use : uses) identical = identical && use->schema == uses[0]->schema && plan_to_string(*use) == printed;
  if (identical) return uses[0];
  try {
    PlanPtr wide = widened(uses);
    if (renames_columns(*wide)) return nullptr;
    for (const PlanPtr& use : uses)
      for (const Field& field : use->schema.fields()) {
        const std::optional<int64_t> at = wide->schema.index_of(field.name);
        if (!at || wide->schema.field(*at).type != field.type) return nullptr;
      }
    return wide;
  } catch (const Error&) {
    return nullptr;  // e.g. a concat whose widened inputs no longer agree
  }
}

PlanPtr rewrite(const PlanPtr& plan, Keys& keys, const std::map<std::string, std::vector<PlanPtr>>& uses,
                std::map<std::string, std::optional<Shared>>& shared) {
  const std::string& key = key_of(*plan, keys);
  const std::vector<PlanPtr>& same = uses.at(key);
  if (same.size() >= 2 && worth_caching(*plan)) {
    auto found = shared.find(key);
    if (found == shared.end()) {
      std::optional<Shared> entry;
      if (PlanPtr common = shared_plan(same)) {
        int64_t id = 0;
        for (const auto& [other, value] : shared) id += value.has_value();
        entry = Shared{id, std::move(common)};
      }
      found = shared.emplace(key, std::move(entry)).first;
    }
    if (found->second) {
      PlanPtr cached = make_cache(found->second->plan, found->second->id);
      if (cached->schema == plan->schema) return cached;
      std::vector<Expr> columns;
      for (const Field& field : plan->schema.fields()) columns.push_back(col(field.name));
      return make_select(std::move(cached), std::move(columns));
    }
  }
  std::vector<PlanPtr> inputs;
  bool changed = false;
  for (const PlanPtr& input : plan->inputs) {
    inputs.push_back(rewrite(input, keys, uses, shared));
    changed = changed || inputs.back() != input;
  }
  return changed ? with_inputs(*plan, std::move(inputs)) : plan;
}

}  // namespace

PlanPtr share_common_subplans(const PlanPtr& plan) {
  Keys keys;
  std::map<std::string, std::vector<PlanPtr>> uses;
  collect(plan, keys, uses);
  std::map<std::string, std::optional<Shared>> shared;
  return rewrite(plan, keys, uses, shared);
}

}  // namespace strata::plan
