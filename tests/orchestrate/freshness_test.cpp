// Freshness checks: judged on demand from run storage, recorded as check
// results, never run at materialization.
#include <gtest/gtest.h>

#include "orchestrate/orchestrate_test_support.hpp"
#include "strata/core/temporal.hpp"
#include "strata/orchestrate/freshness.hpp"
#include "strata/orchestrate/run_launcher.hpp"

namespace strata {
namespace {

using testing::numbers_frame;
using testing::TemporaryFolder;

constexpr int64_t kHour = int64_t{3600} * 1000000;

TEST(FreshnessChecks, JudgeTheAgeOfTheLatestMaterialization) {
  TemporaryFolder folder;
  auto instance = Instance::ephemeral(folder.path());
  Definitions defs;
  defs.asset("prices", [] { return numbers_frame({1}); })
      .check(AssetCheck::freshness("fresh_hourly", std::chrono::hours(1)).severity(CheckSeverity::Error));
  defs.asset("untracked", [] { return numbers_frame({1}); });

  FreshnessEvaluation never = evaluate_freshness_checks(defs, *instance);
  ASSERT_EQ(never.results.size(), 1u);
  EXPECT_FALSE(never.results[0].result.passed);
  EXPECT_EQ(never.results[0].result.description, "never materialized");
  EXPECT_TRUE(never.error_failed());

  RunResult run = materialize(defs, *instance, "prices");
  ASSERT_TRUE(run.success()) << run.error;
  EventFilter checks;
  checks.types = {EventType::AssetCheck};
  EXPECT_TRUE(instance->storage().run_events(run.run.run_id, checks).empty());  // not run at materialization

  const int64_t now = now_us();
  FreshnessEvaluation fresh = evaluate_freshness_checks(defs, *instance, "*", now + kHour / 2);
  ASSERT_EQ(fresh.results.size(), 1u);
  EXPECT_TRUE(fresh.results[0].result.passed) << fresh.results[0].result.description;
  FreshnessEvaluation stale = evaluate_freshness_checks(defs, *instance, "*", now + 2 * kHour);
  EXPECT_FALSE(stale.results[0].result.passed);
  EXPECT_NE(stale.results[0].result.description.find("more than the allowed 60 min"), std::string::npos)
      << stale.results[0].result.description;

  // Recorded as the check's latest result, in a run of its own.
  std::vector<Event> recorded = instance->storage().asset_events("prices", checks);
  ASSERT_EQ(recorded.size(), 3u);
  EXPECT_EQ(recorded[0].run_id, stale.run_id);
  EXPECT_EQ(recorded[0].data["check"], "fresh_hourly");
  EXPECT_EQ(recorded[0].data["passed"], false);
  EXPECT_EQ(instance->storage().get_run(stale.run_id)->job_name, kFreshnessJob);
  EXPECT_EQ(instance->storage().get_run(stale.run_id)->status, RunStatus::Failure);
  EXPECT_TRUE(evaluate_freshness_checks(defs, *instance, "untracked").run_id.empty());
  EXPECT_THROW(AssetCheck::freshness("bad", std::chrono::seconds(0)), InvalidInputError);
}

TEST(FreshnessChecks, TimePartitionedAssetsNeedTheirNewestEndedPartition) {
  TemporaryFolder folder;
  auto instance = Instance::ephemeral(folder.path());
  Definitions defs;
  defs.asset("daily", [] { return numbers_frame({1}); })
      .partitions(daily_partitions("2024-01-01"))
      .check(AssetCheck::freshness("on_time", std::chrono::hours(6)));
  const int64_t jan3_0400 = *temporal::parse_timestamp("2024-01-03T04:00:00", TimeUnit::Micro);
  // Jan 2 ended 4 hours ago: still within the allowed 6 hours.
  FreshnessEvaluation early = evaluate_freshness_checks(defs, *instance, "*", jan3_0400);
  EXPECT_TRUE(early.results[0].result.passed) << early.results[0].result.description;
  FreshnessEvaluation late = evaluate_freshness_checks(defs, *instance, "*", jan3_0400 + 3 * kHour);
  EXPECT_FALSE(late.results[0].result.passed);
  EXPECT_NE(late.results[0].result.description.find("2024-01-02"), std::string::npos);
  EXPECT_FALSE(late.error_failed());  // freshness checks warn by default

  RunOptions options;
  options.partitions = {"2024-01-02"};
  ASSERT_TRUE(materialize(defs, *instance, "daily", options).success());
  FreshnessEvaluation done = evaluate_freshness_checks(defs, *instance, "*", jan3_0400 + 3 * kHour);
  EXPECT_TRUE(done.results[0].result.passed) << done.results[0].result.description;
}

}  // namespace
}  // namespace strata
