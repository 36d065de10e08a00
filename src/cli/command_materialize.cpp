#include "cli/launch_support.hpp"
#include "strata/orchestrate/asset_graph.hpp"

namespace strata::cli {

namespace {

/// "*" without partitions means every asset that needs none: the
/// unpartitioned assets, comma-joined. Returns "*" when nothing is partitioned.
std::string everything_unpartitioned(const Definitions& definitions, std::ostream& out, bool quiet) {
  AssetGraph graph = definitions.asset_graph();
  std::string keys;
  size_t left_out = 0;
  for (const AssetKey& key : graph.topological_order()) {
    const AssetNode& node = graph.node(key);
    if (node.is_external()) continue;
    if (node.definition->partitions_definition()) {
      ++left_out;
    } else {
      keys += (keys.empty() ? "" : ",") + key.to_string();
    }
  }
  if (left_out == 0) return "*";
  if (!quiet)
    out << "Leaving out " << left_out << " partitioned asset" << (left_out == 1 ? "" : "s")
        << "; materialize them with --partition or --partition-range, or backfill them\n";
  if (keys.empty())
    throw InvalidInputError("every asset is partitioned; select some with --select and name partitions with "
                            "--partition or --partition-range");
  return keys;
}

}  // namespace

int run_materialize(CliContext& context, const MaterializeOptions& options) {
  return launch_and_report(context, options.launch, [&](Instance& instance, RunOptions run_options) {
    const PartitionOptions& partitions = options.partitions;
    const bool no_partitions = partitions.keys.empty() && partitions.range.empty() && !partitions.all;
    const std::string selection = options.selection == "*" && no_partitions
                                      ? everything_unpartitioned(context.definitions, context.out,
                                                                 options.launch.json || options.launch.quiet)
                                      : options.selection;
    run_options.partitions = resolve_partition_request(context.definitions, instance, selection, partitions);
    return materialize(context.definitions, instance, selection, std::move(run_options));
  });
}

}  // namespace strata::cli
