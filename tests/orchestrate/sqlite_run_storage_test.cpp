// What only the SQLite backend promises: durability across reopening, WAL,
// sharing the file between processes, refusing newer schemas.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "orchestrate/orchestrate_test_support.hpp"
#include "strata/orchestrate/sqlite_run_storage.hpp"

namespace strata {
namespace {

RunRecord simple_run(const std::string& id) {
  RunRecord run;
  run.run_id = id;
  run.job_name = "__asset_job";
  run.start_time_us = now_us();
  return run;
}

TEST(SqliteRunStorageTest, DataSurvivesReopening) {
  testing::TemporaryFolder folder;
  const std::string path = (folder.path() / "runs.db").string();
  {
    SqliteRunStorage storage(path);
    storage.add_run(simple_run("r1"));
    Event event;
    event.run_id = "r1";
    event.type = EventType::AssetMaterialization;
    event.asset_key = "events";
    std::vector<Event> events{event};
    storage.append_events(events);
  }
  SqliteRunStorage reopened(path);
  EXPECT_TRUE(reopened.get_run("r1"));
  EXPECT_EQ(reopened.assets().size(), 1u);
}

TEST(SqliteRunStorageTest, UsesWriteAheadLogging) {
  testing::TemporaryFolder folder;
  const std::string path = (folder.path() / "runs.db").string();
  SqliteRunStorage storage(path);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &statement, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))), "wal");
  sqlite3_finalize(statement);
  sqlite3_close(db);
}

TEST(SqliteRunStorageTest, SeveralProcessesWriteTheSameFile) {
  testing::TemporaryFolder folder;
  const std::string path = (folder.path() / "runs.db").string();
  { SqliteRunStorage create(path); }
  std::vector<pid_t> children;
  for (int child = 0; child < 3; ++child) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int code = 0;
      try {
        SqliteRunStorage storage(path);
        for (int i = 0; i < 20; ++i) {
          std::string id = "c" + std::to_string(child) + "-" + std::to_string(i);
          storage.add_run(simple_run(id));
          Event event;
          event.run_id = id;
          event.type = EventType::RunStart;
          std::vector<Event> events{event, event};
          storage.append_events(events);
        }
      } catch (...) {
        code = 1;
      }
      ::_exit(code);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  SqliteRunStorage storage(path);
  RunFilter all;
  all.limit = 0;
  EXPECT_EQ(storage.list_runs(all).size(), 60u);
  EXPECT_EQ(storage.run_events("c2-19").size(), 2u);
}

TEST(SqliteRunStorageTest, RefusesNewerSchemaAndUnwritablePaths) {
  testing::TemporaryFolder folder;
  const std::string path = (folder.path() / "runs.db").string();
  { SqliteRunStorage create(path); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  try {
    SqliteRunStorage newer(path);
    FAIL();
  } catch (const IOError& error) {
    EXPECT_NE(std::string(error.what()).find("schema version 99"), std::string::npos) << error.what();
  }
  EXPECT_THROW(SqliteRunStorage((folder.path() / "no/such/folder/runs.db").string()), IOError);
}

}  // namespace
}  // namespace strata
