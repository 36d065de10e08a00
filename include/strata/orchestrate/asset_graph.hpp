#pragma once
// The dependency graph of every asset in a Definitions, checked: unique
// keys, known dependencies, no cycles. Used by selections, plans, `list`
// and `lineage`.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "strata/orchestrate/asset.hpp"

namespace strata {

class Definitions;

struct AssetNode {
  AssetKey key;
  const AssetDefinition* definition = nullptr;
  const AssetSpec* spec = nullptr;
  std::string group;
  /// Upstream assets: the definition's inputs, then its ordering-only deps
  /// (a multi-asset's deps apply to all of its outputs).
  std::vector<AssetKey> upstream;
  std::vector<AssetKey> downstream;  // in key order
  /// Position in definition order (definitions, then their outputs).
  size_t order = 0;
  bool is_external() const { return definition->is_external(); }
};

class AssetGraph {
 public:
  /// Builds the graph; throws DefinitionError listing every problem.
  explicit AssetGraph(const Definitions& definitions);
  /// Builds what it can and appends problems to `problems` instead of throwing.
  AssetGraph(const Definitions& definitions, std::vector<std::string>& problems);

  /// Every key, upstream before downstream; otherwise in the order the
  /// assets were defined.
  const std::vector<AssetKey>& topological_order() const { return order_; }
  bool contains(const AssetKey& key) const { return nodes_.count(key) != 0; }
  /// Throws InvalidInputError naming the closest known key.
  const AssetNode& node(const AssetKey& key) const;
  const std::map<AssetKey, AssetNode>& nodes() const { return nodes_; }
  /// Assets `depth` layers upstream of `key` (depth < 0: all), without `key`.
  std::set<AssetKey> upstream_of(const AssetKey& key, int depth = -1) const;
  std::set<AssetKey> downstream_of(const AssetKey& key, int depth = -1) const;
  /// Group names in sorted order.
  std::vector<std::string> groups() const;
  /// Every key as text, sorted.
  std::vector<std::string> key_names() const;
  /// Throws InvalidInputError: "unknown asset 'x' in <where>; did you mean 'y'?".
  [[noreturn]] void throw_unknown(const std::string& key, const std::string& where) const;

 private:
  void build(const Definitions& definitions, std::vector<std::string>& problems);
  void sort_topologically(std::vector<std::string>& problems);
  std::set<AssetKey> walk(const AssetKey& key, int depth, bool up) const;

  std::map<AssetKey, AssetNode> nodes_;
  std::vector<AssetKey> order_;
};

}  // namespace strata
