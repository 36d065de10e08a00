// Asset checks: run after the asset is stored, recorded as ASSET_CHECK
// events; failed Error checks fail the run, blocking ones skip downstream.
#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>

#include "orchestrate/orchestrate_test_support.hpp"
#include "strata/orchestrate/multiprocess_executor.hpp"
#include "strata/orchestrate/run_launcher.hpp"

namespace strata {
namespace {

using testing::numbers_frame;
using testing::TemporaryFolder;

class AssetChecksTest : public ::testing::Test {
 protected:
  RunResult run(const Definitions& defs, RunOptions options = {}) { return materialize(defs, *instance_, "*", std::move(options)); }
  std::vector<Event> events_of(const RunResult& result, EventType type) {
    EventFilter filter;
    filter.types = {type};
    return instance_->storage().run_events(result.run.run_id, filter);
  }
  std::optional<Event> check_event(const RunResult& result, const std::string& name) {
    for (const Event& event : events_of(result, EventType::AssetCheck))
      if (event.data.value("check", std::string()) == name) return event;
    return std::nullopt;
  }

  TemporaryFolder folder_;
  std::unique_ptr<Instance> instance_ = Instance::open(folder_.path());
};

/// "source" (3 rows) -> "downstream"; the check is attached to "source".
Definitions pipeline(AssetCheck check, bool* downstream_ran) {
  Definitions defs;
  defs.asset("source", [] { return numbers_frame({1, 2, 3}); }).check(std::move(check));
  defs.asset("downstream", {"source"}, [downstream_ran](const DataFrame& source) {
    *downstream_ran = true;
    return source;
  });
  return defs;
}

TEST_F(AssetChecksTest, PassingCheckRecordsAnEventAfterTheMaterialization) {
  bool ran = false;
  Definitions defs = pipeline(AssetCheck::row_count("min_rows", 1, 10).blocking(), &ran);
  RunResult result = run(defs);
  ASSERT_TRUE(result.success()) << result.error;
  EXPECT_TRUE(ran);
  std::optional<Event> event = check_event(result, "min_rows");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->asset_key, "source");
  EXPECT_EQ(event->data["passed"], true);
  EXPECT_EQ(event->data["severity"], "ERROR");
  EXPECT_EQ(event->data["blocking"], true);
  EXPECT_EQ(event->data["metadata"]["row_count"], 3);
  const std::vector<Event> stored = events_of(result, EventType::AssetMaterialization);
  ASSERT_FALSE(stored.empty());
  EXPECT_GT(event->id, stored.front().id);  // the check reports on what was stored
}

TEST_F(AssetChecksTest, FailingWarnCheckDoesNotBlockOrFailTheRun) {
  bool ran = false;
  Definitions defs =
      pipeline(AssetCheck::row_count("many_rows", 100, std::nullopt).severity(CheckSeverity::Warn).blocking(), &ran);
  RunResult result = run(defs);
  ASSERT_TRUE(result.success()) << result.error;
  EXPECT_TRUE(ran);
  std::optional<Event> event = check_event(result, "many_rows");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->data["passed"], false);
  EXPECT_EQ(event->data["severity"], "WARN");
  EXPECT_EQ(event->level, LogLevel::Warning);
  EXPECT_NE(event->message.find("3 rows, expected 100.."), std::string::npos) << event->message;
}

TEST_F(AssetChecksTest, FailingBlockingErrorCheckSkipsDownstreamAndFailsTheRun) {
  bool ran = false;
  Definitions defs = pipeline(AssetCheck::row_count("many_rows", 100, std::nullopt).blocking(), &ran);
  RunResult result = run(defs);
  EXPECT_FALSE(result.success());
  EXPECT_FALSE(ran);
  EXPECT_EQ(result.step("source")->status, StepStatus::Success);  // the asset was still stored
  EXPECT_EQ(events_of(result, EventType::AssetMaterialization).size(), 1u);
  const StepOutcome* downstream = result.step("downstream");
  ASSERT_NE(downstream, nullptr);
  EXPECT_EQ(downstream->status, StepStatus::Skipped);
  const std::vector<Event> skipped = events_of(result, EventType::StepSkipped);
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_NE(skipped[0].message.find("check 'many_rows'"), std::string::npos) << skipped[0].message;
  EXPECT_NE(result.error.find("many_rows"), std::string::npos) << result.error;
}

TEST_F(AssetChecksTest, FailingNonBlockingErrorCheckFailsTheRunButDownstreamRuns) {
  bool ran = false;
  Definitions defs = pipeline(AssetCheck::row_count("few_rows", std::nullopt, 2), &ran);
  RunResult result = run(defs);
  EXPECT_FALSE(result.success());
  EXPECT_TRUE(ran);
  EXPECT_EQ(result.step("downstream")->status, StepStatus::Success);
  std::optional<Event> event = check_event(result, "few_rows");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->level, LogLevel::Error);
  EXPECT_EQ(event->data["passed"], false);
}

TEST_F(AssetChecksTest, ThrowingCheckIsAFailedCheckNamingIt) {
  bool ran = false;
  Definitions defs = pipeline(AssetCheck("explodes",
                                         [](const DataFrame&) -> CheckResult { throw std::runtime_error("boom"); })
                                  .blocking(),
                              &ran);
  RunResult result = run(defs);
  EXPECT_FALSE(result.success());
  EXPECT_FALSE(ran);
  std::optional<Event> event = check_event(result, "explodes");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->data["passed"], false);
  EXPECT_NE(event->message.find("check 'explodes'"), std::string::npos) << event->message;
  EXPECT_NE(event->message.find("boom"), std::string::npos) << event->message;
}

TEST_F(AssetChecksTest, UserFunctionAndNoNullsChecks) {
  Definitions defs;
  defs.asset("orders", [] {
        return DataFrame({Series::from("id", std::vector<int64_t>{1, 2}),
                          Series::from("amount", std::vector<std::optional<double>>{5.0, std::nullopt})});
      })
      .check(AssetCheck::no_nulls("ids_present", {"id"}))
      .check(AssetCheck::no_nulls("amounts_present", {"amount"}).severity(CheckSeverity::Warn))
      .check("positive_amounts",
             [](const DataFrame& df) {
               return df.filter(col("amount") <= 0.0).height() == 0 ? CheckResult::pass()
                                                                     : CheckResult::fail("non-positive amounts");
             })
      .check("small_ids", [](const DataFrame& df) {
        return df.height() <= 2 ? CheckResult::pass() : CheckResult::fail("too many");
      });
  RunResult result = run(defs);
  ASSERT_TRUE(result.success()) << result.error;
  EXPECT_EQ(check_event(result, "ids_present")->data["passed"], true);
  EXPECT_EQ(check_event(result, "small_ids")->data["passed"], true);
  EXPECT_EQ(check_event(result, "positive_amounts")->data["passed"], true);
  std::optional<Event> amounts = check_event(result, "amounts_present");
  ASSERT_TRUE(amounts);
  EXPECT_EQ(amounts->data["passed"], false);
  EXPECT_EQ(amounts->data["metadata"]["null_counts"]["amount"], 1);
}

TEST_F(AssetChecksTest, DuplicateCheckNamesAreRejectedWhenDefined) {
  Definitions defs;
  AssetDefinition& asset = defs.asset("a", [] { return numbers_frame({1}); }).check(AssetCheck::row_count("rows", 1, {}));
  EXPECT_THROW(asset.check(AssetCheck::row_count("rows", 2, {})), InvalidInputError);
  EXPECT_THROW(AssetCheck::row_count("bad", 5, 1), InvalidInputError);
}

TEST_F(AssetChecksTest, BlockingCheckSkipsDownstreamWithTheMultiprocessExecutor) {
  bool ran = false;  // set in a child process, so only the outcome tells
  Definitions defs = pipeline(AssetCheck::row_count("many_rows", 100, std::nullopt).blocking(), &ran);
  RunOptions options;
  options.executor = std::make_shared<MultiprocessExecutor>(MultiprocessOptions{});
  RunResult result = run(defs, std::move(options));
  EXPECT_FALSE(result.success());
  EXPECT_EQ(result.step("source")->status, StepStatus::Success);
  EXPECT_EQ(result.step("downstream")->status, StepStatus::Skipped);
  ASSERT_TRUE(check_event(result, "many_rows"));
}

TEST_F(AssetChecksTest, ReexecutionRunsTheCheckedAssetAgain) {
  int64_t rows = 1;
  int source_runs = 0;
  Definitions defs;
  defs.asset("source", [&rows, &source_runs] {
        ++source_runs;
        return numbers_frame(std::vector<int64_t>(static_cast<size_t>(rows), 7));
      })
      .check(AssetCheck::row_count("two_rows", 2, std::nullopt).blocking());
  defs.asset("downstream", {"source"}, [](const DataFrame& source) { return source; });
  RunResult first = run(defs);
  ASSERT_FALSE(first.success());
  EXPECT_EQ(first.step("downstream")->status, StepStatus::Skipped);
  rows = 2;  // the data is fixed upstream
  RunResult second = reexecute(defs, *instance_, first.run.run_id);
  ASSERT_TRUE(second.success()) << second.error;
  EXPECT_EQ(source_runs, 2);
  EXPECT_EQ(second.step("downstream")->status, StepStatus::Success);
  EXPECT_EQ(check_event(second, "two_rows")->data["passed"], true);
}

}  // namespace
}  // namespace strata
