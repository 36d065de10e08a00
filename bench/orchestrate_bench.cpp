// Orchestration overhead: what Strata costs around the user's code.
//
//   orchestrate_bench [--assets 1000] [--events 10000] [--launches 20] [--repeat 3]
//   orchestrate_bench cli ARGS...      (the tiny pipeline binary the launch test runs)
//
// Measures, on the default embedded setup (SQLite run storage in a fresh
// home folder):
//   1. a graph of N trivial assets (a binary tree: asset i reads asset
//      (i-1)/2), materialized in one run: wall time and per-step overhead,
//      with the in-memory IO manager and with the filesystem default;
//   2. event-log appends per second, batched (as runs write them) and one
//      event per transaction, and a history query on the grown log;
//   3. one run whose asset logs E lines (E + a few events in storage);
//   4. launching a run from the command line: fork+exec of this binary as a
//      pipeline, `materialize` of one asset, until exit; and `list`.
// For scale, the launch figures are printed beside the start-up of the
// Python interpreter with pandas imported (what any Python orchestrator
// pays before it does anything), measured in the same invocation.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "strata/cli/run_cli.hpp"
#include "strata/orchestrate/orchestrate.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Best of `repeat` runs of `work`, in seconds.
double best_of(int repeat, const std::function<void()>& work) {
  double best = 1e300;
  for (int i = 0; i < repeat; ++i) {
    auto start = Clock::now();
    work();
    best = std::min(best, seconds_since(start));
  }
  return best;
}

/// A fresh, empty home folder removed when the guard goes.
struct ScratchHome {
  fs::path path;
  ScratchHome() {
    static int counter = 0;
    path = fs::temp_directory_path() /
           ("strata-orchestrate-bench-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ScratchHome() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

strata::Definitions tree_of_assets(int count, const std::string& io_manager) {
  strata::Definitions defs;
  defs.asset("a0", [] { return int64_t{1}; }).io_manager(io_manager);
  for (int i = 1; i < count; ++i) {
    defs.asset("a" + std::to_string(i), {strata::AssetKey("a" + std::to_string((i - 1) / 2))},
               [](int64_t parent) { return parent + 1; })
        .io_manager(io_manager);
  }
  return defs;
}

void require(const strata::RunResult& result, const char* what) {
  if (!result.success()) {
    std::cerr << what << " failed: " << result.error << "\n";
    std::exit(1);
  }
}

void bench_asset_graph(int assets, int repeat) {
  for (const std::string io_manager : {"memory", "default"}) {
    const strata::Definitions defs = tree_of_assets(assets, io_manager);
    const double best = best_of(repeat, [&] {
      ScratchHome home;
      auto instance = strata::Instance::open(home.path);
      require(strata::materialize(defs, *instance, "*"), "the asset graph run");
    });
    std::printf("  %-44s %9.1f ms   %7.3f ms/step\n",
                (std::to_string(assets) + " trivial assets, " + io_manager + " IO manager").c_str(),
                best * 1e3, best * 1e3 / assets);
  }
}

strata::Event log_event(const std::string& run_id, int i) {
  strata::Event event;
  event.run_id = run_id;
  event.timestamp_us = strata::now_us();
  event.type = i % 10 == 0 ? strata::EventType::AssetMaterialization : strata::EventType::Log;
  event.step_key = "step" + std::to_string(i % 50);
  event.asset_key =
      event.type == strata::EventType::AssetMaterialization ? "asset" + std::to_string(i % 50) : "";
  event.message = "event number " + std::to_string(i);
  return event;
}

void bench_event_log(int batched_events, int single_events) {
  ScratchHome home;
  strata::SqliteRunStorage storage((home.path / "runs.db").string());
  strata::RunRecord run;
  run.run_id = "bench-run";
  run.job_name = "__asset_job";
  run.start_time_us = strata::now_us();
  storage.add_run(run);

  auto start = Clock::now();
  for (int done = 0; done < batched_events;) {
    std::vector<strata::Event> batch;
    for (int i = 0; i < 256 && done < batched_events; ++i, ++done)
      batch.push_back(log_event(run.run_id, done));
    storage.append_events(batch);
  }
  const double batched = seconds_since(start);
  start = Clock::now();
  for (int i = 0; i < single_events; ++i) {
    std::vector<strata::Event> one{log_event(run.run_id, i)};
    storage.append_events(one);
  }
  const double single = seconds_since(start);
  strata::EventFilter history;
  history.types = {strata::EventType::AssetMaterialization};
  history.limit = 100;
  const double query = best_of(5, [&] { (void)storage.asset_events("asset7", history); });

  std::printf("  %-44s %9.0f events/s\n", "event log, batches of 256 (as runs write)",
              batched_events / batched);
  std::printf("  %-44s %9.0f events/s\n", "event log, one event per transaction", single_events / single);
  std::printf("  %-44s %9.2f ms (log of %d events)\n", "asset history query (100 newest)", query * 1e3,
              batched_events + single_events);
}

void bench_chatty_run(int events, int repeat) {
  strata::Definitions defs;
  defs.asset("chatty", [events](strata::AssetContext& ctx) {
    for (int i = 0; i < events; ++i) ctx.info("processed chunk " + std::to_string(i));
    return int64_t{events};
  });
  size_t stored = 0;
  const double best = best_of(repeat, [&] {
    ScratchHome home;
    auto instance = strata::Instance::open(home.path);
    strata::RunResult result = strata::materialize(defs, *instance, "*");
    require(result, "the chatty run");
    stored = instance->storage().run_events(result.run.run_id).size();
  });
  std::printf("  %-44s %9.1f ms   (%zu events stored)\n",
              ("one run logging " + std::to_string(events) + " lines").c_str(), best * 1e3, stored);
}

/// Runs `arguments` as a child process (stdout/stderr to /dev/null) and
/// waits; returns the exit status.
int run_quietly(const std::vector<std::string>& arguments) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::vector<char*> argv;
  for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  int status = -1;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0) ::waitpid(pid, &status, 0);
  posix_spawn_file_actions_destroy(&actions);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

double launch_time(const std::vector<std::string>& arguments, int launches) {
  return best_of(launches, [&] {
    if (run_quietly(arguments) != 0) {
      std::cerr << "'" << arguments[0] << "' failed; run it by hand to see why\n";
      std::exit(1);
    }
  });
}

void bench_launch(const std::string& self, int launches) {
  ScratchHome home;
  ::setenv("STRATA_HOME", home.path.c_str(), 1);
  const double run = launch_time({self, "cli", "materialize", "--select", "one"}, launches);
  const double list = launch_time({self, "cli", "list"}, launches);
  std::printf("  %-44s %9.1f ms\n", "launch + run of one asset (`materialize`)", run * 1e3);
  std::printf("  %-44s %9.1f ms\n", "`list` (start-up, definitions, exit)", list * 1e3);
  if (fs::exists("/usr/bin/python3")) {
    const double python = launch_time({"/usr/bin/python3", "-c", "import pandas"}, std::max(3, launches / 4));
    std::printf("  %-44s %9.1f ms   (Strata's run launch is %.0fx faster)\n",
                "peer: python3 -c 'import pandas'", python * 1e3, python / run);
  }
}

int pipeline_main(int argc, char** argv) {
  strata::Definitions defs;
  defs.asset("one", [] { return int64_t{1}; });
  defs.asset("two", {strata::AssetKey("one")}, [](int64_t one) { return one + 1; });
  return strata::run_cli(defs, argc, argv);
}

int option(int argc, char** argv, const std::string& name, int fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name) return std::atoi(argv[i + 1]);
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "cli") return pipeline_main(argc - 1, argv + 1);
  const int assets = option(argc, argv, "--assets", 1000);
  const int events = option(argc, argv, "--events", 10000);
  const int launches = option(argc, argv, "--launches", 20);
  const int repeat = option(argc, argv, "--repeat", 3);
  const std::string self = fs::canonical("/proc/self/exe").string();

  std::printf("Strata orchestration overhead (SQLite run storage, in-process executor; best of %d)\n",
              repeat);
  bench_asset_graph(assets, repeat);
  bench_event_log(100000, 2000);
  bench_chatty_run(events, repeat);
  bench_launch(self, launches);
  return 0;
}
