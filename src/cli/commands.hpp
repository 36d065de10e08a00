#pragma once
// One function per command; the command-line parsing (CLI11) lives in
// cli_app.cpp and fills these option structs.
#include <string>
#include <vector>

#include "cli/cli_context.hpp"
#include "cli/partition_request.hpp"

namespace strata::cli {

struct ListOptions {
  bool json = false;
};
int run_list(CliContext& context, const ListOptions& options);

/// Shared by materialize, execute and reexecute.
struct LaunchOptions {
  std::vector<std::string> config_files;
  std::vector<std::string> assignments;  // --set path=value
  std::vector<std::string> tags;         // --tag name=value
  bool json = false;
  bool quiet = false;                    // no progress lines
  std::string executor = "in_process";   // or "multiprocess"
  int max_concurrent = 0;                // multiprocess: children at once (0 = cores)
};

struct MaterializeOptions {
  std::string selection = "*";
  PartitionOptions partitions;
  LaunchOptions launch;
};
int run_materialize(CliContext& context, const MaterializeOptions& options);

struct ExecuteOptions {
  std::string job;
  PartitionOptions partitions;
  LaunchOptions launch;
};
int run_execute(CliContext& context, const ExecuteOptions& options);

struct ReexecuteOptions {
  std::string run_id;
  bool all_steps = false;
  LaunchOptions launch;
};
int run_reexecute(CliContext& context, const ReexecuteOptions& options);

struct RunsOptions {
  int64_t limit = 20;
  std::string status;
  std::string job;
  bool json = false;
};
int run_runs(CliContext& context, const RunsOptions& options);

struct RunOptionsCli {
  std::string run_id;
  std::string min_level = "DEBUG";
  bool logs_only = false;
  bool json = false;
};
int run_run(CliContext& context, const RunOptionsCli& options);

struct AssetOptions {
  std::string key;
  int64_t limit = 10;
  bool json = false;
};
int run_asset(CliContext& context, const AssetOptions& options);

struct ChecksOptions {
  std::string key;
  bool json = false;
};
int run_checks(CliContext& context, const ChecksOptions& options);

struct LineageOptions {
  std::string key;  // empty = the whole graph
  int depth = -1;
  bool json = false;
};
int run_lineage(CliContext& context, const LineageOptions& options);

struct BackfillOptionsCli {
  std::string selection = "*";
  PartitionOptions partitions;
  std::string strategy;       // empty: per-partition (a retry: the retried backfill's)
  std::string retry_failed;  // a backfill id
  LaunchOptions launch;
};
int run_backfill(CliContext& context, const BackfillOptionsCli& options);

struct BackfillsOptions {
  std::string backfill_id;  // empty: list recent backfills
  int64_t limit = 20;
  bool json = false;
};
int run_backfills(CliContext& context, const BackfillsOptions& options);

struct PartitionsOptions {
  std::string key;  // an asset key
  bool json = false;
};
int run_partitions(CliContext& context, const PartitionsOptions& options);

struct DynamicPartitionsOptions {
  std::string name;
  std::vector<std::string> keys;
  bool remove = false;
};
int run_dynamic_partitions(CliContext& context, const DynamicPartitionsOptions& options);

struct FreshnessOptions {
  std::string selection = "*";
  bool json = false;
};
int run_check_freshness(CliContext& context, const FreshnessOptions& options);

struct WipeOptions {
  std::vector<std::string> keys;  // asset keys; empty with --all = everything
  bool all = false;
  bool runs = false;  // also delete runs and their events
  bool data = false;  // also delete stored asset values
  bool yes = false;
  bool json = false;
};
int run_wipe(CliContext& context, const WipeOptions& options);

}  // namespace strata::cli
