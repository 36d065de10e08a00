#include "cli/launch_support.hpp"

namespace strata::cli {

int run_execute(CliContext& context, const ExecuteOptions& options) {
  return launch_and_report(context, options.launch, [&](Instance& instance, RunOptions run_options) {
    // An asset job's partitions are those of its selection; an op job has none (the plan says so).
    const JobDefinition* job = context.definitions.find_job(options.job);
    const bool asset_job = job && job->kind() == JobDefinition::Kind::Assets;
    run_options.partitions = asset_job ? resolve_partition_request(context.definitions, instance, job->selection(),
                                                                   options.partitions)
                                       : options.partitions.keys;
    return execute_job(context.definitions, instance, options.job, std::move(run_options));
  });
}

}  // namespace strata::cli
