#pragma once
// What materialize, execute and reexecute share: reading the run config
// from files and --set, tags, live progress, Ctrl-C handling, the summary
// and the exit code.
#include <functional>

#include "cli/commands.hpp"
#include "strata/orchestrate/run_launcher.hpp"

namespace strata::cli {

/// Merges the --config files in order, then applies the --set assignments.
Json read_run_config(const LaunchOptions& options);

/// Run config, tags and executor from the options.
RunOptions base_run_options(const LaunchOptions& options);

/// Starts a run through `start` with progress and Ctrl-C cancellation,
/// prints the summary (or JSON) and returns the exit code for its status.
int launch_and_report(CliContext& context, const LaunchOptions& options,
                      const std::function<RunResult(Instance&, RunOptions)>& start);

}  // namespace strata::cli
