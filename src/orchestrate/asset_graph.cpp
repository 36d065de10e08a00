#include "strata/orchestrate/asset_graph.hpp"

#include <algorithm>
#include <deque>
#include <functional>

#include "strata/orchestrate/definitions.hpp"

namespace strata {

namespace {

[[noreturn]] void throw_problems(const std::vector<std::string>& problems) {
  std::string message = "invalid definitions (" + std::to_string(problems.size()) + " problem" +
                        (problems.size() == 1 ? "" : "s") + "):";
  for (const std::string& problem : problems) message += "\n  - " + problem;
  throw DefinitionError(message);
}

}  // namespace

AssetGraph::AssetGraph(const Definitions& definitions) {
  std::vector<std::string> problems;
  build(definitions, problems);
  if (!problems.empty()) throw_problems(problems);
}

AssetGraph::AssetGraph(const Definitions& definitions, std::vector<std::string>& problems) {
  build(definitions, problems);
}

void AssetGraph::build(const Definitions& definitions, std::vector<std::string>& problems) {
  std::map<AssetKey, std::string> defined_by;
  for (const AssetDefinition* definition : definitions.asset_definitions()) {
    std::set<std::string> output_names;
    for (const AssetSpec& spec : definition->specs()) {
      if (!output_names.insert(spec.output_name()).second)
        problems.push_back("multi-asset '" + definition->name() + "' declares the output '" + spec.output_name() +
                           "' twice");
      auto [it, inserted] = defined_by.emplace(spec.key(), definition->name());
      if (!inserted) {
        problems.push_back("asset key '" + spec.key().to_string() + "' is defined twice (by '" + it->second +
                           "' and '" + definition->name() + "'); give one of them another key or a key_prefix");
        continue;
      }
      AssetNode node;
      node.key = spec.key();
      node.definition = definition;
      node.spec = &spec;
      node.group = definition->group_of(spec);
      node.order = nodes_.size();
      nodes_.emplace(spec.key(), std::move(node));
    }
  }
  const std::vector<std::string> known = key_names();
  for (auto& [key, node] : nodes_) {
    std::vector<AssetKey> upstream = node.definition->ins();
    for (const AssetSpec& spec : node.definition->specs())
      upstream.insert(upstream.end(), spec.deps().begin(), spec.deps().end());
    std::set<AssetKey> seen;
    for (const AssetKey& dependency : upstream) {
      if (!seen.insert(dependency).second) continue;
      if (!nodes_.count(dependency)) {
        std::string hint = closest_name(dependency.to_string(), known);
        problems.push_back("asset '" + key.to_string() + "' depends on unknown asset '" + dependency.to_string() + "'" +
                           (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
        continue;
      }
      node.upstream.push_back(dependency);
    }
  }
  for (auto& [key, node] : nodes_)
    for (const AssetKey& dependency : node.upstream) nodes_.at(dependency).downstream.push_back(key);
  sort_topologically(problems);
}

void AssetGraph::sort_topologically(std::vector<std::string>& problems) {
  // Kahn's algorithm; the frontier is ordered by definition order, so the
  // result is deterministic and follows how the pipeline was written.
  std::map<AssetKey, size_t> waiting;
  std::set<std::pair<size_t, AssetKey>> ready;
  for (const auto& [key, node] : nodes_) {
    waiting[key] = node.upstream.size();
    if (node.upstream.empty()) ready.emplace(node.order, key);
  }
  while (!ready.empty()) {
    AssetKey key = ready.begin()->second;
    ready.erase(ready.begin());
    order_.push_back(key);
    for (const AssetKey& next : nodes_.at(key).downstream)
      if (--waiting[next] == 0) ready.emplace(nodes_.at(next).order, next);
  }
  if (order_.size() == nodes_.size()) return;
  // Report one cycle by walking upstream among the unsorted keys until a key repeats.
  std::set<AssetKey> sorted(order_.begin(), order_.end());
  AssetKey start;
  for (const auto& [key, unused] : nodes_)
    if (!sorted.count(key)) {
      start = key;
      break;
    }
  std::vector<AssetKey> path;
  std::map<AssetKey, size_t> position;
  AssetKey current = start;
  while (!position.count(current)) {
    position[current] = path.size();
    path.push_back(current);
    for (const AssetKey& up : nodes_.at(current).upstream)
      if (!sorted.count(up)) {
        current = up;
        break;
      }
  }
  // In data-flow order (each key feeds the next), starting from the smallest key.
  std::vector<AssetKey> flow;
  for (size_t i = path.size(); i-- > position[current];) flow.push_back(path[i]);
  std::rotate(flow.begin(), std::min_element(flow.begin(), flow.end()), flow.end());
  std::string cycle;
  for (const AssetKey& key : flow) cycle += key.to_string() + " -> ";
  cycle += flow.front().to_string();
  problems.push_back("dependency cycle: " + cycle + "; an asset cannot depend on itself, directly or through others");
  for (const auto& [key, unused] : nodes_)
    if (!sorted.count(key)) order_.push_back(key);
}

const AssetNode& AssetGraph::node(const AssetKey& key) const {
  auto it = nodes_.find(key);
  if (it == nodes_.end()) throw_unknown(key.to_string(), "the definitions");
  return it->second;
}

void AssetGraph::throw_unknown(const std::string& key, const std::string& where) const {
  std::string hint = closest_name(key, key_names());
  throw InvalidInputError("unknown asset '" + key + "' in " + where +
                          (hint.empty() ? "; run `list` to see the asset keys" : "; did you mean '" + hint + "'?"));
}

std::set<AssetKey> AssetGraph::walk(const AssetKey& key, int depth, bool up) const {
  std::set<AssetKey> found;
  std::deque<std::pair<AssetKey, int>> queue{{key, 0}};
  while (!queue.empty()) {
    auto [current, level] = queue.front();
    queue.pop_front();
    if (depth >= 0 && level >= depth) continue;
    const AssetNode& n = node(current);
    for (const AssetKey& next : up ? n.upstream : n.downstream)
      if (found.insert(next).second) queue.emplace_back(next, level + 1);
  }
  found.erase(key);
  return found;
}

std::set<AssetKey> AssetGraph::upstream_of(const AssetKey& key, int depth) const { return walk(key, depth, true); }
std::set<AssetKey> AssetGraph::downstream_of(const AssetKey& key, int depth) const { return walk(key, depth, false); }

std::vector<std::string> AssetGraph::groups() const {
  std::set<std::string> names;
  for (const auto& [key, node] : nodes_) names.insert(node.group);
  return {names.begin(), names.end()};
}

std::vector<std::string> AssetGraph::key_names() const {
  std::vector<std::string> names;
  for (const auto& [key, node] : nodes_) names.push_back(key.to_string());
  return names;
}

}  // namespace strata
