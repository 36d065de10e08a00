#include "cli/launch_support.hpp"

namespace strata::cli {

int run_execute(CliContext& context, const ExecuteOptions& options) {
  return launch_and_report(context, options.launch, [&](Instance& instance, RunOptions run_options) {
    return execute_job(context.definitions, instance, options.job, std::move(run_options));
  });
}

}  // namespace strata::cli
