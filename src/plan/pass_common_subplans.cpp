// Pass common_subplans: a subplan that appears more than once in the
// optimized plan (a LazyFrame used twice, as TPC-H q21's late lines or q11's
// German stock are) is computed once per query. Equal subplans are found by
// their printed form and the identity of their scan sources; the outermost
// repeated ones are wrapped in Cache nodes sharing one id, which the
// executor materializes the first time one is opened.
#include <map>
#include <sstream>

#include "plan/passes.hpp"

namespace strata::plan {

namespace {

// The subplan's identity: its nodes as printed (every parameter), with the
// scan sources' addresses (two scans of one pattern may differ in options).
std::string key_of(const PlanNode& node, std::map<const PlanNode*, std::string>& keys) {
  auto found = keys.find(&node);
  if (found != keys.end()) return found->second;
  std::ostringstream out;
  PlanNode alone = node;
  alone.inputs.clear();
  out << plan_to_string(alone) << "@" << static_cast<const void*>(node.source.get()) << "(";
  for (const PlanPtr& input : node.inputs) out << key_of(*input, keys) << ";";
  out << ")";
  return keys[&node] = out.str();
}

void count(const PlanNode& node, std::map<const PlanNode*, std::string>& keys, std::map<std::string, int>& counts) {
  ++counts[key_of(node, keys)];
  for (const PlanPtr& input : node.inputs) count(*input, keys, counts);
}

// Worth keeping in memory to avoid recomputing: anything that reads files
// or runs a pipeline breaker; not a bare scan of a frame in memory.
bool worth_caching(const PlanNode& node) {
  return !(node.kind == PlanKind::Scan && node.source->format == SourceFormat::Frame);
}

PlanPtr rewrite(const PlanPtr& plan, std::map<const PlanNode*, std::string>& keys,
                const std::map<std::string, int>& counts, std::map<std::string, int64_t>& ids) {
  const std::string& key = key_of(*plan, keys);
  if (counts.at(key) >= 2 && worth_caching(*plan)) {
    auto [found, inserted] = ids.emplace(key, static_cast<int64_t>(ids.size()));
    return make_cache(plan, found->second);
  }
  std::vector<PlanPtr> inputs;
  bool changed = false;
  for (const PlanPtr& input : plan->inputs) {
    inputs.push_back(rewrite(input, keys, counts, ids));
    changed = changed || inputs.back() != input;
  }
  return changed ? with_inputs(*plan, std::move(inputs)) : plan;
}

}  // namespace

PlanPtr share_common_subplans(const PlanPtr& plan) {
  std::map<const PlanNode*, std::string> keys;
  std::map<std::string, int> counts;
  count(*plan, keys, counts);
  std::map<std::string, int64_t> ids;
  return rewrite(plan, keys, counts, ids);
}

}  // namespace strata::plan
