// Materializing partitions: one step per partition, per-partition files,
// mapped inputs, what the context says, and the errors for bad requests.
#include <gtest/gtest.h>

#include "orchestrate/orchestrate_test_support.hpp"
#include "strata/core/temporal.hpp"
#include "strata/orchestrate/filesystem_io_manager.hpp"
#include "strata/orchestrate/run_launcher.hpp"

namespace strata {
namespace {

using testing::EventLog;
using testing::numbers_frame;
using testing::TemporaryFolder;

/// Day number of a daily partition key, as the value its partition stores.
int64_t day_of(const std::string& key) { return *temporal::parse_date(key); }

class PartitionedRunsTest : public ::testing::Test {
 protected:
  RunResult run(const Definitions& defs, const std::string& selection, std::vector<std::string> partitions) {
    RunOptions options;
    options.partitions = std::move(partitions);
    options.listeners.push_back([this](const Event& event) { log_.add(event); });
    return materialize(defs, *instance_, selection, std::move(options));
  }
  std::string error_of(const Definitions& defs, const std::string& selection, std::vector<std::string> partitions) {
    try {
      run(defs, selection, std::move(partitions));
    } catch (const Error& error) {
      return error.what();
    }
    return "";
  }

  TemporaryFolder folder_;
  std::unique_ptr<Instance> instance_ = Instance::ephemeral(folder_.path());
  EventLog log_;
  PartitionsPtr days_ = daily_partitions("2024-01-01", {.end = "2024-02-01"});
};

TEST_F(PartitionedRunsTest, EachPartitionIsItsOwnStepFileAndEvent) {
  Definitions defs;
  std::vector<std::string> seen;
  defs.asset("events", [&](AssetContext& ctx) {
        seen.push_back(ctx.partition_key());
        EXPECT_EQ(ctx.partition_key_range(), (std::pair<std::string, std::string>{"2024-01-02", "2024-01-03"}));
        const TimeWindow window = ctx.partition_time_window();
        EXPECT_EQ(window.end_us - window.start_us, int64_t{86400} * 1000000);
        EXPECT_EQ(window.start_us / 1000000 / 86400, day_of(ctx.partition_key()));
        return numbers_frame({day_of(ctx.partition_key())});
      })
      .partitions(days_)
      .io_manager("parquet");
  RunResult result = run(defs, "events", {"2024-01-02", "2024-01-03"});
  ASSERT_TRUE(result.success()) << result.error;
  ASSERT_EQ(result.steps.size(), 2u);
  EXPECT_EQ(result.steps[0].step_key, "events[2024-01-02]");
  EXPECT_EQ(seen, (std::vector<std::string>{"2024-01-02", "2024-01-03"}));
  EXPECT_TRUE(std::filesystem::exists(folder_.path() / "storage" / "events@partitions" / "2024-01-03.parquet"));
  EXPECT_FALSE(std::filesystem::exists(folder_.path() / "storage" / "events.parquet"));

  EventFilter filter;
  filter.types = {EventType::AssetMaterialization};
  std::vector<Event> stored = instance_->storage().asset_events("events", filter);
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].partition, "2024-01-03");  // newest first
  EXPECT_EQ(stored[1].partition, "2024-01-02");
  filter.partition = "2024-01-02";
  EXPECT_EQ(instance_->storage().asset_events("events", filter).size(), 1u);
  EXPECT_EQ(result.run.tags.at(kPartitionRangeStartTag), "2024-01-02");
  EXPECT_EQ(run_partitions(result.run), (std::vector<std::string>{"2024-01-02", "2024-01-03"}));
}

TEST_F(PartitionedRunsTest, InputsReadTheMappedPartitions) {
  Definitions defs;
  defs.asset("daily", [](AssetContext& ctx) { return numbers_frame({day_of(ctx.partition_key())}); }).partitions(days_);
  // Yesterday's partition, whether in this run or stored earlier.
  defs.asset("change", {"daily"},
             [](AssetContext& ctx, const DataFrame& yesterday) {
               EXPECT_EQ(ctx.input_partition_keys("daily").size(), yesterday.height());
               return numbers_frame({static_cast<int64_t>(yesterday.height())});
             })
      .partitions(days_)
      .partition_mapping("daily", time_window_mapping(-1, -1));
  ASSERT_TRUE(run(defs, "daily", {"2024-01-01"}).success());
  RunResult result = run(defs, "daily,change", {"2024-01-02", "2024-01-03"});
  ASSERT_TRUE(result.success()) << result.error;
  // change[2024-01-03] waits for daily[2024-01-02] of this run; change[2024-01-02] reads the stored 01-01.
  const auto& steps = result.steps;
  auto position = [&](const std::string& key) {
    for (size_t i = 0; i < steps.size(); ++i)
      if (steps[i].step_key == key) return i;
    return steps.size();
  };
  EXPECT_LT(position("daily[2024-01-02]"), position("change[2024-01-03]"));
  RunResult first_day = run(defs, "change", {"2024-01-01"});  // no day before the first: an empty input
  ASSERT_TRUE(first_day.success()) << first_day.error;
}

// An unpartitioned asset reads every partition, stacked.
TEST_F(PartitionedRunsTest, AnUnpartitionedReaderFailsClearlyOnAMissingPartition) {
  Definitions defs;
  defs.asset("daily", [](AssetContext& ctx) { return numbers_frame({day_of(ctx.partition_key())}); })
      .partitions(daily_partitions("2024-01-01", {.end = "2024-01-04"}));
  defs.asset("total", {"daily"}, [](const DataFrame& all) { return numbers_frame({static_cast<int64_t>(all.height())}); });
  ASSERT_TRUE(run(defs, "daily", {"2024-01-01", "2024-01-03"}).success());
  RunResult total = run(defs, "total", {});
  ASSERT_FALSE(total.success());
  EXPECT_NE(total.error.find("partition '2024-01-02'"), std::string::npos) << total.error;
  ASSERT_TRUE(run(defs, "daily", {"2024-01-02"}).success());
  RunResult again = run(defs, "total", {});
  ASSERT_TRUE(again.success()) << again.error;
}

TEST_F(PartitionedRunsTest, BadRequestsAreRefusedBeforeAnyRun) {
  Definitions defs;
  defs.asset("daily", [] { return numbers_frame({1}); }).partitions(days_);
  defs.asset("regional", [] { return numbers_frame({1}); }).partitions(static_partitions({"eu", "us"}));
  defs.asset("plain", [] { return numbers_frame({1}); });
  EXPECT_NE(error_of(defs, "daily", {}).find("--partition"), std::string::npos);
  EXPECT_NE(error_of(defs, "daily", {"2024-01-32"}).find("not a partition"), std::string::npos);
  EXPECT_NE(error_of(defs, "daily,regional", {"eu"}).find("different partitions"), std::string::npos);
  EXPECT_NE(error_of(defs, "plain", {"eu"}).find("no selected asset is partitioned"), std::string::npos);
  EXPECT_NE(error_of(defs, "regional", {"eu", "eu"}).find("twice"), std::string::npos);
  EXPECT_TRUE(instance_->storage().list_runs().empty());
}

TEST_F(PartitionedRunsTest, ReexecutionRerunsOnlyTheFailedPartitions) {
  Definitions defs;
  int calls = 0;
  bool fail_us = true;
  defs.asset("regional",
             [&](AssetContext& ctx) {
               ++calls;
               if (ctx.partition_key() == "us" && fail_us) throw std::runtime_error("upstream feed is late");
               return numbers_frame({1});
             })
      .partitions(static_partitions({"eu", "us", "apac"}));
  RunResult first = run(defs, "regional", {"eu", "us", "apac"});
  ASSERT_FALSE(first.success());
  EXPECT_NE(first.error.find("regional[us]"), std::string::npos) << first.error;
  EventFilter failures;
  failures.types = {EventType::StepFailure};
  std::vector<Event> failed = instance_->storage().run_events(first.run.run_id, failures);
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].partition, "us");
  fail_us = false;
  calls = 0;
  RunResult retry = reexecute(defs, *instance_, first.run.run_id);
  ASSERT_TRUE(retry.success()) << retry.error;
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(retry.steps.size(), 1u);
  EXPECT_EQ(retry.steps[0].step_key, "regional[us]");
}

TEST_F(PartitionedRunsTest, AssetJobsTakePartitions) {
  Definitions defs;
  defs.asset("daily", [](AssetContext& ctx) { return numbers_frame({day_of(ctx.partition_key())}); })
      .partitions(days_)
      .group("days");
  defs.asset_job("days_job", "group:days");
  RunOptions options;
  options.partitions = {"2024-01-05"};
  RunResult result = execute_job(defs, *instance_, "days_job", options);
  ASSERT_TRUE(result.success()) << result.error;
  EXPECT_EQ(result.steps[0].step_key, "daily[2024-01-05]");
  EXPECT_EQ(result.run.tags.at(kPartitionTag), "2024-01-05");
  EXPECT_THROW(execute_job(defs, *instance_, "days_job"), InvalidInputError);
}

TEST_F(PartitionedRunsTest, MultiPartitionedAssetsReadTheirDay) {
  Definitions defs;
  PartitionsPtr days = daily_partitions("2024-01-01", {.end = "2024-01-03"});
  defs.asset("daily", [](AssetContext& ctx) { return numbers_frame({day_of(ctx.partition_key())}); }).partitions(days);
  defs.asset("grid", {"daily"},
             [](AssetContext& ctx, const DataFrame& day) {
               EXPECT_EQ(ctx.input_partition_keys("daily"), (std::vector<std::string>{ctx.partition_key().substr(0, 10)}));
               return day;
             })
      .partitions(multi_partitions({{"date", days}, {"region", static_partitions({"eu", "us"})}}))
      .io_manager("parquet");
  ASSERT_TRUE(run(defs, "daily", {"2024-01-01", "2024-01-02"}).success());
  RunResult result = run(defs, "grid", {"2024-01-02|eu", "2024-01-02|us"});
  ASSERT_TRUE(result.success()) << result.error;
  EXPECT_TRUE(std::filesystem::exists(folder_.path() / "storage" / "grid@partitions" / "2024-01-02" / "us.parquet"));
}

}  // namespace
}  // namespace strata
