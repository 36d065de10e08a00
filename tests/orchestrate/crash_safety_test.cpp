// A step killed with SIGKILL in the middle of writing must leave the
// previous version of its asset readable and storage usable.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "orchestrate/orchestrate_test_support.hpp"
#include "strata/orchestrate/csv_io_manager.hpp"
#include "strata/orchestrate/memory_run_storage.hpp"
#include "strata/orchestrate/run_ownership.hpp"
#include "strata/orchestrate/run_launcher.hpp"
#include "strata/orchestrate/sqlite_run_storage.hpp"

namespace strata {
namespace {

namespace fs = std::filesystem;
using testing::numbers_frame;
using testing::TemporaryFolder;

/// Writes the new version completely to the temporary file, tells the
/// parent (through a pipe) and then hangs before the rename: the worst
/// moment to be killed.
class HangingCsvIOManager : public CsvIOManager {
 public:
  HangingCsvIOManager(fs::path root, int notify_fd) : CsvIOManager(std::move(root)), notify_fd_(notify_fd) {}

 protected:
  void write_frame(const DataFrame& frame, const fs::path& path) override {
    CsvIOManager::write_frame(frame, path);
    char byte = 'w';
    (void)::write(notify_fd_, &byte, 1);
    for (;;) ::pause();
  }

 private:
  int notify_fd_;
};

Definitions pipeline(int generation, int notify_fd) {
  Definitions defs;
  defs.io_manager("hanging", [notify_fd](const fs::path& root) { return std::make_shared<HangingCsvIOManager>(root, notify_fd); });
  auto& events = defs.asset("events", [generation] {
    std::vector<int64_t> values(generation == 1 ? 3 : 200000, generation);
    return numbers_frame(values);
  });
  events.io_manager(generation == 1 ? "csv" : "hanging");
  return defs;
}

TEST(CrashSafetyTest, SigkillDuringAWriteKeepsThePreviousVersion) {
  TemporaryFolder folder;
  {
    auto instance = Instance::open(folder.path());
    RunResult first = materialize(pipeline(1, -1), *instance, "*");
    ASSERT_TRUE(first.success()) << first.error;
  }
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(pipe_fds[0]);
    try {
      auto instance = Instance::open(folder.path());
      materialize(pipeline(2, pipe_fds[1]), *instance, "*");
    } catch (...) {
    }
    ::_exit(3);  // not reached: the parent kills us mid-write
  }
  ::close(pipe_fds[1]);
  char byte = 0;
  ASSERT_EQ(::read(pipe_fds[0], &byte, 1), 1) << "the child never reached the write";
  ::close(pipe_fds[0]);
  // The new version sits complete in a temporary file right now.
  bool temporary_seen = false;
  for (const auto& entry : fs::directory_iterator(folder.path() / "storage"))
    if (entry.path().filename().string().ends_with(".tmp")) temporary_seen = true;
  EXPECT_TRUE(temporary_seen);
  ASSERT_EQ(::kill(child, SIGKILL), 0);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));

  // The previous version is intact and the run storage is readable.
  CsvIOManager reader(folder.path() / "storage");
  Value value = reader.load(InputContext{"events", "", "", Metadata()});
  EXPECT_TRUE(value.frame().equals(numbers_frame({1, 1, 1}))) << value.frame();
  auto instance = Instance::open(folder.path());
  std::vector<RunRecord> runs = instance->storage().list_runs();
  ASSERT_EQ(runs.size(), 2u);
  // Opening the instance found the killed run and marked it failed, with
  // the step it was in.
  EXPECT_EQ(runs[0].status, RunStatus::Failure);
  EXPECT_GT(runs[0].end_time_us, 0);
  EXPECT_EQ(runs[1].status, RunStatus::Success);
  std::vector<Event> killed_run = instance->storage().run_events(runs[0].run_id);
  ASSERT_GE(killed_run.size(), 2u);
  EXPECT_EQ(killed_run.back().type, EventType::RunFailure);
  EXPECT_NE(killed_run.back().message.find("killed"), std::string::npos) << killed_run.back().message;
  const Event& step_failure = killed_run[killed_run.size() - 2];
  EXPECT_EQ(step_failure.type, EventType::StepFailure);
  EXPECT_EQ(step_failure.step_key, "events");
  EventFilter history;
  history.types = {EventType::AssetMaterialization};
  EXPECT_EQ(instance->storage().asset_events("events", history).size(), 1u);

  // The next successful write cleans the dead process's temporary file.
  RunResult third = materialize(pipeline(1, -1), *instance, "*");
  ASSERT_TRUE(third.success()) << third.error;
  for (const auto& entry : fs::directory_iterator(folder.path() / "storage"))
    EXPECT_FALSE(entry.path().filename().string().ends_with(".tmp")) << entry.path();
}

TEST(CrashSafetyTest, OnlyRunsWhoseProcessIsGoneAreMarkedFailed) {
  MemoryRunStorage storage;
  auto started_run = [&](const std::string& id, std::map<std::string, std::string> tags, int64_t pid) {
    RunRecord run;
    run.run_id = id;
    run.job_name = "__asset_job";
    run.start_time_us = now_us();
    run.tags = std::move(tags);
    run.pid = pid;
    storage.add_run(run);
  };
  std::map<std::string, std::string> mine;
  tag_run_owner(mine);
  started_run("alive", mine, ::getpid());

  // A child that has exited and been reaped: its pid names no process (or,
  // if reused, one with another start time). It sends its tag up a pipe.
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::map<std::string, std::string> tags;
    tag_run_owner(tags);
    const std::string& process = tags.at("strata/process");
    (void)::write(pipe_fds[1], process.data(), process.size());
    ::_exit(0);
  }
  ::close(pipe_fds[1]);
  char buffer[512] = {};
  ASSERT_GT(::read(pipe_fds[0], buffer, sizeof buffer - 1), 0);
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  const std::string dead_process = buffer;
  std::map<std::string, std::string> dead = mine;
  dead["strata/process"] = dead_process;
  started_run("dead", dead, child);

  std::map<std::string, std::string> elsewhere = dead;
  elsewhere["strata/host"] = mine.at("strata/host") + "-another-host";
  started_run("other-host", elsewhere, child);
  started_run("untagged", {}, child);

  EXPECT_EQ(fail_abandoned_runs(storage), 1);
  EXPECT_EQ(storage.get_run("dead")->status, RunStatus::Failure);
  EXPECT_EQ(storage.get_run("alive")->status, RunStatus::Started);
  EXPECT_EQ(storage.get_run("other-host")->status, RunStatus::Started);
  EXPECT_EQ(storage.get_run("untagged")->status, RunStatus::Started);
  EXPECT_EQ(fail_abandoned_runs(storage), 0) << "a second pass finds nothing new";
}

}  // namespace
}  // namespace strata
