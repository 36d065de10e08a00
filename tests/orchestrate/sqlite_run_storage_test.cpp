// What only the SQLite backend promises: durability across reopening, WAL,
// sharing the file between processes, refusing newer schemas, upgrading
// older ones in place.
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

/// Runs SQL on the file outside Strata; returns the first column of the first row.
std::string sql(const std::string& path, const std::string& statement) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  std::string value;
  char* error = nullptr;
  auto first_value = [](void* out, int columns, char** values, char**) {
    if (columns > 0 && values[0] && static_cast<std::string*>(out)->empty()) *static_cast<std::string*>(out) = values[0];
    return 0;
  };
  EXPECT_EQ(sqlite3_exec(db, statement.c_str(), first_value, &value, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
  return value;
}

// The schema as release 1 wrote it: PRAGMA user_version 1, no partitions,
// dynamic partitions or backfills.
constexpr const char* kVersion1Schema = R"sql(
CREATE TABLE runs (
  run_id        TEXT PRIMARY KEY,
  job_name      TEXT NOT NULL,
  status        TEXT NOT NULL,
  selection     TEXT NOT NULL,
  step_keys     TEXT NOT NULL,
  run_config    TEXT NOT NULL,
  tags          TEXT NOT NULL,
  parent_run_id TEXT NOT NULL,
  root_run_id   TEXT NOT NULL,
  start_time    INTEGER NOT NULL,
  end_time      INTEGER NOT NULL,
  pid           INTEGER NOT NULL
);
CREATE INDEX runs_by_start ON runs(start_time, run_id);
CREATE INDEX runs_by_status ON runs(status, start_time);
CREATE TABLE events (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id     TEXT NOT NULL,
  timestamp  INTEGER NOT NULL,
  type       TEXT NOT NULL,
  step_key   TEXT NOT NULL,
  asset_key  TEXT NOT NULL,
  level      TEXT NOT NULL,
  message    TEXT NOT NULL,
  data       TEXT NOT NULL
);
CREATE INDEX events_by_run ON events(run_id, id);
CREATE INDEX events_by_asset ON events(asset_key, type, id) WHERE asset_key != '';
CREATE INDEX events_by_type ON events(type, id);
PRAGMA user_version = 1;
)sql";

TEST(SqliteRunStorageTest, UpgradesAVersion1DatabaseInPlace) {
  testing::TemporaryFolder folder;
  const std::string path = (folder.path() / "runs.db").string();
  sql(path, kVersion1Schema);
  sql(path,
      "INSERT INTO runs VALUES ('old', '__asset_job', 'SUCCESS', '*', '[]', '{}', '{\"team\":\"data\"}', '', "
      "'old', 100, 200, 1);"
      "INSERT INTO events (run_id, timestamp, type, step_key, asset_key, level, message, data) VALUES "
      "('old', 100, 'RUN_START', '', '', 'INFO', 'started', '{}'),"
      "('old', 150, 'ASSET_MATERIALIZATION', 'sales', 'sales', 'INFO', 'stored', '{\"rows\":3}');");
  ASSERT_EQ(sql(path, "PRAGMA user_version"), "1");

  {
    SqliteRunStorage storage(path);
    EXPECT_EQ(sql(path, "PRAGMA user_version"), "2");
    std::optional<RunRecord> run = storage.get_run("old");
    ASSERT_TRUE(run);
    EXPECT_EQ(run->status, RunStatus::Success);
    RunFilter by_tag;
    by_tag.tags = {{"team", "data"}};
    EXPECT_EQ(storage.list_runs(by_tag).size(), 1u);
    std::vector<Event> old_events = storage.run_events("old");
    ASSERT_EQ(old_events.size(), 2u);
    EXPECT_EQ(old_events[1].partition, "");
    EXPECT_EQ(old_events[1].data["rows"], 3);

    Event partitioned = old_events[1];
    partitioned.partition = "2024-01-31";
    std::vector<Event> batch{partitioned};
    storage.append_events(batch);
    EXPECT_GT(batch[0].id, old_events[1].id);
    std::vector<Event> history = storage.asset_events("sales", EventFilter{});
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].partition, "2024-01-31");
    EXPECT_EQ(history[1].partition, "");
    storage.add_dynamic_partitions("customers", {"acme"});
    BackfillRecord backfill;
    backfill.backfill_id = "bf1";
    storage.add_backfill(backfill);
  }
  EXPECT_EQ(sql(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'events_by_asset_partition'"), "1");
  // Reopening a current database changes nothing.
  SqliteRunStorage reopened(path);
  EXPECT_EQ(sql(path, "PRAGMA user_version"), "2");
  EXPECT_EQ(reopened.run_events("old").size(), 3u);
  EXPECT_EQ(reopened.dynamic_partitions("customers"), (std::vector<std::string>{"acme"}));
  EXPECT_TRUE(reopened.get_backfill("bf1"));
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
