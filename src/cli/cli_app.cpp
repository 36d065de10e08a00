// run_cli: the CLI11 command-line definition and the mapping from errors to
// documented exit codes.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.hpp"
#include "strata/orchestrate/config_schema.hpp"
#include "strata/orchestrate/definitions.hpp"

namespace strata {

namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 success, 1 a run failed, 2 bad command line, 3 invalid definitions/selection/config,\n"
    "4 unknown run or asset, 5 storage error, 70 internal error, 130 cancelled with Ctrl-C.\n"
    "Runs are recorded in $STRATA_HOME (default ./.strata).";

void add_launch_options(CLI::App& command, cli::LaunchOptions& options) {
  command.add_option("-c,--config", options.config_files, "YAML run config file (repeatable; later files win)")
      ->check(CLI::ExistingFile);
  command.add_option("--set", options.assignments, "config value as path=value, e.g. assets.events.config.rows=10");
  command.add_option("--tag", options.tags, "run tag as name=value (repeatable)");
  command.add_flag("--json", options.json, "print the result as JSON instead of progress");
  command.add_flag("-q,--quiet", options.quiet, "no progress lines, only the summary");
  command.add_option("--executor", options.executor, "in_process (default) or multiprocess (a child process per step)")
      ->check(CLI::IsMember({"in_process", "multiprocess"}));
  command.add_option("--max-concurrent", options.max_concurrent,
                     "multiprocess: steps running at once (default: the number of cores)")
      ->check(CLI::NonNegativeNumber);
}

void add_partition_options(CLI::App& command, cli::PartitionOptions& options, bool allow_all) {
  command.add_option("--partition", options.keys, "a partition to materialize (repeatable)");
  command.add_option("--partition-range", options.range, "partitions FIRST...LAST, both included");
  if (allow_all) command.add_flag("--all-partitions", options.all, "every partition of the selection");
}

int exit_code(ExitCode code) { return static_cast<int>(code); }

}  // namespace

int run_cli(const Definitions& definitions, const std::vector<std::string>& arguments, std::ostream& out,
            std::ostream& err, const std::string& program_name) {
  cli::CliContext context{definitions, out, err, program_name, "", nullptr};
  CLI::App app("Strata pipeline: materialize assets, run jobs, inspect runs and lineage.", program_name);
  app.footer(kExitCodes);
  app.require_subcommand(1);
  app.fallthrough();  // --home works before or after the command
  app.add_option("--home", context.home, "Strata home folder (default: $STRATA_HOME, else ./.strata)");

  int result = 0;
  cli::ListOptions list;
  auto* list_command = app.add_subcommand("list", "List assets (groups, dependencies), jobs and resources");
  list_command->add_flag("--json", list.json, "print JSON");
  list_command->callback([&] { result = cli::run_list(context, list); });

  cli::MaterializeOptions materialize;
  auto* materialize_command =
      app.add_subcommand("materialize", "Materialize assets (by default every asset that is not partitioned)");
  materialize_command
      ->add_option("-s,--select", materialize.selection,
                   "asset selection: key, +key, key+, *key, key*, group:name, tag:k=v, owner:x, comma-separated")
      ->capture_default_str();
  add_partition_options(*materialize_command, materialize.partitions, false);
  add_launch_options(*materialize_command, materialize.launch);
  materialize_command->callback([&] { result = cli::run_materialize(context, materialize); });

  cli::BackfillOptionsCli backfill;
  auto* backfill_command =
      app.add_subcommand("backfill", "Materialize partitioned assets over many partitions, in one or more runs");
  backfill_command->add_option("-s,--select", backfill.selection, "asset selection (as for materialize)")
      ->capture_default_str();
  add_partition_options(*backfill_command, backfill.partitions, true);
  backfill_command
      ->add_option("--strategy", backfill.strategy,
                   "per-partition (a run each; the default, or a retry's original), batch=N (runs of N "
                   "partitions) or single-run");
  backfill_command->add_option("--retry-failed", backfill.retry_failed,
                               "run again the partitions of this backfill that failed or did not run");
  add_launch_options(*backfill_command, backfill.launch);
  backfill_command->callback([&] { result = cli::run_backfill(context, backfill); });

  cli::BackfillsOptions backfills;
  auto* backfills_command = app.add_subcommand("backfills", "List recent backfills, or show one's partitions");
  backfills_command->add_option("backfill_id", backfills.backfill_id, "a backfill id: show its partitions");
  backfills_command->add_option("-n,--limit", backfills.limit, "how many to list")->capture_default_str();
  backfills_command->add_flag("--json", backfills.json, "print JSON");
  backfills_command->callback([&] { result = cli::run_backfills(context, backfills); });

  cli::PartitionsOptions partitions;
  auto* partitions_command =
      app.add_subcommand("partitions", "Show an asset's partitions: materialized, failed and missing");
  partitions_command->add_option("key", partitions.key, "a partitioned asset's key")->required();
  partitions_command->add_flag("--json", partitions.json, "print JSON");
  partitions_command->callback([&] { result = cli::run_partitions(context, partitions); });

  cli::DynamicPartitionsOptions add_partitions;
  auto* add_partitions_command = app.add_subcommand("add-partitions", "Add keys to dynamic partitions");
  add_partitions_command->add_option("name", add_partitions.name, "the dynamic partitions' name")->required();
  add_partitions_command->add_option("keys", add_partitions.keys, "keys to add")->required();
  add_partitions_command->callback([&] { result = cli::run_dynamic_partitions(context, add_partitions); });

  cli::DynamicPartitionsOptions delete_partitions;
  delete_partitions.remove = true;
  auto* delete_partitions_command = app.add_subcommand("delete-partitions", "Remove keys from dynamic partitions");
  delete_partitions_command->add_option("name", delete_partitions.name, "the dynamic partitions' name")->required();
  delete_partitions_command->add_option("keys", delete_partitions.keys, "keys to remove")->required();
  delete_partitions_command->callback([&] { result = cli::run_dynamic_partitions(context, delete_partitions); });

  cli::ExecuteOptions execute;
  auto* execute_command = app.add_subcommand("execute", "Run a job (an op job or an asset job) by name");
  execute_command->add_option("job", execute.job, "job name (see `list`)")->required();
  add_partition_options(*execute_command, execute.partitions, false);
  add_launch_options(*execute_command, execute.launch);
  execute_command->callback([&] { result = cli::run_execute(context, execute); });

  cli::ReexecuteOptions reexecute;
  auto* reexecute_command = app.add_subcommand("reexecute", "Run the steps of a finished run that did not succeed");
  reexecute_command->add_option("run_id", reexecute.run_id, "run id (or a unique prefix)")->required();
  reexecute_command->add_flag("--all", reexecute.all_steps, "run every step again, not only the failed ones");
  add_launch_options(*reexecute_command, reexecute.launch);
  reexecute_command->callback([&] { result = cli::run_reexecute(context, reexecute); });

  cli::RunsOptions runs;
  auto* runs_command = app.add_subcommand("runs", "List recent runs, newest first");
  runs_command->add_option("-n,--limit", runs.limit, "how many runs to show (0 = all)")->capture_default_str();
  runs_command->add_option("--status", runs.status, "only runs with this status")
      ->check(CLI::IsMember({"STARTED", "SUCCESS", "FAILURE", "CANCELED"}, CLI::ignore_case));
  runs_command->add_option("--job", runs.job, "only runs of this job (__asset_job for ad-hoc selections)");
  runs_command->add_flag("--json", runs.json, "print JSON");
  runs_command->callback([&] { result = cli::run_runs(context, runs); });

  cli::RunOptionsCli run;
  auto* run_command = app.add_subcommand("run", "Show one run: its steps, events and logs");
  run_command->add_option("run_id", run.run_id, "run id (or a unique prefix)")->required();
  run_command->add_option("--level", run.min_level, "lowest log level shown")
      ->check(CLI::IsMember({"DEBUG", "INFO", "WARNING", "ERROR"}, CLI::ignore_case))
      ->capture_default_str();
  run_command->add_flag("--logs", run.logs_only, "only log lines");
  run_command->add_flag("--json", run.json, "print JSON");
  run_command->callback([&] { result = cli::run_run(context, run); });

  cli::AssetOptions asset;
  auto* asset_command = app.add_subcommand("asset", "Show an asset: definition, materialization history, last metadata");
  asset_command->add_option("key", asset.key, "asset key, e.g. raw/events")->required();
  asset_command->add_option("-n,--limit", asset.limit, "materializations to show")->capture_default_str();
  asset_command->add_flag("--json", asset.json, "print JSON");
  asset_command->callback([&] { result = cli::run_asset(context, asset); });

  cli::ChecksOptions checks;
  auto* checks_command = app.add_subcommand("checks", "Show the latest result of each check of an asset");
  checks_command->alias("check");
  checks_command->add_option("key", checks.key, "asset key, e.g. raw/events")->required();
  checks_command->add_flag("--json", checks.json, "print JSON");
  checks_command->callback([&] { result = cli::run_checks(context, checks); });

  cli::FreshnessOptions freshness;
  auto* freshness_command = app.add_subcommand(
      "check-freshness", "Evaluate freshness checks now and record the results (exit 1 if an ERROR check fails)");
  freshness_command->add_option("-s,--select", freshness.selection, "asset selection")->capture_default_str();
  freshness_command->add_flag("--json", freshness.json, "print JSON");
  freshness_command->callback([&] { result = cli::run_check_freshness(context, freshness); });

  cli::LineageOptions lineage;
  auto* lineage_command =
      app.add_subcommand("lineage", "Show the asset graph, or one asset's upstream and downstream");
  lineage_command->add_option("key", lineage.key, "asset key (default: the whole graph)");
  lineage_command->add_option("--depth", lineage.depth, "layers to show (-1 = all)")->capture_default_str();
  lineage_command->add_flag("--json", lineage.json, "print JSON");
  lineage_command->callback([&] { result = cli::run_lineage(context, lineage); });

  cli::WipeOptions wipe;
  auto* wipe_command = app.add_subcommand(
      "wipe", "Delete materialization history of assets (and with --data their stored values, with --runs all runs)");
  wipe_command->add_option("keys", wipe.keys, "asset keys to wipe");
  wipe_command->add_flag("--all", wipe.all, "every asset");
  wipe_command->add_flag("--runs", wipe.runs, "also delete every run and its events (with --all)");
  wipe_command->add_flag("--data", wipe.data, "also delete the stored values");
  wipe_command->add_flag("-y,--yes", wipe.yes, "do not ask for confirmation");
  wipe_command->add_flag("--json", wipe.json, "print JSON");
  wipe_command->callback([&] { result = cli::run_wipe(context, wipe); });

  std::vector<std::string> argv_storage;
  argv_storage.push_back(program_name);
  argv_storage.insert(argv_storage.end(), arguments.begin(), arguments.end());
  std::vector<const char*> argv;
  for (const std::string& arg : argv_storage) argv.push_back(arg.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
    return result;
  } catch (const CLI::ParseError& error) {
    // --help and --version are "errors" with exit code 0 in CLI11.
    int code = app.exit(error, out, err);
    return code == 0 ? 0 : exit_code(ExitCode::Usage);
  } catch (const cli::NotFoundError& error) {
    err << "error: " << error.what() << "\n";
    return exit_code(ExitCode::NotFound);
  } catch (const cli::ConfirmationRequired& error) {
    err << "error: " << error.what() << "\n";
    return exit_code(ExitCode::Usage);
  } catch (const Error& error) {
    err << "error: " << error.what() << "\n";
    switch (error.kind()) {
      case ErrorKind::IO: return exit_code(ExitCode::StorageError);
      case ErrorKind::Internal: return exit_code(ExitCode::Internal);
      case ErrorKind::InvalidInput:
      case ErrorKind::Schema:
      case ErrorKind::Type:
      case ErrorKind::Unsupported: return exit_code(ExitCode::InvalidRequest);
      case ErrorKind::Compute: return exit_code(ExitCode::RunFailed);
      case ErrorKind::Cancelled: return exit_code(ExitCode::Canceled);
    }
    return exit_code(ExitCode::Internal);
  } catch (const std::exception& error) {
    err << "internal error: " << error.what() << "\n";
    return exit_code(ExitCode::Internal);
  } catch (...) {
    err << "internal error: unknown exception\n";
    return exit_code(ExitCode::Internal);
  }
}

int run_cli(const Definitions& definitions, int argc, char** argv) {
  std::vector<std::string> arguments;
  for (int i = 1; i < argc; ++i) arguments.emplace_back(argv[i]);
  std::string program = argc > 0 ? std::filesystem::path(argv[0]).filename().string() : "pipeline";
  return run_cli(definitions, arguments, std::cout, std::cerr, program);
}

}  // namespace strata
