#include "cli/launch_support.hpp"

namespace strata::cli {

int run_reexecute(CliContext& context, const ReexecuteOptions& options) {
  return launch_and_report(context, options.launch, [&](Instance& instance, RunOptions run_options) {
    const RunRecord parent = find_run(instance.storage(), options.run_id);
    return reexecute(context.definitions, instance, parent.run_id,
                     options.all_steps ? ReexecutionMode::All : ReexecutionMode::FromFailure, std::move(run_options));
  });
}

}  // namespace strata::cli
