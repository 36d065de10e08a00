// What only the PostgreSQL backend promises: a recorded schema version with
// forward migration, refusing newer schemas, several processes creating and
// writing one store at once, fork-safe connections, text PostgreSQL would
// reject, and selection by URL. The shared behaviour is in run_storage_test.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "orchestrate/orchestrate_test_support.hpp"
#include "orchestrate/postgres_test_support.hpp"
#include "strata/orchestrate/run_launcher.hpp"

namespace strata {
namespace {

using testing::TemporaryPostgresSchema;

RunRecord simple_run(const std::string& id) {
  RunRecord run;
  run.run_id = id;
  run.job_name = "__asset_job";
  run.start_time_us = now_us();
  return run;
}

/// Runs SQL on the test server outside Strata (to tamper with a schema).
std::string sql(const std::string& statement) {
  PGconn* conn = PQconnectdb(testing::test_postgres_url().c_str());
  EXPECT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  PGresult* result = PQexec(conn, statement.c_str());
  EXPECT_TRUE(PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK)
      << PQresultErrorMessage(result);
  std::string value = PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) > 0 ? PQgetvalue(result, 0, 0) : "";
  PQclear(result);
  PQfinish(conn);
  return value;
}

TEST(PostgresRunStorageTest, RecordsSchemaVersionAndMigratesForward) {
  STRATA_SKIP_WITHOUT_POSTGRES();
  TemporaryPostgresSchema schema;
  {
    auto storage = schema.open();
    EXPECT_EQ(storage->schema_version(), PostgresRunStorage::kSchemaVersion);
    storage->add_run(simple_run("kept"));
    Event event;
    event.run_id = "kept";
    event.type = EventType::AssetMaterialization;
    event.asset_key = "sales";
    std::vector<Event> events{event};
    storage->append_events(events);
  }
  // Roll the database back to version 1, as an older release left it.
  const std::string s = "\"" + schema.schema() + "\"";
  sql("DELETE FROM " + s + ".schema_version WHERE version >= 2; DROP INDEX " + s + ".events_by_type, " + s +
      ".events_by_asset, " + s + ".runs_by_start, " + s + ".runs_by_status; ALTER TABLE " + s +
      ".events DROP COLUMN partition_key; DROP TABLE " + s + ".dynamic_partitions, " + s + ".backfills");
  EXPECT_EQ(sql("SELECT COUNT(*) FROM pg_indexes WHERE schemaname = '" + schema.schema() +
                "' AND indexname = 'events_by_type'"),
            "0");
  auto storage = schema.open();
  EXPECT_EQ(storage->schema_version(), 3);
  for (const char* index : {"events_by_type", "events_by_asset_partition", "backfills_by_start"})
    EXPECT_EQ(sql("SELECT COUNT(*) FROM pg_indexes WHERE schemaname = '" + schema.schema() + "' AND indexname = '" +
                  index + "'"),
              "1")
        << index;
  EXPECT_TRUE(storage->get_run("kept"));  // data survives the migration
  std::vector<Event> old_events = storage->run_events("kept");
  ASSERT_EQ(old_events.size(), 1u);
  EXPECT_EQ(old_events[0].partition, "");
  Event partitioned = old_events[0];
  partitioned.partition = "2024-01-31";
  std::vector<Event> events{partitioned};
  storage->append_events(events);
  std::vector<Event> history = storage->asset_events("sales", EventFilter{});
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].partition, "2024-01-31");
  storage->add_dynamic_partitions("customers", {"acme"});
  EXPECT_EQ(storage->dynamic_partitions("customers"), (std::vector<std::string>{"acme"}));
}

TEST(PostgresRunStorageTest, RefusesNewerSchema) {
  STRATA_SKIP_WITHOUT_POSTGRES();
  TemporaryPostgresSchema schema;
  schema.open();
  sql("INSERT INTO \"" + schema.schema() + "\".schema_version VALUES (99, 0)");
  try {
    schema.open();
    FAIL();
  } catch (const IOError& error) {
    EXPECT_NE(std::string(error.what()).find("schema version 99"), std::string::npos) << error.what();
  }
}

TEST(PostgresRunStorageTest, UnreachableServerNamesItWithoutThePassword) {
  try {
    PostgresRunStorage storage("postgresql://someone:s3cret@127.0.0.1:1/nothing?connect_timeout=2");
    FAIL();
  } catch (const IOError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("127.0.0.1:1/nothing"), std::string::npos) << message;
    EXPECT_EQ(message.find("s3cret"), std::string::npos) << message;
  }
  EXPECT_THROW(PostgresRunStorage("postgresql://host/db?schema=Robert');DROP"), InvalidInputError);
}

TEST(PostgresRunStorageTest, SeveralProcessesCreateAndWriteOneStoreAtOnce) {
  STRATA_SKIP_WITHOUT_POSTGRES();
  TemporaryPostgresSchema schema;  // not created yet: the children race to create it
  std::vector<pid_t> children;
  for (int child = 0; child < 4; ++child) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int code = 0;
      try {
        auto storage = schema.open();
        for (int i = 0; i < 10; ++i) {
          std::string id = "c" + std::to_string(child) + "-" + std::to_string(i);
          storage->add_run(simple_run(id));
          Event event;
          event.run_id = id;
          event.type = EventType::RunStart;
          std::vector<Event> events{event, event};
          storage->append_events(events);
        }
      } catch (const std::exception& error) {
        std::fprintf(stderr, "child %d: %s\n", child, error.what());
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
  auto storage = schema.open();
  RunFilter all;
  all.limit = 0;
  EXPECT_EQ(storage->list_runs(all).size(), 40u);
  EXPECT_EQ(storage->run_events("c3-9").size(), 2u);
  // Each migration applied exactly once.
  EXPECT_EQ(sql("SELECT COUNT(*) FROM \"" + schema.schema() + "\".schema_version"),
            std::to_string(PostgresRunStorage::kSchemaVersion));
}

TEST(PostgresRunStorageTest, ForkedChildUsesItsOwnConnection) {
  STRATA_SKIP_WITHOUT_POSTGRES();
  TemporaryPostgresSchema schema;
  auto storage = schema.open();
  storage->add_run(simple_run("parent"));
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    int code = 0;
    try {
      storage->add_run(simple_run("child"));
      code = storage->get_run("parent") ? 0 : 2;
    } catch (...) {
      code = 1;
    }
    ::_exit(code);  // no destructors: the parent's connection must stay open
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  // The parent's session is untouched by the child.
  EXPECT_TRUE(storage->get_run("child"));
  storage->add_run(simple_run("parent-again"));
  EXPECT_EQ(storage->list_runs().size(), 3u);
}

TEST(PostgresRunStorageTest, StoresTextPostgresWouldReject) {
  STRATA_SKIP_WITHOUT_POSTGRES();
  TemporaryPostgresSchema schema;
  auto storage = schema.open();
  storage->add_run(simple_run("r1"));
  Event event;
  event.run_id = "r1";
  event.type = EventType::Log;
  event.message = std::string("bad \xff byte and a NUL \0 here", 27);
  std::vector<Event> events{event};
  storage->append_events(events);
  std::vector<Event> stored = storage->run_events("r1");
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_NE(stored[0].message.find("bad \xEF\xBF\xBD byte"), std::string::npos) << stored[0].message;
  EXPECT_NE(stored[0].message.find("NUL  here"), std::string::npos) << stored[0].message;

  // A NUL in a tag must not break filtering by tags (PostgreSQL's JSON
  // functions refuse \u0000): it is dropped like in any other text.
  RunRecord tagged = simple_run("r2");
  tagged.tags = {{"team", std::string("da\0ta", 5)}, {"other", "x"}};
  storage->add_run(tagged);
  RunFilter by_tag;
  by_tag.tags = {{"other", "x"}};
  ASSERT_EQ(storage->list_runs(by_tag).size(), 1u);
  EXPECT_EQ(storage->get_run("r2")->tags.at("team"), "data");
  by_tag.tags = {{"team", std::string("da\0ta", 5)}};
  EXPECT_EQ(storage->list_runs(by_tag).size(), 1u);
}

TEST(PostgresRunStorageTest, InstanceSelectsPostgresFromTheEnvironment) {
  STRATA_SKIP_WITHOUT_POSTGRES();
  TemporaryPostgresSchema schema;
  testing::TemporaryFolder folder;
  const std::string url = testing::test_postgres_url();
  const std::string with_schema = url + (url.find('?') == std::string::npos ? "?" : "&") + "schema=" + schema.schema();
  ::setenv("STRATA_STORAGE_URL", with_schema.c_str(), 1);
  std::unique_ptr<Instance> instance;
  try {
    instance = Instance::open(folder.path());
  } catch (...) {
    ::unsetenv("STRATA_STORAGE_URL");
    throw;
  }
  ::unsetenv("STRATA_STORAGE_URL");
  EXPECT_EQ(instance->storage().backend_name(), "postgresql");
  Definitions defs;
  defs.asset("numbers", [] { return testing::numbers_frame({1, 2, 3}); });
  RunResult result = materialize(defs, *instance, "*");
  ASSERT_TRUE(result.success()) << result.error;
  // The run is in PostgreSQL, not in a SQLite file.
  EXPECT_FALSE(std::filesystem::exists(folder.path() / "runs.db"));
  EXPECT_EQ(schema.open()->get_run(result.run.run_id)->status, RunStatus::Success);
  EXPECT_EQ(schema.open()->assets().size(), 1u);
}

}  // namespace
}  // namespace strata
