// Runs started at the same moment in several processes against one store -
// SQLite (one file) and PostgreSQL - all succeed and all their events are
// kept. The processes also race to create the store.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>

#include "orchestrate/orchestrate_test_support.hpp"
#include "orchestrate/postgres_test_support.hpp"
#include "strata/orchestrate/run_launcher.hpp"
#include "strata/orchestrate/sqlite_run_storage.hpp"

namespace strata {
namespace {

constexpr int kAssets = 12;
constexpr int kLogLines = 5;

/// A chain of assets, each logging a few lines: many small writes per run.
Definitions chatty_chain() {
  Definitions defs;
  defs.asset("a0", [](AssetContext& ctx) {
    for (int i = 0; i < kLogLines; ++i) ctx.info("line " + std::to_string(i));
    return testing::numbers_frame({1, 2, 3});
  });
  for (int i = 1; i < kAssets; ++i)
    defs.asset("a" + std::to_string(i), {"a" + std::to_string(i - 1)},
               [](AssetContext& ctx, const DataFrame& upstream) {
                 for (int line = 0; line < kLogLines; ++line) ctx.info("line " + std::to_string(line));
                 return upstream;
               });
  return defs;
}

InstanceSettings parquet_settings() {
  InstanceSettings settings;
  settings.default_io_manager = "parquet";
  return settings;
}

/// Forks `processes` children that wait at a gate, then open the store and
/// materialize everything at once. Returns the children's exit codes.
std::vector<int> run_at_once(int processes, const std::function<std::shared_ptr<RunStorage>()>& open_storage,
                             const std::filesystem::path& home) {
  int gate[2];
  EXPECT_EQ(::pipe(gate), 0);
  std::vector<pid_t> children;
  for (int child = 0; child < processes; ++child) {
    pid_t pid = ::fork();
    if (pid == 0) {
      ::close(gate[1]);
      char byte;
      while (::read(gate[0], &byte, 1) > 0) {
      }  // the gate opens when the parent closes its end
      int code = 0;
      try {
        Instance instance(open_storage(), home, parquet_settings());
        Definitions defs = chatty_chain();
        RunResult result = materialize(defs, instance, "*");
        if (!result.success()) {
          std::fprintf(stderr, "child %d: run failed: %s\n", child, result.error.c_str());
          code = 1;
        }
      } catch (const std::exception& error) {
        std::fprintf(stderr, "child %d: %s\n", child, error.what());
        code = 2;
      }
      ::_exit(code);
    }
    children.push_back(pid);
  }
  ::close(gate[0]);
  ::close(gate[1]);  // go
  std::vector<int> codes;
  for (pid_t pid : children) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    codes.push_back(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
  }
  return codes;
}

void expect_every_run_recorded(RunStorage& storage, int processes) {
  RunFilter all;
  all.limit = 0;
  std::vector<RunRecord> runs = storage.list_runs(all);
  ASSERT_EQ(runs.size(), static_cast<size_t>(processes));
  for (const RunRecord& run : runs) {
    EXPECT_EQ(run.status, RunStatus::Success) << run.run_id;
    std::vector<Event> events = storage.run_events(run.run_id);
    int successes = 0, logs = 0;
    for (const Event& event : events) {
      successes += event.type == EventType::StepSuccess;
      logs += event.type == EventType::Log;
    }
    EXPECT_EQ(successes, kAssets);
    EXPECT_EQ(logs, kAssets * kLogLines);
  }
  std::vector<AssetRecord> assets = storage.assets();
  ASSERT_EQ(assets.size(), static_cast<size_t>(kAssets));
  for (const AssetRecord& asset : assets) EXPECT_EQ(asset.materialization_count, processes) << asset.asset_key;
}

TEST(ConcurrentRunsTest, RunsStartedAtOnceShareOneSqliteFile) {
  testing::TemporaryFolder folder;
  const std::string path = (folder.path() / "runs.db").string();
  auto open = [&] { return std::make_shared<SqliteRunStorage>(path); };
  constexpr int kProcesses = 4;
  std::vector<int> codes = run_at_once(kProcesses, open, folder.path());
  for (int code : codes) EXPECT_EQ(code, 0);
  expect_every_run_recorded(*open(), kProcesses);
}

TEST(ConcurrentRunsTest, RunsStartedAtOnceShareOnePostgresStore) {
  STRATA_SKIP_WITHOUT_POSTGRES();
  testing::TemporaryFolder folder;
  testing::TemporaryPostgresSchema schema;
  auto open = [&] { return std::shared_ptr<RunStorage>(schema.open()); };
  constexpr int kProcesses = 4;
  std::vector<int> codes = run_at_once(kProcesses, open, folder.path());
  for (int code : codes) EXPECT_EQ(code, 0);
  expect_every_run_recorded(*open(), kProcesses);
}

}  // namespace
}  // namespace strata
