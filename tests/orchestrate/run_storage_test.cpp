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

TYPED_TEST(RunStorageTest, EventPartitionsRoundTrip) {
  RunStorage& storage = *this->storage_;
  storage.add_run(this->run("r1", 1));
  Event daily = this->event("r1", EventType::AssetMaterialization, "sales", "sales");
  daily.partition = "2024-01-31|eu";
  this->append({daily, this->event("r1", EventType::AssetMaterialization, "sales", "sales"),
                this->event("r1", EventType::RunStart)});
  std::vector<Event> events = storage.run_events("r1");
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].partition, "2024-01-31|eu");
  EXPECT_EQ(events[1].partition, "");
  EXPECT_EQ(events[2].partition, "");

  std::vector<Event> history = storage.asset_events("sales", EventFilter{});
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].partition, "");  // newest first
  EXPECT_EQ(history[1].partition, "2024-01-31|eu");
  EventFilter one_partition;
  one_partition.partition = "2024-01-31|eu";
  std::vector<Event> partition_history = storage.asset_events("sales", one_partition);
  ASSERT_EQ(partition_history.size(), 1u);
  EXPECT_EQ(partition_history[0].partition, "2024-01-31|eu");
  one_partition.partition = "";
  EXPECT_EQ(storage.asset_events("sales", one_partition).size(), 1u);
  one_partition.partition = "2024-02-01";
  EXPECT_TRUE(storage.asset_events("sales", one_partition).empty());
  std::vector<AssetRecord> assets = storage.assets();
  ASSERT_EQ(assets.size(), 1u);
  EXPECT_EQ(assets[0].materialization_count, 2);
  EXPECT_EQ(assets[0].last_materialization->partition, "");
}

TYPED_TEST(RunStorageTest, RetentionKeepsEachPartitionsLatestMaterialization) {
  RunStorage& storage = *this->storage_;
  constexpr int64_t kDay = int64_t{86400} * 1000 * 1000;
  const int64_t now = 100 * kDay;
  storage.add_run(this->run("old", now - 50 * kDay, RunStatus::Success));
  storage.add_run(this->run("new", now - 1 * kDay, RunStatus::Success));
  auto materialization = [&](const std::string& run_id, const std::string& partition) {
    Event event = this->event(run_id, EventType::AssetMaterialization, "sales", "sales");
    event.partition = partition;
    return event;
  };
  // "old" holds the only materialization of partition "jan", an older one of
  // "feb" and an observation of "jan"; "new" rematerializes "feb".
  Event observation = this->event("old", EventType::AssetObservation, "sales");
  observation.partition = "jan";
  this->append({materialization("old", "jan"), materialization("old", "feb"), observation});
  this->append({materialization("new", "feb")});

  RetentionPolicy by_age;
  by_age.max_age_days = 30;
  EXPECT_EQ(storage.apply_retention(by_age, now), 1);
  EXPECT_FALSE(storage.get_run("old"));
  std::vector<Event> kept = storage.run_events("old");
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0].type, EventType::AssetMaterialization);
  EXPECT_EQ(kept[0].partition, "jan");
  EXPECT_EQ(kept[1].type, EventType::AssetObservation);
  EXPECT_EQ(kept[1].partition, "jan");
  EventFilter materializations;
  materializations.types = {EventType::AssetMaterialization};
  std::vector<Event> history = storage.asset_events("sales", materializations);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].run_id, "new");
  EXPECT_EQ(history[0].partition, "feb");
  EXPECT_EQ(history[1].partition, "jan");
}

TYPED_TEST(RunStorageTest, FiltersRunsByTags) {
  RunStorage& storage = *this->storage_;
  RunRecord first = this->run("first", 100);
  first.tags = {{"team", "data"}, {"strata/backfill", "bf1"}};
  RunRecord second = this->run("second", 200);
  second.tags = {{"team", "data"}, {"strata/backfill", "bf2"}};
  RunRecord quoted = this->run("quoted", 300);
  quoted.tags = {{"team", "it's \"ops\""}, {"say \"hi\".now", "o'k"}};
  storage.add_run(first);
  storage.add_run(second);
  storage.add_run(quoted);
  auto ids = [&](const std::map<std::string, std::string>& tags) {
    RunFilter filter;
    filter.tags = tags;
    std::vector<std::string> out;
    for (const RunRecord& r : storage.list_runs(filter)) out.push_back(r.run_id);
    return out;
  };
  EXPECT_EQ(ids({{"team", "data"}}), (std::vector<std::string>{"second", "first"}));
  EXPECT_EQ(ids({{"team", "data"}, {"strata/backfill", "bf1"}}), (std::vector<std::string>{"first"}));
  EXPECT_TRUE(ids({{"team", "data"}, {"strata/backfill", "bf3"}}).empty());
  EXPECT_TRUE(ids({{"missing", "data"}}).empty());
  EXPECT_EQ(ids({{"team", "it's \"ops\""}}), (std::vector<std::string>{"quoted"}));
  EXPECT_EQ(ids({{"say \"hi\".now", "o'k"}}), (std::vector<std::string>{"quoted"}));
  EXPECT_TRUE(ids({{"team", "it's"}}).empty());
  RunFilter combined;
  combined.tags = {{"team", "data"}};
  combined.limit = 1;
  combined.status = RunStatus::Started;
  ASSERT_EQ(storage.list_runs(combined).size(), 1u);
  EXPECT_EQ(storage.list_runs(combined)[0].run_id, "second");
}

TYPED_TEST(RunStorageTest, DynamicPartitions) {
  RunStorage& storage = *this->storage_;
  EXPECT_TRUE(storage.dynamic_partitions("customers").empty());
  storage.add_dynamic_partitions("customers", {"zeta", "alpha", "zeta"});
  storage.add_dynamic_partitions("customers", {"alpha", "mid", "it's"});
  storage.add_dynamic_partitions("regions", {"eu"});
  storage.add_dynamic_partitions("regions", {});
  EXPECT_EQ(storage.dynamic_partitions("customers"), (std::vector<std::string>{"zeta", "alpha", "mid", "it's"}));
  EXPECT_EQ(storage.dynamic_partitions("regions"), (std::vector<std::string>{"eu"}));

  EXPECT_EQ(storage.delete_dynamic_partitions("customers", {"alpha", "nope", "alpha"}), 1);
  EXPECT_EQ(storage.delete_dynamic_partitions("unknown", {"alpha"}), 0);
  EXPECT_EQ(storage.dynamic_partitions("customers"), (std::vector<std::string>{"zeta", "mid", "it's"}));
  storage.add_dynamic_partitions("customers", {"alpha"});  // re-added: goes last
  EXPECT_EQ(storage.dynamic_partitions("customers"), (std::vector<std::string>{"zeta", "mid", "it's", "alpha"}));
  EXPECT_EQ(storage.dynamic_partitions("regions"), (std::vector<std::string>{"eu"}));

  storage.wipe_all();
  EXPECT_TRUE(storage.dynamic_partitions("customers").empty());
  EXPECT_TRUE(storage.dynamic_partitions("regions").empty());
}

BackfillRecord make_backfill(const std::string& id, int64_t start) {
  BackfillRecord backfill;
  backfill.backfill_id = id;
  backfill.selection = "sales*";
  backfill.partition_keys = {"2024-01-02", "2024-01-01", "it's"};
  backfill.strategy = "batch:2";
  Json config = {{"ops", {{"sales", {{"config", {{"region", "eu"}}}}}}}};  // not a braced assignment: see make_run
  backfill.run_config = std::move(config);
  backfill.tags = {{"owner", "ana"}, {"note", "café ☕"}};
  backfill.start_time_us = start;
  return backfill;
}

TYPED_TEST(RunStorageTest, BackfillsRoundTripUpdateAndList) {
  RunStorage& storage = *this->storage_;
  EXPECT_FALSE(storage.get_backfill("bf1"));
  EXPECT_TRUE(storage.list_backfills().empty());
  BackfillRecord retry = make_backfill("bf1", 100);
  retry.parent_backfill_id = "bf0";
  storage.add_backfill(retry);
  std::optional<BackfillRecord> got = storage.get_backfill("bf1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->selection, "sales*");
  EXPECT_EQ(got->partition_keys, (std::vector<std::string>{"2024-01-02", "2024-01-01", "it's"}));
  EXPECT_EQ(got->strategy, "batch:2");
  EXPECT_EQ(got->status, BackfillStatus::Requested);
  EXPECT_EQ(got->run_config["ops"]["sales"]["config"]["region"], "eu");
  EXPECT_EQ(got->tags, retry.tags);
  EXPECT_EQ(got->parent_backfill_id, "bf0");
  EXPECT_EQ(got->start_time_us, 100);
  EXPECT_EQ(got->end_time_us, 0);
  EXPECT_THROW(storage.add_backfill(make_backfill("bf1", 5)), InvalidInputError);

  storage.update_backfill_status("bf1", BackfillStatus::InProgress, 150);
  got = storage.get_backfill("bf1");
  EXPECT_EQ(got->status, BackfillStatus::InProgress);
  EXPECT_EQ(got->end_time_us, 0);  // not terminal: no end time
  storage.update_backfill_status("bf1", BackfillStatus::Failed, 200);
  got = storage.get_backfill("bf1");
  EXPECT_EQ(got->status, BackfillStatus::Failed);
  EXPECT_EQ(got->end_time_us, 200);
  EXPECT_THROW(storage.update_backfill_status("nope", BackfillStatus::Completed, 1), InvalidInputError);

  storage.add_backfill(make_backfill("bf3", 300));
  storage.add_backfill(make_backfill("bf2a", 200));
  storage.add_backfill(make_backfill("bf2b", 200));
  auto ids = [](const std::vector<BackfillRecord>& backfills) {
    std::vector<std::string> out;
    for (const BackfillRecord& b : backfills) out.push_back(b.backfill_id);
    return out;
  };
  EXPECT_EQ(ids(storage.list_backfills()), (std::vector<std::string>{"bf3", "bf2b", "bf2a", "bf1"}));
  EXPECT_EQ(ids(storage.list_backfills(2)), (std::vector<std::string>{"bf3", "bf2b"}));
  EXPECT_EQ(ids(storage.list_backfills(0)).size(), 4u);

  storage.wipe_all();
  EXPECT_TRUE(storage.list_backfills().empty());
  EXPECT_FALSE(storage.get_backfill("bf1"));
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
