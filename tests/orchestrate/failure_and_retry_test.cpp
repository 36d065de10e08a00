// Failures in user code: wrapped, contained, retried per policy, skipped
// downstream, and re-executed from failure.
#include <gtest/gtest.h>

#include <stdexcept>

#include "orchestrate/orchestrate_test_support.hpp"
#include "strata/orchestrate/run_launcher.hpp"
#include "strata/orchestrate/step_errors.hpp"

namespace strata {
namespace {

using std::chrono::milliseconds;
using testing::EventLog;
using testing::numbers_frame;
using testing::TemporaryFolder;

class FailureTest : public ::testing::Test {
 protected:
  RunOptions options() {
    RunOptions o;
    o.listeners.push_back([this](const Event& event) { log_.add(event); });
    return o;
  }
  TemporaryFolder folder_;
  std::unique_ptr<Instance> instance_ = Instance::ephemeral(folder_.path());
  EventLog log_;
};

TEST_F(FailureTest, UserErrorsAreWrappedAndDownstreamIsSkipped) {
  Definitions defs;
  defs.asset("source", [] { return numbers_frame({1}); });
  defs.asset("broken", {"source"}, [](const DataFrame& source) -> DataFrame {
    return source.select({col("no_such_column")});
  });
  defs.asset("after", {"broken"}, [](const DataFrame& broken) { return broken; });
  defs.asset("independent", [] { throw std::out_of_range("index 7"); return Json(1); });
  RunResult result = materialize(defs, *instance_, "*", options());
  EXPECT_EQ(result.run.status, RunStatus::Failure);
  EXPECT_EQ(result.step("source")->status, StepStatus::Success);
  const StepOutcome* broken = result.step("broken");
  EXPECT_EQ(broken->status, StepStatus::Failure);
  EXPECT_NE(broken->error.find("step 'broken' (asset 'broken') failed: "), std::string::npos) << broken->error;
  EXPECT_NE(broken->error.find("no_such_column"), std::string::npos) << broken->error;
  EXPECT_EQ(result.step("after")->status, StepStatus::Skipped);
  const StepOutcome* independent = result.step("independent");
  EXPECT_NE(independent->error.find("index 7 (std::out_of_range)"), std::string::npos) << independent->error;
  // The failure event carries the cause and its type; the run ends with RUN_FAILURE.
  std::vector<Event> events = instance_->storage().run_events(result.run.run_id);
  EXPECT_EQ(events.back().type, EventType::RunFailure);
  bool found = false;
  for (const Event& e : events)
    if (e.type == EventType::StepFailure && e.step_key == "independent") {
      EXPECT_EQ(e.data["type"], "std::out_of_range");
      EXPECT_EQ(e.data["cause"], "index 7");
      EXPECT_EQ(e.asset_key, "independent");
      found = true;
    }
  EXPECT_TRUE(found);
  EXPECT_EQ(instance_->storage().get_run(result.run.run_id)->status, RunStatus::Failure);
}

TEST_F(FailureTest, NonStandardExceptionsAreContained) {
  Definitions defs;
  defs.asset("weird", []() -> Json { throw 42; });
  RunResult result = materialize(defs, *instance_, "*", options());
  EXPECT_EQ(result.run.status, RunStatus::Failure);
  EXPECT_NE(result.steps[0].error.find("not a std::exception"), std::string::npos);
}

TEST_F(FailureTest, RetriesFollowThePolicyAndRecordEachAttempt) {
  Definitions defs;
  int calls = 0;
  defs.asset("flaky", [&](AssetContext& ctx) {
        ++calls;
        EXPECT_EQ(ctx.attempt(), calls);
        if (calls < 3) throw IOError("connection reset (attempt " + std::to_string(calls) + ")");
        return numbers_frame({1});
      })
      .retry(RetryPolicy::times(3).wait(milliseconds(5)).exponential());
  RunResult result = materialize(defs, *instance_, "*", options());
  ASSERT_TRUE(result.success()) << result.error;
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(result.steps[0].attempts, 3);
  EXPECT_EQ(log_.count(EventType::StepRetry), 2);
  std::vector<Event> retries;
  for (const Event& e : log_.events())
    if (e.type == EventType::StepRetry) retries.push_back(e);
  EXPECT_EQ(retries[0].data["delay_ms"], 5);
  EXPECT_EQ(retries[1].data["delay_ms"], 10);
  EXPECT_EQ(retries[1].data["next_attempt"], 3);
  EXPECT_NE(retries[0].message.find("connection reset (attempt 1)"), std::string::npos);
}

TEST_F(FailureTest, RetriesRunOutAndFailureIsNeverRetried) {
  Definitions defs;
  int always_calls = 0;
  int failure_calls = 0;
  defs.asset("always", [&]() -> Json {
        ++always_calls;
        throw ComputeError("still broken");
      })
      .retry(RetryPolicy::times(2));
  defs.asset("fatal", [&]() -> Json {
        ++failure_calls;
        throw Failure("bad input file", {{"file", "x.csv"}});
      })
      .retry(RetryPolicy::times(5));
  RunResult result = materialize(defs, *instance_, "*", options());
  EXPECT_EQ(always_calls, 3);
  EXPECT_EQ(result.step("always")->attempts, 3);
  EXPECT_NE(result.step("always")->error.find("on attempt 3"), std::string::npos);
  EXPECT_EQ(failure_calls, 1);
  for (const Event& e : log_.events()) {
    if (e.type == EventType::StepFailure && e.step_key == "fatal") {
      EXPECT_EQ(e.data["metadata"]["file"], "x.csv");
    }
  }
}

TEST_F(FailureTest, RetryRequestedRetriesWithoutAPolicyAndDefaultPolicyApplies) {
  Definitions defs;
  int calls = 0;
  defs.asset("asks", [&]() -> Json {
    if (++calls < 2) throw RetryRequested("lock held", 2, milliseconds(1));
    return Json(calls);
  });
  int default_calls = 0;
  defs.asset("uses_default", [&]() -> Json {
    if (++default_calls < 2) throw ComputeError("once");
    return Json(1);
  });
  defs.default_retry(RetryPolicy::times(1));
  RunResult result = materialize(defs, *instance_, "*", options());
  ASSERT_TRUE(result.success()) << result.error;
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(default_calls, 2);
}

TEST_F(FailureTest, ReexecutionRunsOnlyWhatDidNotSucceed) {
  Definitions defs;
  int source_calls = 0;
  bool fixed = false;
  defs.asset("source", [&] {
    ++source_calls;
    return numbers_frame({1, 2});
  });
  defs.asset("middle", {"source"}, [&](const DataFrame& s) {
    if (!fixed) throw ComputeError("not yet");
    return s;
  });
  defs.asset("last", {"middle"}, [](const DataFrame& m) { return m.height(); });
  RunResult first = materialize(defs, *instance_, "*", options());
  ASSERT_EQ(first.run.status, RunStatus::Failure);
  EXPECT_THROW(reexecute(defs, *instance_, "no-such-run"), InvalidInputError);

  fixed = true;
  RunResult second = reexecute(defs, *instance_, first.run.run_id, ReexecutionMode::FromFailure, options());
  ASSERT_TRUE(second.success()) << second.error;
  EXPECT_EQ(source_calls, 1);
  EXPECT_EQ(second.run.step_keys, (std::vector<std::string>{"middle", "last"}));
  EXPECT_EQ(second.run.parent_run_id, first.run.run_id);
  EXPECT_EQ(second.run.root_run_id, first.run.run_id);
  EXPECT_EQ(second.run.tags.at("strata/parent_run_id"), first.run.run_id);
  try {
    reexecute(defs, *instance_, second.run.run_id);
    FAIL();
  } catch (const InvalidInputError& error) {
    EXPECT_NE(std::string(error.what()).find("nothing to re-execute"), std::string::npos);
  }
  RunResult all = reexecute(defs, *instance_, second.run.run_id, ReexecutionMode::All, options());
  EXPECT_TRUE(all.success());
  EXPECT_EQ(all.run.step_keys.size(), 3u);
  EXPECT_EQ(source_calls, 2);
}

}  // namespace
}  // namespace strata
