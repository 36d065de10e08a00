// Ctrl-C: the run stops starting steps, ends CANCELED, and storage stays
// consistent (every started step has an end event, the run a terminal one).
#include <gtest/gtest.h>

#include <csignal>

#include "orchestrate/orchestrate_test_support.hpp"
#include "strata/orchestrate/run_launcher.hpp"
#include "strata/orchestrate/step_errors.hpp"

namespace strata {
namespace {

using std::chrono::milliseconds;
using testing::numbers_frame;
using testing::TemporaryFolder;

void expect_consistent(RunStorage& storage, const std::string& run_id) {
  std::vector<Event> events = storage.run_events(run_id);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front().type, EventType::RunStart);
  EXPECT_EQ(events.back().type, EventType::RunCanceled);
  std::map<std::string, int> open;
  for (const Event& e : events) {
    if (e.type == EventType::StepStart) ++open[e.step_key];
    if (e.type == EventType::StepSuccess || e.type == EventType::StepFailure) --open[e.step_key];
  }
  for (const auto& [step, count] : open) EXPECT_EQ(count, 0) << "step " << step << " has no end event";
  EXPECT_EQ(storage.get_run(run_id)->status, RunStatus::Canceled);
  EXPECT_GT(storage.get_run(run_id)->end_time_us, 0);
}

TEST(CancellationTest, CtrlCStopsTheRunBetweenSteps) {
  TemporaryFolder folder;
  auto instance = Instance::ephemeral(folder.path());
  Definitions defs;
  bool second_ran = false;
  defs.asset("first", [] {
    std::raise(SIGINT);  // as if the user pressed Ctrl-C while this step runs
    return numbers_frame({1});
  });
  defs.asset("second", {"first"}, [&](const DataFrame& f) {
    second_ran = true;
    return f;
  });
  CancellationToken token;
  RunOptions options;
  options.cancellation = token;
  RunResult result;
  {
    SigintCancellation guard(token);
    result = materialize(defs, *instance, "*", options);
  }
  EXPECT_TRUE(token.is_cancelled());
  EXPECT_FALSE(second_ran);
  EXPECT_EQ(result.run.status, RunStatus::Canceled);
  EXPECT_EQ(result.step("first")->status, StepStatus::Success);  // the running step finishes and is stored
  EXPECT_EQ(result.step("second")->status, StepStatus::Canceled);
  expect_consistent(instance->storage(), result.run.run_id);
}

TEST(CancellationTest, LongStepsCanCheckForCancellation) {
  TemporaryFolder folder;
  auto instance = Instance::ephemeral(folder.path());
  Definitions defs;
  int iterations = 0;
  defs.asset("long", [&](AssetContext& ctx) -> Json {
    for (;; ++iterations) {
      if (iterations == 3) std::raise(SIGINT);
      ctx.check_cancelled();
    }
  });
  CancellationToken token;
  RunOptions options;
  options.cancellation = token;
  RunResult result;
  {
    SigintCancellation guard(token);
    result = materialize(defs, *instance, "*", options);
  }
  EXPECT_EQ(iterations, 3);
  EXPECT_EQ(result.step("long")->status, StepStatus::Canceled);
  expect_consistent(instance->storage(), result.run.run_id);
}

TEST(CancellationTest, WaitingForARetryIsInterrupted) {
  TemporaryFolder folder;
  auto instance = Instance::ephemeral(folder.path());
  Definitions defs;
  int calls = 0;
  CancellationToken token;
  defs.asset("flaky", [&]() -> Json {
        ++calls;
        token.cancel();
        throw IOError("down");
      })
      .retry(RetryPolicy::times(5).wait(std::chrono::hours(1)));
  RunOptions options;
  options.cancellation = token;
  auto started = std::chrono::steady_clock::now();
  RunResult result = materialize(defs, *instance, "*", options);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30));
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(result.run.status, RunStatus::Canceled);
}

TEST(CancellationTest, OnlyOneHandlerAtATimeAndTheOldOneIsRestored) {
  CancellationToken first;
  {
    SigintCancellation guard(first);
    EXPECT_THROW(SigintCancellation second(CancellationToken{}), InvalidInputError);
    std::raise(SIGINT);
    EXPECT_TRUE(first.is_cancelled());
  }
  struct sigaction current {};
  ::sigaction(SIGINT, nullptr, &current);
  EXPECT_EQ(current.sa_handler, SIG_DFL);
}

}  // namespace
}  // namespace strata
