#include <gtest/gtest.h>

#include "strata/orchestrate/execution_plan.hpp"

namespace strata {
namespace {

Definitions diamond() {
  Definitions defs;
  defs.asset("top", [] { return Json(1); }).resources({"db"});
  defs.asset("left", {"top"}, [](const Json& v) { return v; });
  defs.asset("right", {"top"}, [](const Json& v) { return v; });
  defs.asset("bottom", {"left", "right"}, [](const Json& a, const Json&) { return a; }).deps({"top"});
  defs.resource("db", [](ResourceContext&) { return 1; });
  return defs;
}

TEST(ExecutionPlanTest, StepsAreOrderedAndWired) {
  Definitions defs = diamond();
  ExecutionPlan plan = ExecutionPlan::for_assets(defs, AssetSelection::all());
  EXPECT_EQ(plan.step_keys(), (std::vector<std::string>{"top", "left", "right", "bottom"}));
  const PlanStep* bottom = plan.find("bottom");
  ASSERT_TRUE(bottom);
  EXPECT_EQ(bottom->upstream_steps, (std::vector<std::string>{"left", "right", "top"}));
  ASSERT_EQ(bottom->inputs.size(), 2u);
  EXPECT_EQ(bottom->inputs[0].from_step, "left");
  EXPECT_EQ(bottom->inputs[1].io_manager, "default");
  EXPECT_EQ(plan.required_resources(), (std::vector<std::string>{"db"}));
}

TEST(ExecutionPlanTest, PartialSelectionsLoadTheRest) {
  Definitions defs = diamond();
  ExecutionPlan plan = ExecutionPlan::for_assets(defs, AssetSelection::parse("bottom"));
  ASSERT_EQ(plan.steps().size(), 1u);
  EXPECT_TRUE(plan.steps()[0].upstream_steps.empty());
  EXPECT_TRUE(plan.steps()[0].inputs[0].from_step.empty());
  EXPECT_TRUE(plan.required_resources().empty());
  ExecutionPlan subset = ExecutionPlan::for_assets(defs, AssetSelection::all()).subset({"left", "bottom"});
  EXPECT_EQ(subset.step_keys(), (std::vector<std::string>{"left", "bottom"}));
  EXPECT_EQ(subset.find("bottom")->upstream_steps, (std::vector<std::string>{"left"}));
  EXPECT_THROW(subset.subset({"top"}), InvalidInputError);
}

TEST(ExecutionPlanTest, InvalidDefinitionsAreRejectedBeforePlanning) {
  Definitions defs;
  defs.asset("a", {"ghost"}, [](const Json& v) { return v; });
  EXPECT_THROW(ExecutionPlan::for_assets(defs, AssetSelection::all()), DefinitionError);
}

}  // namespace
}  // namespace strata
