#include <gtest/gtest.h>

#include "orchestrate/orchestrate_test_support.hpp"
#include "strata/orchestrate/run_launcher.hpp"

namespace strata {
namespace {

using testing::numbers_frame;
using testing::TemporaryFolder;

struct Warehouse {
  std::string url;
  int queries = 0;
  std::vector<std::string>* journal;
};

class ResourceTest : public ::testing::Test {
 protected:
  void define_warehouse(Definitions& defs) {
    defs.resource("warehouse",
                  [this](ResourceContext& ctx) {
                    journal_.push_back("setup " + ctx.config()["url"].get<std::string>());
                    return std::make_shared<Warehouse>(Warehouse{ctx.config()["url"].get<std::string>(), 0, &journal_});
                  })
        .config_schema(ConfigSchema({ConfigField::string("url").env("STRATA_TEST_WAREHOUSE_URL")}))
        .teardown([](Warehouse& w) { w.journal->push_back("teardown after " + std::to_string(w.queries) + " queries"); });
  }
  TemporaryFolder folder_;
  std::unique_ptr<Instance> instance_ = Instance::ephemeral(folder_.path());
  std::vector<std::string> journal_;
};

TEST_F(ResourceTest, SetUpOncePerRunInjectedAndTornDown) {
  Definitions defs;
  define_warehouse(defs);
  auto query = [](AssetContext& ctx) {
    Warehouse& w = ctx.resource<Warehouse>("warehouse");
    ++w.queries;
    return Json(w.url);
  };
  defs.asset("a", query).resources({"warehouse"});
  defs.asset("b", query).resources({"warehouse"});
  defs.asset("no_resources", [] { return Json(0); });
  RunOptions options;
  options.run_config = {{"resources", {{"warehouse", {{"config", {{"url", "sqlite://w.db"}}}}}}}};
  RunResult result = materialize(defs, *instance_, "*", options);
  ASSERT_TRUE(result.success()) << result.error;
  EXPECT_EQ(journal_, (std::vector<std::string>{"setup sqlite://w.db", "teardown after 2 queries"}));
  // Runs that need no resource do not set any up.
  journal_.clear();
  ASSERT_TRUE(materialize(defs, *instance_, "no_resources").success());
  EXPECT_TRUE(journal_.empty());
}

TEST_F(ResourceTest, ConfigComesFromTheEnvironmentAndIsValidatedBeforeTheRun) {
  Definitions defs;
  define_warehouse(defs);
  defs.asset("a", [](AssetContext& ctx) { return Json(ctx.resource<Warehouse>("warehouse").url); })
      .resources({"warehouse"});
  try {
    materialize(defs, *instance_, "*");
    FAIL();
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("'resources.warehouse.config.url' is required"), std::string::npos)
        << error.what();
  }
  EXPECT_TRUE(instance_->storage().list_runs().empty());
  ::setenv("STRATA_TEST_WAREHOUSE_URL", "from-env", 1);
  RunResult result = materialize(defs, *instance_, "*");
  ::unsetenv("STRATA_TEST_WAREHOUSE_URL");
  ASSERT_TRUE(result.success()) << result.error;
  EXPECT_EQ(journal_.front(), "setup from-env");
  RunOptions bad;
  bad.run_config = {{"resources", {{"warehose", {{"config", Json::object()}}}}}};
  try {
    materialize(defs, *instance_, "*", bad);
    FAIL();
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("did you mean 'warehouse'"), std::string::npos) << error.what();
  }
}

TEST_F(ResourceTest, UndeclaredOrMistypedResourcesFailTheStep) {
  Definitions defs;
  define_warehouse(defs);
  defs.asset("undeclared", [](AssetContext& ctx) { return Json(ctx.resource<Warehouse>("warehouse").url); });
  defs.asset("mistyped", [](AssetContext& ctx) { return Json(ctx.resource<std::string>("warehouse")); })
      .resources({"warehouse"});
  RunOptions options;
  options.run_config = {{"resources", {{"warehouse", {{"config", {{"url", "u"}}}}}}}};
  RunResult result = materialize(defs, *instance_, "*", options);
  EXPECT_NE(result.step("undeclared")->error.find("without declaring it"), std::string::npos)
      << result.step("undeclared")->error;
  EXPECT_NE(result.step("mistyped")->error.find("is a strata::(anonymous namespace)::Warehouse"), std::string::npos)
      << result.step("mistyped")->error;
}

TEST_F(ResourceTest, FailedSetupFailsTheRunAndTearsDownTheOthers) {
  Definitions defs;
  define_warehouse(defs);
  // Resources are set up in name order: "warehouse" first, then this one fails.
  defs.resource("x_broken", [](ResourceContext&) -> std::shared_ptr<int> { throw IOError("cannot connect"); });
  bool ran = false;
  defs.asset("a", [&] {
        ran = true;
        return Json(1);
      })
      .resources({"warehouse", "x_broken"});
  RunOptions options;
  options.run_config = {{"resources", {{"warehouse", {{"config", {{"url", "u"}}}}}}}};
  RunResult result = materialize(defs, *instance_, "*", options);
  EXPECT_FALSE(ran);
  EXPECT_EQ(result.run.status, RunStatus::Failure);
  EXPECT_NE(result.error.find("setting up resource 'x_broken' failed: cannot connect"), std::string::npos) << result.error;
  EXPECT_EQ(journal_, (std::vector<std::string>{"setup u", "teardown after 0 queries"}));
  EXPECT_EQ(instance_->storage().run_events(result.run.run_id).back().type, EventType::RunFailure);
}

TEST_F(ResourceTest, ResourcesReturnedByValueWork) {
  Definitions defs;
  defs.resource("greeting", [](ResourceContext&) { return std::string("hello"); });
  defs.asset("a", [](AssetContext& ctx) { return Json(ctx.resource<std::string>("greeting")); }).resources({"greeting"});
  RunResult result = materialize(defs, *instance_, "*");
  ASSERT_TRUE(result.success()) << result.error;
}

}  // namespace
}  // namespace strata
