#include "cli/launch_support.hpp"

namespace strata::cli {

int run_materialize(CliContext& context, const MaterializeOptions& options) {
  return launch_and_report(context, options.launch, [&](Instance& instance, RunOptions run_options) {
    return materialize(context.definitions, instance, options.selection, std::move(run_options));
  });
}

}  // namespace strata::cli
