#pragma once
// The command line every pipeline binary gets:
//
//   int main(int argc, char** argv) { return strata::run_cli(defs, argc, argv); }
//
// Commands (each has --help):
//   list                      assets (with groups and dependencies), jobs, resources
//   materialize [--select S]  materialize assets (all when no selection), with progress
//   execute JOB               run an op job or asset job
//   reexecute RUN_ID          run the failed (or, with --all, every) step of a run again
//   runs                      recent runs
//   run RUN_ID                one run's steps, events and logs
//   asset KEY                 an asset's definition, materialization history and latest metadata
//   lineage [KEY]             the dependency graph, and which upstream versions built an asset
//   wipe                      delete asset history, runs or stored data
// Global options: --home DIR (default $STRATA_HOME, else ./.strata). Most
// commands take --json for machine-readable output on stdout.
#include <iosfwd>
#include <string>
#include <vector>

#include "strata/orchestrate/definitions.hpp"

namespace strata {

/// Documented exit codes of run_cli.
enum class ExitCode : int {
  Success = 0,         // the command (and the run it started) succeeded
  RunFailed = 1,       // a run finished with failed steps
  Usage = 2,           // bad command line, or a destructive command without --yes
  InvalidRequest = 3,  // invalid definitions, selection or config; nothing was run
  NotFound = 4,        // unknown run id or asset key
  StorageError = 5,    // run storage or asset files could not be read or written
  Internal = 70,       // a bug in Strata
  Canceled = 130,      // the run was cancelled with Ctrl-C
};

/// Parses the arguments, runs the command, prints to stdout/stderr and
/// returns the exit code. Never throws.
int run_cli(const Definitions& definitions, int argc, char** argv);

/// The same with explicit arguments (without the program name) and
/// streams; for tests and embedding.
int run_cli(const Definitions& definitions, const std::vector<std::string>& arguments, std::ostream& out,
            std::ostream& err, const std::string& program_name = "pipeline");

}  // namespace strata
