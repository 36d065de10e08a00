// `partitions KEY`: an asset's partitions and their states;
// `add-partitions` / `delete-partitions`: the keys of dynamic partitions.
#include <set>

#include "cli/commands.hpp"
#include "cli/partition_summary.hpp"
#include "strata/orchestrate/asset_graph.hpp"

namespace strata::cli {

int run_partitions(CliContext& context, const PartitionsOptions& options) {
  AssetGraph graph = context.definitions.asset_graph();
  const AssetKey key(options.key);
  if (!graph.contains(key)) {
    std::string hint = closest_name(key.to_string(), graph.key_names());
    throw NotFoundError("unknown asset '" + key.to_string() + "'" +
                        (hint.empty() ? "; `list` shows the asset keys" : "; did you mean '" + hint + "'?"));
  }
  const PartitionsPtr& partitions = graph.node(key).definition->partitions_definition();
  if (!partitions)
    throw InvalidInputError("asset '" + key.to_string() + "' is not partitioned; `asset " + key.to_string() +
                            "` shows its materializations");
  RunStorage& storage = context.open_instance().storage();
  const std::vector<PartitionStatus> statuses =
      asset_partition_statuses(storage, key.to_string(), partitions->keys(PartitionContext{&storage, 0}));
  if (options.json) {
    Json out = partition_summary_to_json(*partitions, statuses);
    out["key"] = key.to_string();
    context.out << out.dump(2) << "\n";
    return 0;
  }
  context.out << "Asset " << key.to_string() << "\n";
  print_partition_summary(context.out, *partitions, statuses);
  return 0;
}

int run_dynamic_partitions(CliContext& context, const DynamicPartitionsOptions& options) {
  RunStorage& storage = context.open_instance().storage();
  if (options.remove) {
    const int64_t removed = storage.delete_dynamic_partitions(options.name, options.keys);
    context.out << "Removed " << removed << " of " << options.keys.size() << " keys from dynamic partitions '"
                << options.name << "'\n";
    return 0;
  }
  for (const std::string& key : options.keys) check_partition_key_text(key);
  const std::vector<std::string> existing = storage.dynamic_partitions(options.name);
  std::set<std::string> known(existing.begin(), existing.end());
  size_t added = 0;
  for (const std::string& key : options.keys) added += known.insert(key).second ? 1 : 0;
  storage.add_dynamic_partitions(options.name, options.keys);
  context.out << "Added " << added << " new keys to dynamic partitions '" << options.name << "' (" << known.size()
              << " in all)\n";
  return 0;
}

}  // namespace strata::cli
