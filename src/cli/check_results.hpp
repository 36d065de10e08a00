#pragma once
// The latest result of each check of an asset, shared by `asset KEY` and
// `checks KEY`.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "strata/orchestrate/asset_graph.hpp"
#include "strata/orchestrate/run_storage.hpp"

namespace strata::cli {

struct CheckStatus {
  std::string name;            // the check's name, or "schema 'x'" for a schema check
  std::string severity;        // "WARN", "ERROR" ("" when unknown)
  bool blocking = false;
  bool declared = false;       // attached to the asset's current definition
  std::optional<Event> latest; // the newest ASSET_CHECK event; none if never run
};

/// Declared checks first (in definition order), then checks only found in
/// the history (renamed or removed since).
std::vector<CheckStatus> latest_checks(RunStorage& storage, const AssetGraph& graph, const AssetKey& key);

void print_checks(std::ostream& out, const std::vector<CheckStatus>& checks);
Json checks_to_json(const std::vector<CheckStatus>& checks);

}  // namespace strata::cli
