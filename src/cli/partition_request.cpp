#include "cli/partition_request.hpp"

#include <map>

#include "strata/core/error.hpp"
#include "strata/orchestrate/asset_graph.hpp"
#include "strata/orchestrate/selection.hpp"

namespace strata::cli {

namespace {

/// The partitions of the first partitioned asset the selection materializes, or null.
PartitionsPtr selection_partitions(const Definitions& definitions, const std::string& selection) {
  AssetGraph graph = definitions.asset_graph();
  for (const AssetKey& key : AssetSelection::parse(selection).resolve(graph)) {
    const AssetNode& node = graph.node(key);
    if (!node.is_external() && node.definition->partitions_definition())
      return node.definition->partitions_definition();
  }
  return nullptr;
}

}  // namespace

std::vector<std::string> resolve_partition_request(const Definitions& definitions, Instance& instance,
                                                   const std::string& selection, const PartitionOptions& options) {
  const int given = (options.keys.empty() ? 0 : 1) + (options.range.empty() ? 0 : 1) + (options.all ? 1 : 0);
  if (given == 0) return {};
  if (given > 1) throw InvalidInputError("give one of --partition, --partition-range and --all-partitions");
  PartitionsPtr partitions = selection_partitions(definitions, selection);
  if (!partitions)
    throw InvalidInputError("selection '" + selection + "' has no partitioned asset; drop the partition options");
  const PartitionContext context{&instance.storage(), 0};
  if (options.all) {
    std::vector<std::string> keys = partitions->keys(context);
    if (keys.empty()) throw InvalidInputError(partitions->describe() + " has no partitions yet");
    return keys;
  }
  if (!options.range.empty()) {
    const size_t dots = options.range.find("...");
    if (dots == std::string::npos || dots == 0 || dots + 3 >= options.range.size())
      throw InvalidInputError("partition range '" + options.range +
                              "' must be written FIRST...LAST, e.g. 2024-01-01...2024-01-31");
    return partitions->key_range(options.range.substr(0, dots), options.range.substr(dots + 3), context);
  }
  return options.keys;  // checked with the plan
}

std::string compress_partition_ranges(const std::vector<std::string>& subset, const std::vector<std::string>& all,
                                      size_t max_items) {
  std::map<std::string, size_t> position;
  for (size_t i = 0; i < all.size(); ++i) position[all[i]] = i;
  std::vector<std::pair<std::string, std::string>> runs;
  size_t previous = 0;
  for (const std::string& key : subset) {
    auto found = position.find(key);
    const bool follows = found != position.end() && !runs.empty() && found->second == previous + 1;
    if (follows) {
      runs.back().second = key;
    } else {
      runs.emplace_back(key, key);
    }
    if (found != position.end()) previous = found->second;
  }
  std::string text;
  for (size_t i = 0; i < runs.size() && i < max_items; ++i) {
    text += (i ? ", " : "") + runs[i].first;
    if (runs[i].second != runs[i].first) text += "..." + runs[i].second;
  }
  if (runs.size() > max_items) text += " (" + std::to_string(runs.size() - max_items) + " more)";
  return text;
}

}  // namespace strata::cli
