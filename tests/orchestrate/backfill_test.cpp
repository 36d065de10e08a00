// Backfills: strategies, recorded per-partition states, retrying failed
// partitions, and 30 daily partitions in 2 parallel processes on SQLite and
// PostgreSQL.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <set>

#include "orchestrate/orchestrate_test_support.hpp"
#include "orchestrate/postgres_test_support.hpp"
#include "strata/core/temporal.hpp"
#include "strata/orchestrate/backfill.hpp"
#include "strata/orchestrate/multiprocess_executor.hpp"

namespace strata {
namespace {

using testing::numbers_frame;
using testing::TemporaryFolder;

int64_t day_of(const std::string& key) { return *temporal::parse_date(key); }

PartitionsPtr january() { return daily_partitions("2024-01-01", {.end = "2024-02-01"}); }

/// The January keys from `first` (1-based day) to `last`.
std::vector<std::string> days(int first, int last) {
  std::vector<std::string> keys;
  for (int day = first; day <= last; ++day) keys.push_back(temporal::format_date(day_of("2024-01-01") + day - 1));
  return keys;
}

TEST(BackfillStrategy, SplitsAndParses) {
  const std::vector<std::string> keys = {"a", "b", "c", "d", "e"};
  EXPECT_EQ(BackfillStrategy::per_partition().split(keys).size(), 5u);
  EXPECT_EQ(BackfillStrategy::batches(2).split(keys),
            (std::vector<std::vector<std::string>>{{"a", "b"}, {"c", "d"}, {"e"}}));
  EXPECT_EQ(BackfillStrategy::single_run().split(keys).size(), 1u);
  EXPECT_EQ(BackfillStrategy::parse("batch=3").name(), "batch:3");
  EXPECT_EQ(BackfillStrategy::parse("single-run").name(), "single_run");
  EXPECT_THROW(BackfillStrategy::parse("batch=0"), InvalidInputError);
  EXPECT_THROW(BackfillStrategy::parse("weekly"), InvalidInputError);
}

class BackfillTest : public ::testing::Test {
 protected:
  TemporaryFolder folder_;
  std::unique_ptr<Instance> instance_ = Instance::open(folder_.path());
};

TEST_F(BackfillTest, BatchesRecordEachPartitionAndRetryOnlyTheFailedOnes) {
  Definitions defs;
  std::set<std::string> broken = {"2024-01-04", "2024-01-07"};
  defs.asset("daily",
             [&](AssetContext& ctx) {
               if (broken.count(ctx.partition_key())) throw std::runtime_error("source file missing");
               return numbers_frame({day_of(ctx.partition_key())});
             })
      .partitions(january());
  defs.asset("doubled", {"daily"}, [](const DataFrame& daily) { return daily; }).partitions(january());

  BackfillOptions options;
  options.strategy = BackfillStrategy::batches(3);
  std::vector<int> progress_runs;
  options.on_progress = [&](const BackfillProgress& progress) {
    progress_runs.push_back(progress.runs_done);
    EXPECT_EQ(progress.runs_total, 3);
    EXPECT_EQ(progress.partitions_total, 8);
  };
  BackfillResult result = backfill(defs, *instance_, "daily,doubled", days(1, 8), options);
  EXPECT_FALSE(result.success());
  EXPECT_EQ(result.backfill.status, BackfillStatus::Failed);
  EXPECT_EQ(result.runs.size(), 3u);
  EXPECT_EQ(progress_runs, (std::vector<int>{1, 2, 3}));
  std::vector<std::string> failed;
  for (const BackfillPartition& partition : result.partitions) {
    if (partition.state == PartitionRunState::Failed) failed.push_back(partition.key);
    else EXPECT_EQ(partition.state, PartitionRunState::Succeeded) << partition.key;
  }
  EXPECT_EQ(failed, (std::vector<std::string>{"2024-01-04", "2024-01-07"}));

  // The record and the states are read back from storage.
  std::optional<BackfillRecord> stored = instance_->storage().get_backfill(result.backfill.backfill_id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->strategy, "batch:3");
  EXPECT_EQ(stored->status, BackfillStatus::Failed);
  EXPECT_EQ(backfill_partitions(instance_->storage(), *stored).size(), 8u);

  broken.clear();
  BackfillResult retry = retry_failed_partitions(defs, *instance_, result.backfill.backfill_id);
  ASSERT_TRUE(retry.success());
  EXPECT_EQ(retry.backfill.partition_keys, failed);
  EXPECT_EQ(retry.backfill.parent_backfill_id, result.backfill.backfill_id);
  EXPECT_EQ(retry.runs.size(), 1u);  // the parent's batches of 3
  EXPECT_THROW(retry_failed_partitions(defs, *instance_, retry.backfill.backfill_id), InvalidInputError);
  EXPECT_THROW(retry_failed_partitions(defs, *instance_, "nope"), InvalidInputError);
}

TEST_F(BackfillTest, BadRequestsRecordNothing) {
  Definitions defs;
  defs.asset("daily", [](AssetContext& ctx) { return numbers_frame({day_of(ctx.partition_key())}); })
      .partitions(january());
  EXPECT_THROW(backfill(defs, *instance_, "daily", {"2024-02-30"}), InvalidInputError);
  EXPECT_THROW(backfill(defs, *instance_, "daily", {}), InvalidInputError);
  EXPECT_THROW(backfill(defs, *instance_, "dayly", days(1, 2)), InvalidInputError);
  EXPECT_TRUE(instance_->storage().list_backfills().empty());
  EXPECT_TRUE(instance_->storage().list_runs().empty());
}

TEST_F(BackfillTest, StepsAddDynamicPartitionsThatLaterRunsMaterialize) {
  Definitions defs;
  defs.asset("customer_list", [](AssetContext& ctx) {
        ctx.add_dynamic_partitions("customers", {"acme", "globex", "initech"});
        return numbers_frame({3});
      })
      .io_manager("parquet");
  defs.asset("customer_report", [](AssetContext& ctx) { return Json(ctx.partition_key()); })
      .partitions(dynamic_partitions("customers"))
      .io_manager("parquet");
  // In a child process: the keys reach the shared store all the same.
  RunOptions options;
  MultiprocessOptions processes;
  processes.max_concurrent = 2;
  options.executor = std::make_shared<MultiprocessExecutor>(processes);
  ASSERT_TRUE(materialize(defs, *instance_, "customer_list", options).success());
  EXPECT_EQ(instance_->storage().dynamic_partitions("customers"),
            (std::vector<std::string>{"acme", "globex", "initech"}));
  BackfillOptions backfill_options;
  backfill_options.run = options;
  backfill_options.strategy = BackfillStrategy::single_run();
  BackfillResult result =
      backfill(defs, *instance_, "customer_report", instance_->storage().dynamic_partitions("customers"), backfill_options);
  ASSERT_TRUE(result.success());
  EXPECT_EQ(result.runs[0].steps.size(), 3u);
  EXPECT_THROW(backfill(defs, *instance_, "customer_report", {"hooli"}), InvalidInputError);
}

/// 30 daily partitions of a two-asset chain in one run, two children at a
/// time: every partition is stored once, by processes other than this one,
/// and at most two run at once.
void backfill_thirty_days_in_two_processes(Instance& instance, const std::filesystem::path& marks) {
  Definitions defs;
  defs.asset("raw", [marks](AssetContext& ctx) {
        std::ofstream(marks / (ctx.partition_key() + ".pid")) << ::getpid();
        return numbers_frame({day_of(ctx.partition_key()), 1});
      })
      .partitions(january())
      .io_manager("parquet");
  defs.asset("summary", {"raw"}, [](const DataFrame& raw) { return numbers_frame({raw.height()}); })
      .partitions(january())
      .io_manager("parquet");
  BackfillOptions options;
  options.strategy = BackfillStrategy::single_run();
  MultiprocessOptions processes;
  processes.max_concurrent = 2;
  options.run.executor = std::make_shared<MultiprocessExecutor>(processes);
  BackfillResult result = backfill(defs, instance, "raw,summary", days(1, 30), options);
  ASSERT_TRUE(result.success()) << (result.runs.empty() ? "" : result.runs.front().error);
  ASSERT_EQ(result.runs.size(), 1u);
  EXPECT_EQ(result.runs[0].steps.size(), 60u);
  for (const BackfillPartition& partition : result.partitions)
    EXPECT_EQ(partition.state, PartitionRunState::Succeeded) << partition.key;

  std::set<std::string> pids;
  for (const std::string& key : days(1, 30)) {
    std::ifstream in(marks / (key + ".pid"));
    std::string pid;
    in >> pid;
    pids.insert(pid);
  }
  EXPECT_EQ(pids.size(), 30u);  // one child per step
  EXPECT_FALSE(pids.count(std::to_string(::getpid())));

  // Never more than two steps at once.
  std::vector<std::pair<int64_t, int>> edges;
  for (const Event& event : instance.storage().run_events(result.runs[0].run.run_id)) {
    if (event.type == EventType::StepStart) edges.push_back({event.timestamp_us, +1});
    if (event.type == EventType::StepSuccess) edges.push_back({event.timestamp_us, -1});
  }
  std::sort(edges.begin(), edges.end());
  int running = 0, most = 0;
  for (const auto& edge : edges) most = std::max(most, running += edge.second);
  EXPECT_LE(most, 2);
  EXPECT_EQ(edges.size(), 120u);

  EventFilter filter;
  filter.types = {EventType::AssetMaterialization};
  std::vector<Event> summaries = instance.storage().asset_events("summary", filter);
  ASSERT_EQ(summaries.size(), 30u);
  std::set<std::string> partitions;
  for (const Event& event : summaries) partitions.insert(event.partition);
  EXPECT_EQ(partitions.size(), 30u);
}

TEST_F(BackfillTest, ThirtyDailyPartitionsInTwoProcessesOnSqlite) {
  TemporaryFolder marks;
  backfill_thirty_days_in_two_processes(*instance_, marks.path());
}

TEST(BackfillOnPostgres, ThirtyDailyPartitionsInTwoProcesses) {
  STRATA_SKIP_WITHOUT_POSTGRES();
  testing::TemporaryPostgresSchema schema;
  TemporaryFolder home, marks;
  std::shared_ptr<RunStorage> storage = schema.open();
  Instance instance(storage, home.path(), InstanceSettings{});
  backfill_thirty_days_in_two_processes(instance, marks.path());
}

}  // namespace
}  // namespace strata
