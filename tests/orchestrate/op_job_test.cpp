// Ops, graphs and jobs, and asset jobs.
#include <gtest/gtest.h>

#include "orchestrate/orchestrate_test_support.hpp"
#include "strata/orchestrate/run_launcher.hpp"

namespace strata {
namespace {

using testing::numbers_frame;
using testing::TemporaryFolder;

class OpJobTest : public ::testing::Test {
 protected:
  TemporaryFolder folder_;
  std::unique_ptr<Instance> instance_ = Instance::ephemeral(folder_.path());
};

TEST_F(OpJobTest, OutputsFlowBetweenOpsByName) {
  Definitions defs;
  std::vector<std::string> loaded;
  defs.op("extract", [] { return numbers_frame({1, 2, 3, 4}); });
  defs.op("split", {"rows"}, [](const DataFrame& rows) {
        return Outputs{{"small", rows.filter(col("n") <= 2)}, {"large", rows.filter(col("n") > 2)}};
      })
      .outs({"small", "large"});
  defs.op("load", {"rows"}, [&](OpContext& ctx, const DataFrame& rows) {
    loaded.push_back(ctx.node_name() + ":" + std::to_string(rows.height()) + ":" + ctx.config()["table"].get<std::string>());
  }).config_schema(ConfigSchema({ConfigField::string("table").default_to("t")}));
  defs.job("nightly")
      .description("extract, split and load")
      .tag("team", "data")
      .node("extract")
      .node("split", {"extract"})
      .node("load", {"split.small"}, "load_small")
      .node("load", {"split.large"}, "load_large");
  RunOptions options;
  options.run_config = {{"ops", {{"load_large", {{"config", {{"table", "big"}}}}}}}};
  RunResult result = execute_job(defs, *instance_, "nightly", options);
  ASSERT_TRUE(result.success()) << result.error;
  EXPECT_EQ(loaded, (std::vector<std::string>{"load_small:2:t", "load_large:2:big"}));
  EXPECT_EQ(result.run.job_name, "nightly");
  EXPECT_EQ(result.run.tags.at("team"), "data");
  EXPECT_THROW(execute_job(defs, *instance_, "nightli"), InvalidInputError);
  RunOptions wrong_section;
  wrong_section.run_config = {{"assets", Json::object()}};
  EXPECT_THROW(execute_job(defs, *instance_, "nightly", wrong_section), ConfigError);
}

TEST_F(OpJobTest, FailedOpJobsReexecuteWithEarlierOutputs) {
  Definitions defs;
  int extract_calls = 0;
  bool fixed = false;
  defs.op("extract", [&](OpContext& ctx) {
        ++extract_calls;
        return Json{{"rows", ctx.config()["rows"]}};
      })
      .config_schema(ConfigSchema({ConfigField::integer("rows").default_to(1)}));
  defs.op("transform", {"data"}, [&](const Json& data) {
    if (!fixed) throw ComputeError("transform bug");
    return Json(data["rows"].get<int>() * 2);
  });
  defs.graph("etl").node("extract").node("transform", {"extract"});
  defs.job("etl_job").graph(*defs.graphs().front());
  RunOptions options;
  options.run_config = {{"ops", {{"extract", {{"config", {{"rows", 3}}}}}}}};
  RunResult first = execute_job(defs, *instance_, "etl_job", options);
  ASSERT_EQ(first.run.status, RunStatus::Failure);
  fixed = true;
  // The re-execution reuses the parent's config, which names a node it does not run.
  RunResult second = reexecute(defs, *instance_, first.run.run_id);
  ASSERT_TRUE(second.success()) << second.error;
  EXPECT_EQ(extract_calls, 1);
  EXPECT_EQ(second.run.step_keys, (std::vector<std::string>{"transform"}));
  Value doubled = instance_->io_manager("default", defs)
                      ->load(InputContext{op_output_key(second.run.run_id, "transform", "result"), "", "", Metadata()});
  EXPECT_EQ(doubled.json(), Json(6));
}

TEST_F(OpJobTest, AssetJobsMaterializeTheirSelection) {
  Definitions defs;
  defs.asset("a", [] { return Json(1); }).group("g");
  defs.asset("b", {"a"}, [](const Json& a) { return a; }).group("g");
  defs.asset("c", [] { return Json(3); });
  defs.asset_job("group_g", "group:g");
  RunResult result = execute_job(defs, *instance_, "group_g");
  ASSERT_TRUE(result.success()) << result.error;
  EXPECT_EQ(result.run.job_name, "group_g");
  EXPECT_EQ(result.run.step_keys, (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace strata
