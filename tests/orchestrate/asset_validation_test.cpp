// Assets that declare a validation-layer DataFrameSchema: validated before
// their output is stored.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <optional>

#include "orchestrate/orchestrate_test_support.hpp"
#include "strata/orchestrate/filesystem_io_manager.hpp"
#include "strata/orchestrate/run_launcher.hpp"
#include "strata/orchestrate/step_errors.hpp"
#include "strata/orchestrate/validation_schema_hook.hpp"

namespace strata {
namespace {

namespace fs = std::filesystem;
using testing::EventLog;
using testing::numbers_frame;
using testing::TemporaryFolder;

DataFrame orders(std::vector<int64_t> ids, std::vector<std::optional<double>> amounts) {
  return DataFrame({Series::from("order_id", ids), Series::from("amount", amounts)});
}

DataFrameSchema order_schema() {
  return DataFrameSchema("orders")
      .column(ColumnSchema::integer("order_id").unique())
      .column(ColumnSchema::floating("amount").ge(0.0).nullable());
}

std::string file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class AssetValidationTest : public ::testing::Test {
 protected:
  RunResult run(const Definitions& defs, const std::string& selection) {
    RunOptions options;
    options.listeners.push_back([this](const Event& event) { log_.add(event); });
    return materialize(defs, *instance_, selection, std::move(options));
  }
  std::vector<Event> asset_events(const std::string& key, EventType type) {
    EventFilter filter;
    filter.types = {type};
    return instance_->storage().asset_events(key, filter);
  }
  std::vector<Event> run_events_of(const RunResult& result, EventType type) {
    std::vector<Event> out;
    for (const Event& event : instance_->storage().run_events(result.run.run_id))
      if (event.type == type) out.push_back(event);
    return out;
  }

  TemporaryFolder folder_;
  std::unique_ptr<Instance> instance_ = Instance::ephemeral(folder_.path());
  EventLog log_;
};

TEST_F(AssetValidationTest, PassingValidationAttachesStatisticsToTheMaterialization) {
  Definitions defs;
  defs.asset("orders", [] { return orders({1, 2, 3}, {10.0, std::nullopt, 20.0}); }).schema(order_schema());
  RunResult result = run(defs, "*");
  ASSERT_TRUE(result.success()) << result.error;
  const std::vector<Event> stored = asset_events("orders", EventType::AssetMaterialization);
  ASSERT_EQ(stored.size(), 1u);
  const Json& metadata = stored[0].data["metadata"];
  EXPECT_EQ(metadata["row_count"], 3);  // the IO manager's entries stay
  EXPECT_EQ(metadata["validation"]["passed"], true);
  EXPECT_EQ(metadata["validation"]["rows"], 3);
  const Json& amount = metadata["column_statistics"]["amount"];
  EXPECT_EQ(amount["count"], 2);
  EXPECT_EQ(amount["null_count"], 1);
  EXPECT_EQ(amount["min"], 10.0);
  EXPECT_EQ(amount["max"], 20.0);
  EXPECT_EQ(amount["mean"], 15.0);
  EXPECT_EQ(metadata["column_statistics"]["order_id"]["distinct_estimate"], 3);
  const std::vector<Event> checks = run_events_of(result, EventType::AssetCheck);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].asset_key, "orders");
  EXPECT_EQ(checks[0].data["passed"], true);
  EXPECT_LT(checks[0].id, stored[0].id);  // checked before it was stored
}

TEST_F(AssetValidationTest, FailingValidationFailsTheStepOnceAndRecordsTheReport) {
  Definitions defs;
  int calls = 0;
  defs.asset("orders", [&calls] {
        ++calls;
        return orders({1, 2, 2, 4}, {5.0, -1.0, 3.0, -2.5});
      })
      .schema(order_schema())
      .retry(RetryPolicy::times(3));
  RunResult result = run(defs, "*");
  EXPECT_FALSE(result.success());
  const StepOutcome* step = result.step("orders");
  ASSERT_NE(step, nullptr);
  EXPECT_EQ(step->status, StepStatus::Failure);
  EXPECT_EQ(step->attempts, 1);  // bad data does not get better by retrying
  EXPECT_EQ(calls, 1);
  EXPECT_NE(step->error.find("asset 'orders' does not match schema 'orders'"), std::string::npos) << step->error;
  EXPECT_TRUE(asset_events("orders", EventType::AssetMaterialization).empty());

  // The report is an event of the run, stored and shown to listeners.
  const std::vector<Event> checks = run_events_of(result, EventType::AssetCheck);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].level, LogLevel::Error);
  EXPECT_EQ(checks[0].data["passed"], false);
  const Json& report = checks[0].data["metadata"]["validation"];
  EXPECT_EQ(report["schema"], "orders");
  EXPECT_EQ(report["rows"], 4);
  ASSERT_EQ(report["failures"].size(), 2u);
  bool unique_seen = false;
  bool bound_seen = false;
  for (const Json& failure : report["failures"]) {
    if (failure["column"] == "order_id" && failure["constraint"] == "unique") {
      unique_seen = true;
      EXPECT_EQ(failure["failing_rows"], 1);  // the repeat, not the first occurrence
      EXPECT_EQ(failure["cases"][0]["row"], 2);
    }
    if (failure["column"] == "amount" && failure["constraint"].get<std::string>().starts_with("ge(")) {
      bound_seen = true;
      EXPECT_EQ(failure["failing_rows"], 2);
      EXPECT_EQ(failure["cases"][0]["row"], 1);
    }
  }
  EXPECT_TRUE(unique_seen) << report.dump();
  EXPECT_TRUE(bound_seen) << report.dump();
  EXPECT_EQ(log_.count(EventType::AssetCheck), 1);
}

TEST_F(AssetValidationTest, FailingValidationLeavesThePreviousVersionUntouched) {
  for (const char* io_manager : {"csv", "parquet"}) {
    SCOPED_TRACE(io_manager);
    bool bad = false;
    Definitions defs;
    defs.asset("orders", [&bad] { return bad ? orders({7, 7}, {1.0, 2.0}) : orders({1, 2}, {1.5, 2.5}); })
        .schema(order_schema())
        .io_manager(io_manager);
    ASSERT_TRUE(run(defs, "orders").success());
    auto manager = std::dynamic_pointer_cast<FilesystemIOManager>(instance_->io_manager(io_manager, defs));
    ASSERT_NE(manager, nullptr);
    const fs::path path = manager->frame_path("orders");
    const std::string bytes_before = file_bytes(path);
    const int64_t latest_before = asset_events("orders", EventType::AssetMaterialization).front().id;
    ASSERT_FALSE(bytes_before.empty());

    bad = true;
    EXPECT_FALSE(run(defs, "orders").success());
    EXPECT_EQ(file_bytes(path), bytes_before);
    EXPECT_EQ(asset_events("orders", EventType::AssetMaterialization).front().id, latest_before);
    const DataFrame loaded = manager->load(InputContext{"orders", "", "", Metadata()}).frame();
    EXPECT_TRUE(loaded.equals(orders({1, 2}, {1.5, 2.5}))) << loaded.to_string();
    for (const auto& entry : fs::directory_iterator(path.parent_path()))
      EXPECT_FALSE(entry.path().filename().string().ends_with(".tmp")) << entry.path();
  }
}

TEST_F(AssetValidationTest, AMultiAssetStoresNothingWhenOneOutputFails) {
  bool bad = false;
  Definitions defs;
  defs.multi_asset("split",
                   {AssetSpec("good").schema(DataFrameSchema("good").column(ColumnSchema::integer("n"))),
                    AssetSpec("checked").schema(DataFrameSchema("checked").column(ColumnSchema::integer("n").ge(0)))},
                   {}, [&bad](AssetContext&) {
                     return Outputs{{"good", numbers_frame({bad ? 2 : 1})}, {"checked", numbers_frame({bad ? -1 : 1})}};
                   });
  ASSERT_TRUE(run(defs, "*").success());
  bad = true;
  EXPECT_FALSE(run(defs, "*").success());
  // "good" passed its own check but its step failed: its first version stays.
  EXPECT_EQ(asset_events("good", EventType::AssetMaterialization).size(), 1u);
  const Value value = instance_->io_manager("default", defs)->load(InputContext{"good", "", "", Metadata()});
  EXPECT_TRUE(value.frame().equals(numbers_frame({1})));
}

TEST_F(AssetValidationTest, ACoercingSchemaStoresTheConvertedFrame) {
  Definitions defs;
  defs.asset("typed", [] {
        return DataFrame({Series::from("n", std::vector<std::string>{"1", "22"}), Series::from("extra", std::vector<int64_t>{0, 0})});
      })
      .schema(DataFrameSchema("typed").column(ColumnSchema::integer("n")).coerce().extra_columns(ExtraColumns::Drop));
  defs.asset("reader", {"typed"}, [](const DataFrame& typed) {
    EXPECT_EQ(typed.column_names(), std::vector<std::string>{"n"});
    EXPECT_TRUE(typed.column("n").type().is_integer()) << typed.column("n").type().to_string();
    return typed.height();
  });
  RunResult result = run(defs, "*");
  ASSERT_TRUE(result.success()) << result.error;
  EXPECT_EQ(asset_events("typed", EventType::AssetMaterialization)[0].data["metadata"]["column_statistics"]["n"]["max"],
            22);
}

TEST_F(AssetValidationTest, ANonFrameOutputFailsItsSchema) {
  Definitions defs;
  defs.asset("count", [] { return Json(3); })
      .schema(validation_schema_hook(DataFrameSchema("counts").column(ColumnSchema::integer("n"))))
      .output_type(ValueKind::None);
  RunResult result = run(defs, "*");
  ASSERT_FALSE(result.success());
  EXPECT_NE(result.step("count")->error.find("produced a json value"), std::string::npos) << result.step("count")->error;
  const std::vector<Event> checks = run_events_of(result, EventType::AssetCheck);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].data["passed"], false);
}

}  // namespace
}  // namespace strata
