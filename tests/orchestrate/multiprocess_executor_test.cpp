// The multiprocess executor: each step in a forked child, a concurrency
// limit, steps starting once their inputs are ready, a child killed
// mid-step failing only its step (or retried), priorities, tag limits,
// cancellation, and refusing process-local IO managers.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <thread>

#include "orchestrate/orchestrate_test_support.hpp"
#include "orchestrate/postgres_test_support.hpp"
#include "strata/orchestrate/multiprocess_executor.hpp"
#include "strata/orchestrate/run_launcher.hpp"
#include "strata/orchestrate/step_errors.hpp"

namespace strata {
namespace {

namespace fs = std::filesystem;
using testing::numbers_frame;
using testing::TemporaryFolder;

RunOptions multiprocess(int max_concurrent, std::vector<TagConcurrencyLimit> tag_limits = {}) {
  MultiprocessOptions options;
  options.max_concurrent = max_concurrent;
  options.tag_limits = std::move(tag_limits);
  RunOptions run;
  run.executor = std::make_shared<MultiprocessExecutor>(options);
  return run;
}

void sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

std::vector<Event> events_of(Instance& instance, const RunResult& result, EventType type) {
  EventFilter filter;
  filter.types = {type};
  return instance.storage().run_events(result.run.run_id, filter);
}

std::optional<Event> find_event(const std::vector<Event>& events, const std::string& step_key) {
  for (const Event& event : events)
    if (event.step_key == step_key) return event;
  return std::nullopt;
}

/// The most steps running at one moment, from STEP_START/STEP_SUCCESS times.
int max_overlap(Instance& instance, const RunResult& result, const std::vector<std::string>& keys = {}) {
  std::vector<std::pair<int64_t, int>> edges;
  for (const Event& event : instance.storage().run_events(result.run.run_id)) {
    if (!keys.empty() && std::find(keys.begin(), keys.end(), event.step_key) == keys.end()) continue;
    if (event.type == EventType::StepStart) edges.push_back({event.timestamp_us, +1});
    if (event.type == EventType::StepSuccess || event.type == EventType::StepFailure)
      edges.push_back({event.timestamp_us, -1});
  }
  std::sort(edges.begin(), edges.end());  // at equal times an end (-1) sorts before a start
  int running = 0, most = 0;
  for (const auto& edge : edges) most = std::max(most, running += edge.second);
  return most;
}

TEST(MultiprocessExecutorTest, RunsEachStepInAChildAndRecordsEverything) {
  TemporaryFolder folder;
  auto instance = Instance::open(folder.path());
  Definitions defs;
  auto log_pid = [](AssetContext& ctx) { ctx.info("pid " + std::to_string(::getpid())); };
  defs.asset("a", [log_pid](AssetContext& ctx) {
    log_pid(ctx);
    return numbers_frame({1, 2, 3});
  });
  defs.asset("b", {"a"}, [log_pid](AssetContext& ctx, const DataFrame& a) {
    log_pid(ctx);
    return a.filter(col("n") > 1);
  });
  defs.asset("c", {"a"}, [log_pid](AssetContext& ctx, const DataFrame& a) {
    log_pid(ctx);
    return a;
  });
  defs.asset("d", {"b", "c"}, [log_pid](AssetContext& ctx, const DataFrame& b, const DataFrame& c) {
    log_pid(ctx);
    return numbers_frame({b.height(), c.height()});
  });
  RunResult result = materialize(defs, *instance, "*", multiprocess(2));
  ASSERT_TRUE(result.success()) << result.error;
  ASSERT_EQ(result.steps.size(), 4u);
  for (const StepOutcome& step : result.steps) EXPECT_EQ(step.status, StepStatus::Success) << step.step_key;

  std::vector<Event> logs = events_of(*instance, result, EventType::Log);
  ASSERT_EQ(logs.size(), 4u);
  std::set<std::string> pids;
  for (const Event& log : logs) pids.insert(log.message);
  EXPECT_EQ(pids.size(), 4u);  // four processes...
  EXPECT_FALSE(pids.count("pid " + std::to_string(::getpid())));  // ...none of them this one
  EXPECT_EQ(events_of(*instance, result, EventType::AssetMaterialization).size(), 4u);
  EXPECT_EQ(events_of(*instance, result, EventType::RunStart).front().data["executor"], "multiprocess");

  // d read what b and c stored in other processes.
  InputContext context{AssetKey("d"), "check", "check", Metadata()};
  DataFrame d = instance->io_manager("default", defs)->load(context).frame();
  EXPECT_EQ(d.column("n").get(0), Scalar::int64(2));
  EXPECT_EQ(d.column("n").get(1), Scalar::int64(3));
}

TEST(MultiprocessExecutorTest, RespectsTheConcurrencyLimitAndStartsReadyStepsAtOnce) {
  TemporaryFolder folder;
  auto instance = Instance::open(folder.path());
  Definitions defs;
  for (int i = 0; i < 4; ++i)
    defs.asset("slow" + std::to_string(i), [] {
      sleep_ms(300);
      return Json(1);
    });
  RunResult result = materialize(defs, *instance, "*", multiprocess(2));
  ASSERT_TRUE(result.success()) << result.error;
  EXPECT_EQ(max_overlap(*instance, result), 2);

  // A short chain next to a long step: the chain's second step starts when
  // its input is ready, not when the long step ends.
  Definitions chain;
  chain.asset("long", [] {
    sleep_ms(1500);
    return Json(1);
  });
  chain.asset("first", [] { return Json(1); });
  chain.asset("second", {"first"}, [](const Json& first) { return first; });
  RunResult chained = materialize(chain, *instance, "*", multiprocess(2));
  ASSERT_TRUE(chained.success()) << chained.error;
  std::optional<Event> second_started = find_event(events_of(*instance, chained, EventType::StepStart), "second");
  std::optional<Event> long_done = find_event(events_of(*instance, chained, EventType::StepSuccess), "long");
  ASSERT_TRUE(second_started && long_done);
  EXPECT_LT(second_started->timestamp_us, long_done->timestamp_us);
}

TEST(MultiprocessExecutorTest, AChildKilledMidStepFailsOnlyItsStep) {
  TemporaryFolder folder;
  auto instance = Instance::open(folder.path());
  Definitions defs;
  defs.asset("victim", [](AssetContext& ctx) -> Json {
    ctx.info("about to be killed");
    ::kill(::getpid(), SIGKILL);
    sleep_ms(10000);  // never reached
    return Json(1);
  });
  defs.asset("after_victim", {"victim"}, [](const Json& value) { return value; });
  defs.asset("independent", [] { return numbers_frame({4, 5}); });
  RunResult result = materialize(defs, *instance, "*", multiprocess(2));
  EXPECT_EQ(result.run.status, RunStatus::Failure);
  ASSERT_TRUE(result.step("victim"));
  EXPECT_EQ(result.step("victim")->status, StepStatus::Failure);
  EXPECT_NE(result.step("victim")->error.find("killed by signal 9"), std::string::npos) << result.step("victim")->error;
  EXPECT_EQ(result.step("after_victim")->status, StepStatus::Skipped);
  EXPECT_EQ(result.step("independent")->status, StepStatus::Success);

  std::optional<Event> failure = find_event(events_of(*instance, result, EventType::StepFailure), "victim");
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->asset_key, "victim");
  EXPECT_EQ(failure->data["signal"], SIGKILL);
  // What the child said before dying was kept.
  EXPECT_TRUE(find_event(events_of(*instance, result, EventType::Log), "victim"));
  EXPECT_TRUE(events_of(*instance, result, EventType::RunFailure).size() == 1u);
  EXPECT_EQ(instance->storage().get_run(result.run.run_id)->status, RunStatus::Failure);
  EXPECT_FALSE(fs::exists(folder.path() / "storage" / "victim.json"));
}

TEST(MultiprocessExecutorTest, AKilledChildIsRetriedAsItsPolicyAllows) {
  TemporaryFolder folder;
  auto instance = Instance::open(folder.path());
  const fs::path marker = folder.path() / "killed-once";
  Definitions defs;
  defs.asset("flaky_process", [marker] {
        if (!fs::exists(marker)) {
          std::ofstream(marker) << "x";
          ::kill(::getpid(), SIGKILL);
        }
        return Json("survived");
      })
      .retry(RetryPolicy::times(2));
  defs.asset("always_killed", [] {
        ::kill(::getpid(), SIGKILL);
        return Json(0);
      })
      .retry(RetryPolicy::times(1));
  RunResult result = materialize(defs, *instance, "*", multiprocess(2));
  EXPECT_EQ(result.step("flaky_process")->status, StepStatus::Success);
  EXPECT_EQ(result.step("always_killed")->status, StepStatus::Failure);
  EXPECT_EQ(result.step("always_killed")->attempts, 2);
  std::vector<Event> retries = events_of(*instance, result, EventType::StepRetry);
  int flaky = 0, always = 0;
  for (const Event& retry : retries) {
    flaky += retry.step_key == "flaky_process";
    always += retry.step_key == "always_killed";
  }
  EXPECT_EQ(flaky, 1);
  EXPECT_EQ(always, 1);
}

TEST(MultiprocessExecutorTest, UserCodeErrorsAreRetriedInsideTheChild) {
  TemporaryFolder folder;
  auto instance = Instance::open(folder.path());
  const fs::path marker = folder.path() / "failed-once";
  Definitions defs;
  defs.asset("flaky", [marker] {
        if (!fs::exists(marker)) {
          std::ofstream(marker) << "x";
          throw ComputeError("first attempt fails");
        }
        return Json(2);
      })
      .retry(RetryPolicy::times(1));
  defs.asset("broken", []() -> Json { throw strata::Failure("always broken"); });
  RunResult result = materialize(defs, *instance, "*", multiprocess(2));
  EXPECT_EQ(result.step("flaky")->status, StepStatus::Success);
  EXPECT_EQ(result.step("flaky")->attempts, 2);
  EXPECT_EQ(result.step("broken")->status, StepStatus::Failure);
  EXPECT_NE(result.step("broken")->error.find("always broken"), std::string::npos);
  EXPECT_EQ(events_of(*instance, result, EventType::StepRetry).size(), 1u);
}

TEST(MultiprocessExecutorTest, PrioritiesOrderReadyStepsAndTagLimitsCapThem) {
  TemporaryFolder folder;
  auto instance = Instance::open(folder.path());
  Definitions defs;
  defs.asset("low", [] { return Json(1); }).tag(kPriorityTag, "-1");
  defs.asset("plain", [] { return Json(1); });
  defs.asset("high", [] { return Json(1); }).tag(kPriorityTag, "10");
  RunResult result = materialize(defs, *instance, "*", multiprocess(1));
  ASSERT_TRUE(result.success()) << result.error;
  std::vector<std::string> order;
  for (const Event& start : events_of(*instance, result, EventType::StepStart)) order.push_back(start.step_key);
  EXPECT_EQ(order, (std::vector<std::string>{"high", "plain", "low"}));

  Definitions limited;
  std::vector<std::string> warehouse;
  for (int i = 0; i < 3; ++i) {
    warehouse.push_back("load" + std::to_string(i));
    limited.asset(warehouse.back(), [] {
      sleep_ms(100);
      return Json(1);
    }).tag("db", "warehouse");
  }
  limited.asset("elsewhere", [] {
    sleep_ms(100);
    return Json(1);
  }).tag("db", "lake");
  TagConcurrencyLimit one_at_a_time{"db", std::string("warehouse"), 1};
  RunResult capped = materialize(limited, *instance, "*", multiprocess(4, {one_at_a_time}));
  ASSERT_TRUE(capped.success()) << capped.error;
  EXPECT_EQ(max_overlap(*instance, capped, warehouse), 1);
  EXPECT_THROW(MultiprocessExecutor(MultiprocessOptions{2, {{"", std::nullopt, 1}}}), InvalidInputError);
}

TEST(MultiprocessExecutorTest, CancellingStartsNoNewStep) {
  TemporaryFolder folder;
  auto instance = Instance::open(folder.path());
  Definitions defs;
  defs.asset("first", [] { return Json(1); });
  defs.asset("second", {"first"}, [](const Json& v) { return v; });
  defs.asset("third", {"second"}, [](const Json& v) { return v; });
  RunOptions options = multiprocess(1);
  CancellationToken token = options.cancellation;
  options.listeners.push_back([token](const Event& event) {
    if (event.type == EventType::StepSuccess && event.step_key == "first") token.cancel();
  });
  RunResult result = materialize(defs, *instance, "*", std::move(options));
  EXPECT_EQ(result.run.status, RunStatus::Canceled);
  EXPECT_EQ(result.step("first")->status, StepStatus::Success);
  EXPECT_EQ(result.step("second")->status, StepStatus::Canceled);
  EXPECT_EQ(result.step("third")->status, StepStatus::Canceled);
}

TEST(MultiprocessExecutorTest, CancellingStopsRunningStepsThatCheckForIt) {
  TemporaryFolder folder;
  auto instance = Instance::open(folder.path());
  Definitions defs;
  // Would take a minute; checks for cancellation every 10 ms.
  defs.asset("patient", [](AssetContext& ctx) {
    for (int i = 0; i < 6000; ++i) {
      ctx.check_cancelled();
      sleep_ms(10);
    }
    return Json(1);
  });
  RunOptions options = multiprocess(2);
  CancellationToken token = options.cancellation;
  options.listeners.push_back([token](const Event& event) {
    if (event.type == EventType::StepStart) token.cancel();
  });
  RunResult result = materialize(defs, *instance, "*", std::move(options));
  EXPECT_EQ(result.run.status, RunStatus::Canceled);
  // Canceled, not succeeded a minute later: check_cancelled threw in the child.
  EXPECT_EQ(result.step("patient")->status, StepStatus::Canceled);
}

TEST(MultiprocessExecutorTest, RefusesValuesKeptInProcessMemory) {
  auto instance = Instance::ephemeral();  // the memory IO manager by default
  Definitions defs;
  defs.asset("in_memory", [] { return Json(1); });
  RunResult result = materialize(defs, *instance, "*", multiprocess(2));
  EXPECT_EQ(result.run.status, RunStatus::Failure);
  EXPECT_NE(result.step("in_memory")->error.find("process memory"), std::string::npos)
      << result.step("in_memory")->error;
}

TEST(MultiprocessExecutorTest, ChildrenShareAPostgresStore) {
  STRATA_SKIP_WITHOUT_POSTGRES();
  TemporaryFolder folder;
  testing::TemporaryPostgresSchema schema;
  InstanceSettings settings;
  settings.default_io_manager = "parquet";
  Instance instance(schema.open(), folder.path(), settings);
  Definitions defs;
  defs.asset("a", [](AssetContext& ctx) {
    ctx.info("from a child");
    return numbers_frame({1, 2});
  });
  defs.asset("b", {"a"}, [](const DataFrame& a) { return a; });
  defs.asset("c", {"a"}, [](const DataFrame& a) { return a; });
  RunResult result = materialize(defs, instance, "*", multiprocess(2));
  ASSERT_TRUE(result.success()) << result.error;
  // b's lineage names a's materialization: the child read it from PostgreSQL.
  std::optional<Event> b = find_event(events_of(instance, result, EventType::AssetMaterialization), "b");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->data.dump().find("materialization_id") != std::string::npos, true) << b->data.dump();
  // The parent's connection still works after the children used their own.
  EXPECT_EQ(instance.storage().get_run(result.run.run_id)->status, RunStatus::Success);
}

}  // namespace
}  // namespace strata
