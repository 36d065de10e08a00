// A backfill of a year of daily partitions of a small asset (365 partitions,
// 1,000 rows each, stored as Parquet files), timed for each executor and
// strategy on SQLite and, when a URL is given, PostgreSQL run storage.
// Prints wall time and time per partition.
//
//   backfill_bench [--partitions 365] [--rows 1000] [--max-concurrent 2]
//                  [--storage sqlite|memory|URL]... [--strategy single_run|per_partition|batch:N]...
//
// With no --storage the bench runs SQLite, and PostgreSQL too when
// STRATA_BENCH_POSTGRES_URL is set.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_storage.hpp"
#include "strata/core/temporal.hpp"
#include "strata/orchestrate/orchestrate.hpp"

namespace fs = std::filesystem;
using namespace strata;

namespace {

struct Options {
  int partitions = 365;
  int64_t rows = 1000;
  int max_concurrent = 2;
  std::vector<std::string> storages;
  std::vector<std::string> strategies;
};

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--partitions") options.partitions = std::stoi(value);
    else if (flag == "--rows") options.rows = std::stoll(value);
    else if (flag == "--max-concurrent") options.max_concurrent = std::stoi(value);
    else if (flag == "--storage") options.storages.push_back(value);
    else if (flag == "--strategy") options.strategies.push_back(value);
    else {
      std::fprintf(stderr, "unknown option %s\n", flag.c_str());
      std::exit(2);
    }
  }
  if (options.storages.empty()) {
    options.storages.push_back("sqlite");
    if (const char* url = std::getenv("STRATA_BENCH_POSTGRES_URL")) options.storages.push_back(url);
  }
  if (options.strategies.empty()) options.strategies = {"single_run", "per_partition"};
  return options;
}

/// A small daily asset: `rows` rows of the partition's day.
Definitions daily_asset(int64_t rows) {
  Definitions defs;
  defs.asset("events/daily", [rows](AssetContext& ctx) {
        const int64_t day = *temporal::parse_date(ctx.partition_key());
        std::vector<int64_t> ids(static_cast<size_t>(rows));
        std::vector<int64_t> days(static_cast<size_t>(rows), day);
        for (int64_t i = 0; i < rows; ++i) ids[static_cast<size_t>(i)] = day * rows + i;
        return DataFrame({Series::from("id", ids), Series::from("day", days)});
      })
      .partitions(daily_partitions("2023-01-01"))
      .io_manager("parquet");
  return defs;
}

void measure(const Options& options, const std::string& storage_spec, const std::string& strategy,
             const std::string& executor) {
  const fs::path home = fs::temp_directory_path() / ("strata-backfill-bench-" + std::to_string(::getpid()));
  fs::remove_all(home);
  fs::create_directories(home);
  std::shared_ptr<RunStorage> storage = bench::open_bench_storage(storage_spec, home);
  Instance instance(storage, home, InstanceSettings{});
  Definitions defs = daily_asset(options.rows);
  std::vector<std::string> keys = defs.asset_graph().node(AssetKey("events/daily")).definition->partitions_definition()->keys(
      PartitionContext{storage.get(), 0});
  keys.resize(std::min(keys.size(), static_cast<size_t>(options.partitions)));

  BackfillOptions backfill_options;
  backfill_options.strategy = BackfillStrategy::parse(strategy);
  if (executor == "multiprocess") {
    MultiprocessOptions processes;
    processes.max_concurrent = options.max_concurrent;
    backfill_options.run.executor = std::make_shared<MultiprocessExecutor>(processes);
  }
  const auto start = std::chrono::steady_clock::now();
  BackfillResult result = backfill(defs, instance, "events/daily", keys, backfill_options);
  const double wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (!result.success()) {
    std::fprintf(stderr, "backfill failed: %s\n", result.runs.empty() ? "" : result.runs.back().error.c_str());
    std::exit(1);
  }
  std::printf("backfill storage=%-8s strategy=%-13s executor=%-12s partitions=%zu runs=%zu wall=%.0f ms "
              "per_partition=%.2f ms\n",
              storage->backend_name().c_str(), strategy.c_str(), executor.c_str(), keys.size(), result.runs.size(),
              wall_ms, wall_ms / static_cast<double>(keys.size()));
  std::fflush(stdout);
  fs::remove_all(home);
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse(argc, argv);
  for (const std::string& storage : options.storages)
    for (const std::string& strategy : options.strategies)
      for (const char* executor : {"in_process", "multiprocess"}) measure(options, storage, strategy, executor);
  return 0;
}
