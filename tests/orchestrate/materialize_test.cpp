// Running assets end to end on an ephemeral instance.
#include <gtest/gtest.h>

#include <thread>

#include "orchestrate/orchestrate_test_support.hpp"
#include "strata/orchestrate/run_launcher.hpp"

namespace strata {
namespace {

using testing::EventLog;
using testing::numbers_frame;
using testing::TemporaryFolder;

class MaterializeTest : public ::testing::Test {
 protected:
  RunResult run(const Definitions& defs, const std::string& selection, Json config = Json::object()) {
    RunOptions options;
    options.run_config = std::move(config);
    options.listeners.push_back([this](const Event& event) { log_.add(event); });
    return materialize(defs, *instance_, selection, std::move(options));
  }
  std::vector<Event> materializations(const std::string& key) {
    EventFilter filter;
    filter.types = {EventType::AssetMaterialization};
    return instance_->storage().asset_events(key, filter);
  }

  TemporaryFolder folder_;
  std::unique_ptr<Instance> instance_ = Instance::ephemeral(folder_.path());
  EventLog log_;
};

TEST_F(MaterializeTest, InputsArriveInDeclaredOrderAndResultsAreStored) {
  Definitions defs;
  defs.asset("left", [] { return numbers_frame({1, 2}); });
  defs.asset("right", [] { return numbers_frame({10, 20, 30}); });
  defs.asset("combined", {"right", "left"}, [](AssetContext& ctx, const DataFrame& right, const DataFrame& left) {
    EXPECT_EQ(ctx.asset_key().to_string(), "combined");
    EXPECT_FALSE(ctx.run_id().empty());
    return Json{{"right_rows", right.height()}, {"left_rows", left.height()}};
  });
  RunResult result = run(defs, "*");
  ASSERT_TRUE(result.success()) << result.error;
  EXPECT_EQ(result.steps.size(), 3u);
  EXPECT_EQ(result.steps.back().step_key, "combined");
  std::vector<Event> stored = materializations("combined");
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].data["metadata"]["preview"], "{\"left_rows\":2,\"right_rows\":3}");
  Value value = instance_->io_manager("default", defs)->load(InputContext{"combined", "", "", Metadata()});
  EXPECT_EQ(value.json(), (Json{{"right_rows", 3}, {"left_rows", 2}}));
  // The run is recorded with its events in order.
  std::optional<RunRecord> record = instance_->storage().get_run(result.run.run_id);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->status, RunStatus::Success);
  EXPECT_EQ(record->step_keys, (std::vector<std::string>{"left", "right", "combined"}));
  std::vector<Event> events = instance_->storage().run_events(result.run.run_id);
  EXPECT_EQ(events.front().type, EventType::RunStart);
  EXPECT_EQ(events.back().type, EventType::RunSuccess);
  EXPECT_EQ(log_.count(EventType::StepSuccess), 3);
  EXPECT_EQ(log_.count(EventType::AssetMaterialization), 3);
}

TEST_F(MaterializeTest, UpstreamOutsideTheSelectionIsLoadedFromStorageWithLineage) {
  Definitions defs;
  int upstream_calls = 0;
  defs.asset("source", [&] {
    ++upstream_calls;
    return numbers_frame({5, 6, 7});
  });
  defs.asset("total", {"source"}, [](const DataFrame& source) { return source.select({col("n").sum()}); });
  ASSERT_TRUE(run(defs, "source").success());
  RunResult second = run(defs, "total");
  ASSERT_TRUE(second.success()) << second.error;
  EXPECT_EQ(upstream_calls, 1);
  std::vector<Event> total = materializations("total");
  ASSERT_EQ(total.size(), 1u);
  const Json& inputs = total[0].data["inputs"];
  ASSERT_EQ(inputs.size(), 1u);
  EXPECT_EQ(inputs[0]["asset"], "source");
  EXPECT_EQ(inputs[0]["materialization_id"], materializations("source")[0].id);
  EXPECT_EQ(total[0].data["metadata"]["preview"]["rows"][0][0], 18);
}

TEST_F(MaterializeTest, MissingUpstreamDataFailsWithAHint) {
  Definitions defs;
  defs.asset("source", [] { return numbers_frame({1}); });
  defs.asset("total", {"source"}, [](const DataFrame& source) { return source; });
  RunResult result = run(defs, "total");
  EXPECT_EQ(result.run.status, RunStatus::Failure);
  ASSERT_EQ(result.steps.size(), 1u);
  EXPECT_NE(result.steps[0].error.find("step 'total' (asset 'total') failed"), std::string::npos) << result.steps[0].error;
  EXPECT_NE(result.steps[0].error.find("+total"), std::string::npos) << result.steps[0].error;
}

TEST_F(MaterializeTest, MetadataAttachedByTheFunctionIsRecorded) {
  Definitions defs;
  defs.asset("scored", [](AssetContext& ctx) {
        ctx.add_output_metadata({{"source", "unit test"}, {"quality", 0.98}});
        ctx.info("scored " + std::to_string(3) + " rows");
        return numbers_frame({1, 2, 3});
      })
      .code_version("v2");
  ASSERT_TRUE(run(defs, "*").success());
  const Event latest = materializations("scored").front();
  EXPECT_EQ(latest.data["metadata"]["source"], "unit test");
  EXPECT_EQ(latest.data["metadata"]["row_count"], 3);
  EXPECT_EQ(latest.data["code_version"], "v2");
  std::vector<Event> events = log_.events();
  bool logged = false;
  for (const Event& e : events)
    if (e.type == EventType::Log && e.message == "scored 3 rows" && e.step_key == "scored") logged = true;
  EXPECT_TRUE(logged);
}

TEST_F(MaterializeTest, AssetConfigIsValidatedAndPassed) {
  Definitions defs;
  defs.asset("generated", [](AssetContext& ctx) {
        std::vector<int64_t> values(static_cast<size_t>(ctx.config()["rows"].get<int64_t>()), 1);
        return numbers_frame(values);
      })
      .config_schema(ConfigSchema({ConfigField::integer("rows").default_to(2)}));
  ASSERT_TRUE(run(defs, "*").success());
  EXPECT_EQ(materializations("generated")[0].data["metadata"]["row_count"], 2);
  ASSERT_TRUE(run(defs, "*", {{"assets", {{"generated", {{"config", {{"rows", 5}}}}}}}}).success());
  EXPECT_EQ(materializations("generated")[0].data["metadata"]["row_count"], 5);
  size_t runs_before = instance_->storage().list_runs().size();
  try {
    run(defs, "*", {{"assets", {{"generated", {{"config", {{"rows", "many"}}}}}}}});
    FAIL();
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("'assets.generated.config.rows'"), std::string::npos) << error.what();
  }
  EXPECT_THROW(run(defs, "*", {{"assets", {{"generatd", {{"config", Json::object()}}}}}}), ConfigError);
  EXPECT_THROW(run(defs, "*", {{"asets", Json::object()}}), ConfigError);
  // Invalid config never creates a run.
  EXPECT_EQ(instance_->storage().list_runs().size(), runs_before);
}

TEST_F(MaterializeTest, DeclaredSchemaAndOutputTypeAreEnforced) {
  Definitions defs;
  Schema schema({Field{"n", DataType::int64(), false}, Field{"label", DataType::string(), true}});
  defs.asset("good", [] {
        return DataFrame({Series::from("n", std::vector<int64_t>{1}), Series::from("label", std::vector<std::string>{"x"})});
      })
      .schema(schema);
  defs.asset("bad", [] { return numbers_frame({1}, "count"); }).schema(schema);
  defs.asset("typed", [] { return Json(1); }).output_type(ValueKind::Frame);
  RunResult result = run(defs, "*");
  EXPECT_EQ(result.step("good")->status, StepStatus::Success);
  EXPECT_EQ(materializations("good")[0].data["metadata"]["schema_check"], "passed");
  const StepOutcome* bad = result.step("bad");
  EXPECT_EQ(bad->status, StepStatus::Failure);
  EXPECT_EQ(bad->attempts, 1);  // schema failures are not retried
  EXPECT_NE(bad->error.find("missing column 'n'"), std::string::npos) << bad->error;
  EXPECT_NE(bad->error.find("unexpected column 'count'"), std::string::npos) << bad->error;
  EXPECT_NE(result.step("typed")->error.find("must produce a DataFrame"), std::string::npos);
  EXPECT_TRUE(materializations("bad").empty());
}

TEST_F(MaterializeTest, MultiAssetsMaterializeEachOutput) {
  Definitions defs;
  defs.multi_asset("split", {AssetSpec("evens").group("numbers"), AssetSpec("odds").key("numbers/odds")}, {},
                   [](AssetContext& ctx) {
                     EXPECT_EQ(ctx.asset_keys().size(), 2u);
                     ctx.add_output_metadata({{"parity", "odd"}}, "odds");
                     return Outputs{{"evens", numbers_frame({2, 4})}, {"odds", numbers_frame({1, 3, 5})}};
                   });
  defs.asset("sum_odds", {"numbers/odds"}, [](const DataFrame& odds) { return odds.height(); });
  RunResult result = run(defs, "*");
  ASSERT_TRUE(result.success()) << result.error;
  EXPECT_EQ(result.steps.size(), 2u);
  EXPECT_EQ(materializations("evens")[0].data["metadata"]["row_count"], 2);
  EXPECT_EQ(materializations("numbers/odds")[0].data["metadata"]["parity"], "odd");
  EXPECT_EQ(materializations("sum_odds")[0].data["metadata"]["preview"], "3");
  // Selecting one output of a multi-asset that cannot subset is refused.
  try {
    run(defs, "evens");
    FAIL();
  } catch (const InvalidInputError& error) {
    EXPECT_NE(std::string(error.what()).find("leaves out numbers/odds"), std::string::npos) << error.what();
  }
}

TEST_F(MaterializeTest, SubsettableMultiAssetsSeeTheirSelection) {
  Definitions defs;
  defs.multi_asset("split", {AssetSpec("a"), AssetSpec("b")}, {},
                   [](AssetContext& ctx) {
                     Outputs outputs;
                     if (ctx.is_output_selected("a")) outputs["a"] = Json("A");
                     if (ctx.is_output_selected("b")) outputs["b"] = Json("B");
                     return outputs;
                   })
      .can_subset();
  RunResult result = run(defs, "b");
  ASSERT_TRUE(result.success()) << result.error;
  EXPECT_TRUE(materializations("a").empty());
  EXPECT_EQ(materializations("b").size(), 1u);
}

TEST_F(MaterializeTest, ExternalAssetsAreReadAndObservedNotMade) {
  Definitions defs;
  int loads = 0;
  defs.external_asset("shop/orders").loader([&](AssetContext&) {
    ++loads;
    return Value(numbers_frame({100, 200}));
  });
  defs.asset("order_count", {"shop/orders"}, [](const DataFrame& orders) { return orders.height(); });
  RunResult result = run(defs, "*");
  ASSERT_TRUE(result.success()) << result.error;
  EXPECT_EQ(loads, 1);
  EXPECT_EQ(result.steps.size(), 1u);  // the external asset is not a step
  EventFilter observations;
  observations.types = {EventType::AssetObservation};
  std::vector<Event> observed = instance_->storage().asset_events("shop/orders", observations);
  ASSERT_EQ(observed.size(), 1u);
  EXPECT_EQ(observed[0].data["metadata"]["row_count"], 2);
  EXPECT_THROW(run(defs, "shop/orders"), InvalidInputError);
}

TEST_F(MaterializeTest, InputOfTheWrongKindFailsNamingTheInput) {
  Definitions defs;
  defs.asset("number", [] { return Json(3); });
  defs.asset("needs_frame", {"number"}, [](const DataFrame& frame) { return frame; });
  RunResult result = run(defs, "*");
  const StepOutcome* step = result.step("needs_frame");
  EXPECT_EQ(step->status, StepStatus::Failure);
  EXPECT_NE(step->error.find("input 'number'"), std::string::npos) << step->error;
  EXPECT_NE(step->error.find("is a json value but the function takes a DataFrame"), std::string::npos) << step->error;
}

TEST_F(MaterializeTest, AssetsReturningNothingRecordAMaterializationWithoutStoring) {
  Definitions defs;
  defs.asset("side_effect", [](AssetContext& ctx) { ctx.add_output_metadata({{"rows_written", 10}}); });
  ASSERT_TRUE(run(defs, "*").success());
  const Event event = materializations("side_effect").front();
  EXPECT_EQ(event.data["stored"], false);
  EXPECT_EQ(event.data["metadata"]["rows_written"], 10);
}

}  // namespace
}  // namespace strata

namespace strata {
namespace {

TEST(EventBatchingTest, LogLinesReachStorageWhileTheStepStillRuns) {
  testing::TemporaryFolder folder;
  auto instance = Instance::ephemeral(folder.path());
  Definitions defs;
  bool seen_while_running = false;
  defs.asset("slow", [&](AssetContext& ctx) {
    ctx.info("halfway");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!seen_while_running && std::chrono::steady_clock::now() < deadline) {
      for (const Event& event : instance->storage().run_events(ctx.run_id()))
        if (event.type == EventType::Log && event.message == "halfway") seen_while_running = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return Json(1);
  });
  RunOptions options;
  options.batching.max_delay = std::chrono::milliseconds(50);
  ASSERT_TRUE(materialize(defs, *instance, "*", options).success());
  EXPECT_TRUE(seen_while_running);
}

}  // namespace
}  // namespace strata
