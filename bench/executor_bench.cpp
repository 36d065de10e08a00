// Orchestration overhead: a graph of trivial assets (asset i reads asset
// (i-1)/2, a binary tree) materialized with the in-process and the
// multiprocess executor on SQLite or PostgreSQL run storage. Prints wall time
// and the overhead per step (wall time / steps: the assets do nothing).
//
//   executor_bench [--assets 1000] [--executor both|in_process|multiprocess]
//                  [--max-concurrent N] [--storage sqlite|memory|URL]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>

#include "bench_storage.hpp"
#include "strata/orchestrate/orchestrate.hpp"

namespace fs = std::filesystem;
using namespace strata;

namespace {

struct Options {
  int assets = 1000;
  std::string executor = "both";
  int max_concurrent = 0;
  std::string storage = "sqlite";
};

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    std::string value = argv[i + 1];
    if (flag == "--assets") options.assets = std::stoi(value);
    else if (flag == "--executor") options.executor = value;
    else if (flag == "--max-concurrent") options.max_concurrent = std::stoi(value);
    else if (flag == "--storage") options.storage = value;
    else {
      std::fprintf(stderr, "unknown option %s\n", flag.c_str());
      std::exit(2);
    }
  }
  return options;
}

Definitions tree(int assets) {
  Definitions defs;
  defs.asset("a0", [] { return Json(0); });
  for (int i = 1; i < assets; ++i)
    defs.asset("a" + std::to_string(i), {"a" + std::to_string((i - 1) / 2)},
               [i](const Json& parent) { return Json(parent.get<int64_t>() + i); });
  return defs;
}

void measure(const Options& options, const std::string& executor) {
  fs::path home = fs::temp_directory_path() / ("strata-orchestrate-bench-" + std::to_string(::getpid()));
  fs::remove_all(home);
  fs::create_directories(home);
  std::shared_ptr<RunStorage> storage = bench::open_bench_storage(options.storage, home);
  InstanceSettings settings;
  settings.default_io_manager = "parquet";  // values as files: visible to every process
  Instance instance(storage, home, settings);
  Definitions defs = tree(options.assets);
  RunOptions run;
  int concurrency = 1;
  if (executor == "multiprocess") {
    MultiprocessOptions mp;
    mp.max_concurrent = options.max_concurrent;
    auto chosen = std::make_shared<MultiprocessExecutor>(mp);
    concurrency = chosen->max_concurrent();
    run.executor = chosen;
  }
  const auto start = std::chrono::steady_clock::now();
  RunResult result = materialize(defs, instance, "*", std::move(run));
  const double wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (!result.success()) {
    std::fprintf(stderr, "run failed: %s\n", result.error.c_str());
    std::exit(1);
  }
  std::printf("orchestrate %-12s storage=%-10s assets=%d concurrency=%d wall=%.1f ms per_step=%.3f ms\n",
              executor.c_str(), storage->backend_name().c_str(), options.assets, concurrency, wall_ms,
              wall_ms / options.assets);
  fs::remove_all(home);
}

}  // namespace

int main(int argc, char** argv) {
  Options options = parse(argc, argv);
  if (options.executor == "both" || options.executor == "in_process") measure(options, "in_process");
  if (options.executor == "both" || options.executor == "multiprocess") measure(options, "multiprocess");
  return 0;
}
