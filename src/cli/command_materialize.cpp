#include "cli/launch_support.hpp"

namespace strata::cli {

int run_materialize(CliContext& context, const MaterializeOptions& options) {
  return launch_and_report(context, options.launch, [&](Instance& instance, RunOptions run_options) {
    run_options.partitions = resolve_partition_request(context.definitions, instance, options.selection, options.partitions);
    return materialize(context.definitions, instance, options.selection, std::move(run_options));
  });
}

}  // namespace strata::cli
