// A step killed with SIGKILL in the middle of writing must leave the
// previous version of its asset readable and storage usable.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "orchestrate/orchestrate_test_support.hpp"
#include "strata/orchestrate/csv_io_manager.hpp"
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
  EXPECT_EQ(runs[0].status, RunStatus::Started);  // the killed run never ended
  EXPECT_EQ(runs[1].status, RunStatus::Success);
  EventFilter history;
  history.types = {EventType::AssetMaterialization};
  EXPECT_EQ(instance->storage().asset_events("events", history).size(), 1u);

  // The next successful write cleans the dead process's temporary file.
  RunResult third = materialize(pipeline(1, -1), *instance, "*");
  ASSERT_TRUE(third.success()) << third.error;
  for (const auto& entry : fs::directory_iterator(folder.path() / "storage"))
    EXPECT_FALSE(entry.path().filename().string().ends_with(".tmp")) << entry.path();
}

}  // namespace
}  // namespace strata
