// One suite, every backend: each RunStorage implementation must pass these.
// A backend joins by adding a factory to StorageBackends. PostgreSQL tests
// skip when no server is configured (see postgres_test_support.hpp).
#include <gtest/gtest.h>

#include <thread>

#include "orchestrate/orchestrate_test_support.hpp"
#include "orchestrate/postgres_test_support.hpp"
#include "strata/orchestrate/memory_run_storage.hpp"
#include "strata/orchestrate/sqlite_run_storage.hpp"

namespace strata {
namespace {

struct MemoryBackend {
  static bool available() { return true; }
  std::unique_ptr<RunStorage> make(const std::filesystem::path&) { return std::make_unique<MemoryRunStorage>(); }
};

struct SqliteBackend {
  static bool available() { return true; }
  std::unique_ptr<RunStorage> make(const std::filesystem::path& folder) {
    return std::make_unique<SqliteRunStorage>((folder / "runs.db").string());
  }
};

struct PostgresBackend {
  static bool available() { return !testing::test_postgres_url().empty(); }
  std::unique_ptr<RunStorage> make(const std::filesystem::path&) { return schema.open(); }
  testing::TemporaryPostgresSchema schema;  // dropped after the storage closes
};

// Free functions rather than fixture members: clang 14 leaks a braced JSON
// assignment to a returned local inside member functions of class templates.
RunRecord make_run(const std::string& id, int64_t start, RunStatus status) {
  RunRecord record;
  record.run_id = id;
  record.job_name = "__asset_job";
  record.status = status;
  record.selection = "*";
  record.step_keys = {"a", "b"};
  record.run_config = {{"assets", {{"a", {{"config", {{"rows", 3}}}}}}}};
  record.tags = {{"team", "data"}, {"note", "café ☕"}};
  record.start_time_us = start;
  record.end_time_us = status == RunStatus::Started ? 0 : start + 10;
  record.pid = 1234;
  return record;
}

Event make_event(const std::string& run_id, EventType type, const std::string& asset, const std::string& step) {
  Event e;
  e.run_id = run_id;
  e.timestamp_us = now_us();
  e.type = type;
  e.asset_key = asset;
  e.step_key = step;
  e.message = "message for " + std::string(event_type_name(type));
  e.data = {{"metadata", {{"row_count", 5}}}};
  return e;
}

template <class Backend>
class RunStorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!Backend::available())
      GTEST_SKIP() << "STRATA_TEST_POSTGRES_URL is not set; scripts/test.sh starts a PostgreSQL server and sets it";
    storage_ = backend_.make(folder_.path());
  }
  void TearDown() override { storage_.reset(); }

  RunRecord run(const std::string& id, int64_t start, RunStatus status = RunStatus::Started) {
    return make_run(id, start, status);
  }
  Event event(const std::string& run_id, EventType type, const std::string& asset = "", const std::string& step = "") {
    return make_event(run_id, type, asset, step);
  }

  void append(std::vector<Event> events) { storage_->append_events(events); }

  testing::TemporaryFolder folder_;
  Backend backend_;
  std::unique_ptr<RunStorage> storage_;
};

using StorageBackends = ::testing::Types<MemoryBackend, SqliteBackend, PostgresBackend>;
TYPED_TEST_SUITE(RunStorageTest, StorageBackends);

TYPED_TEST(RunStorageTest, RunsRoundTripAndUpdate) {
  RunStorage& storage = *this->storage_;
  storage.add_run(this->run("r1", 100));
  std::optional<RunRecord> got = storage.get_run("r1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->job_name, "__asset_job");
  EXPECT_EQ(got->status, RunStatus::Started);
  EXPECT_EQ(got->step_keys, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(got->run_config["assets"]["a"]["config"]["rows"], 3);
  EXPECT_EQ(got->tags.at("note"), "café ☕");
  EXPECT_EQ(got->pid, 1234);
  EXPECT_FALSE(storage.get_run("nope"));
  EXPECT_THROW(storage.add_run(this->run("r1", 5)), InvalidInputError);

  storage.update_run_status("r1", RunStatus::Success, 999);
  got = storage.get_run("r1");
  EXPECT_EQ(got->status, RunStatus::Success);
  EXPECT_EQ(got->end_time_us, 999);
  EXPECT_THROW(storage.update_run_status("nope", RunStatus::Failure, 1), InvalidInputError);
}

TYPED_TEST(RunStorageTest, ListsNewestFirstWithFilters) {
  RunStorage& storage = *this->storage_;
  EXPECT_TRUE(storage.list_runs().empty());
  storage.add_run(this->run("old", 100, RunStatus::Success));
  storage.add_run(this->run("mid", 200, RunStatus::Failure));
  RunRecord job = this->run("new", 300, RunStatus::Success);
  job.job_name = "nightly";
  storage.add_run(job);
  auto ids = [](const std::vector<RunRecord>& runs) {
    std::vector<std::string> out;
    for (const RunRecord& r : runs) out.push_back(r.run_id);
    return out;
  };
  EXPECT_EQ(ids(storage.list_runs()), (std::vector<std::string>{"new", "mid", "old"}));
  RunFilter limited;
  limited.limit = 2;
  EXPECT_EQ(ids(storage.list_runs(limited)), (std::vector<std::string>{"new", "mid"}));
  RunFilter by_status;
  by_status.status = RunStatus::Success;
  EXPECT_EQ(ids(storage.list_runs(by_status)), (std::vector<std::string>{"new", "old"}));
  RunFilter by_job;
  by_job.job_name = "nightly";
  EXPECT_EQ(ids(storage.list_runs(by_job)), (std::vector<std::string>{"new"}));
}

TYPED_TEST(RunStorageTest, EventsGetIncreasingIdsAndFilter) {
  RunStorage& storage = *this->storage_;
  storage.add_run(this->run("r1", 1));
  storage.add_run(this->run("r2", 2));
  std::vector<Event> batch{this->event("r1", EventType::RunStart), this->event("r1", EventType::StepStart, "", "a"),
                           this->event("r2", EventType::RunStart)};
  batch[1].level = LogLevel::Warning;
  batch[1].message = "ünïcode ✓";
  storage.append_events(batch);
  EXPECT_GT(batch[0].id, 0);
  EXPECT_LT(batch[0].id, batch[1].id);
  EXPECT_LT(batch[1].id, batch[2].id);
  std::vector<Event> empty;
  storage.append_events(empty);

  std::vector<Event> r1 = storage.run_events("r1");
  ASSERT_EQ(r1.size(), 2u);
  EXPECT_EQ(r1[1].type, EventType::StepStart);
  EXPECT_EQ(r1[1].step_key, "a");
  EXPECT_EQ(r1[1].level, LogLevel::Warning);
  EXPECT_EQ(r1[1].message, "ünïcode ✓");
  EXPECT_EQ(r1[1].data["metadata"]["row_count"], 5);
  EXPECT_EQ(r1[1].timestamp_us, batch[1].timestamp_us);

  EventFilter after;
  after.after_id = r1[0].id;
  EXPECT_EQ(storage.run_events("r1", after).size(), 1u);
  EventFilter by_type;
  by_type.types = {EventType::RunStart};
  EXPECT_EQ(storage.run_events("r1", by_type).size(), 1u);
  EventFilter limited;
  limited.limit = 1;
  EXPECT_EQ(storage.run_events("r1", limited).front().type, EventType::RunStart);
  EXPECT_TRUE(storage.run_events("nope").empty());
}

TYPED_TEST(RunStorageTest, MaterializationHistoryPerAsset) {
  RunStorage& storage = *this->storage_;
  storage.add_run(this->run("r1", 1));
  for (int i = 0; i < 3; ++i) {
    Event m = this->event("r1", EventType::AssetMaterialization, "raw/events", "raw/events");
    Json data = {{"metadata", {{"row_count", i}}}};  // not a braced assignment: see make_run
    m.data = std::move(data);
    this->append({m});
  }
  this->append({this->event("r1", EventType::AssetObservation, "raw/orders"),
                this->event("r1", EventType::StepFailure, "raw/events", "raw/events"),
                this->event("r1", EventType::AssetMaterialization, "other")});
  EventFilter materializations;
  materializations.types = {EventType::AssetMaterialization};
  std::vector<Event> history = storage.asset_events("raw/events", materializations);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].data["metadata"]["row_count"], 2);  // newest first
  EXPECT_EQ(history[2].data["metadata"]["row_count"], 0);
  materializations.limit = 1;
  EXPECT_EQ(storage.asset_events("raw/events", materializations).size(), 1u);
  EXPECT_EQ(storage.asset_events("raw/events", EventFilter{}).size(), 3u);  // asset events only by default
  EventFilter failures;
  failures.types = {EventType::StepFailure};
  EXPECT_EQ(storage.asset_events("raw/events", failures).size(), 1u);

  std::vector<AssetRecord> assets = storage.assets();
  ASSERT_EQ(assets.size(), 3u);
  EXPECT_EQ(assets[0].asset_key, "other");
  EXPECT_EQ(assets[1].asset_key, "raw/events");
  EXPECT_EQ(assets[1].materialization_count, 3);
  EXPECT_EQ(assets[1].last_materialization->data["metadata"]["row_count"], 2);
  EXPECT_EQ(assets[2].asset_key, "raw/orders");
  EXPECT_FALSE(assets[2].last_materialization);
  EXPECT_TRUE(assets[2].last_observation);
}

TYPED_TEST(RunStorageTest, WipeAssetsAndEverything) {
  RunStorage& storage = *this->storage_;
  storage.add_run(this->run("r1", 1));
  this->append({this->event("r1", EventType::AssetMaterialization, "a"),
                this->event("r1", EventType::AssetMaterialization, "b"), this->event("r1", EventType::RunStart),
                this->event("r1", EventType::AssetCheck, "a")});
  EXPECT_EQ(storage.wipe_assets({"a"}), 2);  // its materialization and its check result
  EXPECT_EQ(storage.assets().size(), 1u);
  EXPECT_EQ(storage.run_events("r1").size(), 2u);  // run events stay
  EXPECT_EQ(storage.wipe_assets({}), 1);
  EXPECT_TRUE(storage.assets().empty());
  storage.wipe_all();
  EXPECT_TRUE(storage.list_runs().empty());
  EXPECT_TRUE(storage.run_events("r1").empty());
}

TYPED_TEST(RunStorageTest, DeleteRunRemovesItsEvents) {
  RunStorage& storage = *this->storage_;
  storage.add_run(this->run("r1", 1));
  storage.add_run(this->run("r2", 2));
  this->append({this->event("r1", EventType::RunStart), this->event("r2", EventType::RunStart)});
  EXPECT_TRUE(storage.delete_run("r1"));
  EXPECT_FALSE(storage.delete_run("r1"));
  EXPECT_FALSE(storage.get_run("r1"));
  EXPECT_TRUE(storage.run_events("r1").empty());
  EXPECT_EQ(storage.run_events("r2").size(), 1u);
}

TYPED_TEST(RunStorageTest, RetentionKeepsNewestRunsAndLatestAssetState) {
  RunStorage& storage = *this->storage_;
  constexpr int64_t kDay = int64_t{86400} * 1000 * 1000;
  const int64_t now = 100 * kDay;
  storage.add_run(this->run("ancient", now - 50 * kDay, RunStatus::Success));
  storage.add_run(this->run("old", now - 20 * kDay, RunStatus::Failure));
  storage.add_run(this->run("recent", now - 1 * kDay, RunStatus::Success));
  storage.add_run(this->run("running", now - 60 * kDay, RunStatus::Started));
  // "ancient" holds the only materialization of "a" and an older one of "b".
  this->append({this->event("ancient", EventType::AssetMaterialization, "a"),
                this->event("ancient", EventType::AssetMaterialization, "b"),
                this->event("ancient", EventType::Log)});
  this->append({this->event("recent", EventType::AssetMaterialization, "b")});

  RetentionPolicy none;
  EXPECT_EQ(storage.apply_retention(none, now), 0);
  RetentionPolicy by_age;
  by_age.max_age_days = 30;
  EXPECT_EQ(storage.apply_retention(by_age, now), 1);
  EXPECT_FALSE(storage.get_run("ancient"));
  EXPECT_TRUE(storage.get_run("running"));  // in progress: never deleted
  EventFilter all;
  EXPECT_EQ(storage.asset_events("a", all).size(), 1u);  // latest state of "a" survives
  EXPECT_EQ(storage.asset_events("b", all).size(), 1u);  // the older "b" is gone
  EXPECT_TRUE(storage.run_events("ancient", EventFilter{}).size() == 1u);  // only the kept materialization

  RetentionPolicy by_count;
  by_count.keep_runs = 1;
  EXPECT_EQ(storage.apply_retention(by_count, now), 1);
  EXPECT_FALSE(storage.get_run("old"));
  EXPECT_TRUE(storage.get_run("recent"));
  EXPECT_TRUE(storage.get_run("running"));
}

TYPED_TEST(RunStorageTest, ConcurrentAppendsKeepEveryEvent) {
  RunStorage& storage = *this->storage_;
  storage.add_run(this->run("r1", 1));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        std::vector<Event> batch{this->event("r1", EventType::Log), this->event("r1", EventType::Log)};
        storage.append_events(batch);
      }
    });
  for (std::thread& thread : threads) thread.join();
  std::vector<Event> events = storage.run_events("r1");
  ASSERT_EQ(events.size(), 200u);
  for (size_t i = 1; i < events.size(); ++i) EXPECT_LT(events[i - 1].id, events[i].id);
}

}  // namespace
}  // namespace strata
