#include <gtest/gtest.h>

#include "orchestrate/orchestrate_test_support.hpp"
#include "strata/orchestrate/asset_graph.hpp"
#include "strata/orchestrate/definitions.hpp"

namespace strata {
namespace {

using testing::numbers_frame;

std::string check_error(const Definitions& defs) {
  try {
    defs.check();
  } catch (const DefinitionError& error) {
    return error.what();
  }
  return "";
}

TEST(DefinitionsTest, ValidGraphHasTopologicalOrderGroupsAndNeighbours) {
  Definitions defs;
  defs.asset("raw/events", [] { return numbers_frame({1, 2}); }).group("raw");
  defs.asset("clean", {"raw/events"}, [](const DataFrame& events) { return events; });
  defs.asset("report", {"clean", "raw/events"}, [](const DataFrame& a, const DataFrame&) { return a; })
      .group("reporting");
  defs.asset("side", [] { return Json(1); }).deps({"clean"});
  EXPECT_NO_THROW(defs.check());
  AssetGraph graph = defs.asset_graph();
  EXPECT_EQ(to_strings(graph.topological_order()),
            (std::vector<std::string>{"raw/events", "clean", "report", "side"}));
  EXPECT_EQ(graph.groups(), (std::vector<std::string>{"default", "raw", "reporting"}));
  EXPECT_EQ(to_strings(graph.node("report").upstream), (std::vector<std::string>{"clean", "raw/events"}));
  EXPECT_EQ(to_strings(graph.node("clean").downstream), (std::vector<std::string>{"report", "side"}));
  EXPECT_EQ(graph.upstream_of("report").size(), 2u);
  EXPECT_EQ(graph.downstream_of("raw/events", 1).size(), 2u);
  EXPECT_EQ(graph.downstream_of("raw/events").size(), 3u);
}

TEST(DefinitionsTest, OrderFollowsDefinitionsWhereDependenciesAllow) {
  Definitions defs;
  defs.asset("zeta", [] { return Json(1); });
  defs.asset("beta", {"alpha"}, [](const Json& v) { return v; });
  defs.asset("alpha", [] { return Json(1); });
  EXPECT_EQ(to_strings(defs.asset_graph().topological_order()), (std::vector<std::string>{"zeta", "alpha", "beta"}));
}

TEST(DefinitionsTest, DuplicateKeysAreReportedWithBothDefinitions) {
  Definitions defs;
  defs.asset("events", [] { return Json(1); });
  defs.asset("events", [] { return Json(2); });
  std::string message = check_error(defs);
  EXPECT_NE(message.find("asset key 'events' is defined twice"), std::string::npos) << message;
}

TEST(DefinitionsTest, UnknownDependenciesNameTheClosestKey) {
  Definitions defs;
  defs.asset("events", [] { return Json(1); });
  defs.asset("report", {"evnets"}, [](const Json& e) { return e; });
  std::string message = check_error(defs);
  EXPECT_NE(message.find("asset 'report' depends on unknown asset 'evnets'; did you mean 'events'?"),
            std::string::npos)
      << message;
}

TEST(DefinitionsTest, CyclesAreReportedAsAPath) {
  Definitions defs;
  defs.asset("a", {"c"}, [](const Json& v) { return v; });
  defs.asset("b", {"a"}, [](const Json& v) { return v; });
  defs.asset("c", {"b"}, [](const Json& v) { return v; });
  defs.asset("ok", [] { return Json(1); });
  std::string message = check_error(defs);
  EXPECT_NE(message.find("dependency cycle: "), std::string::npos) << message;
  for (const char* key : {"a", "b", "c"}) EXPECT_NE(message.find(key), std::string::npos) << message;
  EXPECT_NE(message.find("a -> b -> c -> a"), std::string::npos) << message;
  Definitions self;
  self.asset("loop", {"loop"}, [](const Json& v) { return v; });
  EXPECT_NE(check_error(self).find("loop -> loop"), std::string::npos) << check_error(self);
}

TEST(DefinitionsTest, AllProblemsAreReportedTogether) {
  Definitions defs;
  defs.asset("x", {"missing_one"}, [](const Json& v) { return v; }).resources({"warehouse"});
  defs.asset("y", [] { return Json(1); }).io_manager("s3");
  std::string message = check_error(defs);
  EXPECT_NE(message.find("3 problems"), std::string::npos) << message;
  EXPECT_NE(message.find("missing_one"), std::string::npos) << message;
  EXPECT_NE(message.find("resource 'warehouse'"), std::string::npos) << message;
  EXPECT_NE(message.find("IO manager 's3'"), std::string::npos) << message;
}

TEST(DefinitionsTest, ArityMismatchIsReportedWhenAdded) {
  Definitions defs;
  try {
    defs.asset("report", {"a", "b"}, [](const DataFrame& a) { return a; });
    FAIL();
  } catch (const InvalidInputError& error) {
    std::string message = error.what();
    EXPECT_NE(message.find("asset 'report' declares 2 input(s) (a, b) but its function takes 1"), std::string::npos)
        << message;
  }
  // The context parameter does not count as an input.
  EXPECT_NO_THROW(defs.asset("fine", {"a"}, [](AssetContext&, const DataFrame& a) { return a; }));
}

TEST(DefinitionsTest, MultiAssetsMustReturnOutputsAndHaveUniqueNames) {
  Definitions defs;
  EXPECT_THROW(defs.multi_asset("m", {AssetSpec("a")}, {}, [] { return Json(1); }), InvalidInputError);
  defs.multi_asset("m", {AssetSpec("a"), AssetSpec("a").key("b")}, {}, [] { return Outputs{}; });
  EXPECT_NE(check_error(defs).find("declares the output 'a' twice"), std::string::npos) << check_error(defs);
}

TEST(DefinitionsTest, JobGraphsAreChecked) {
  Definitions defs;
  defs.op("extract", [] { return Json(1); });
  defs.op("load", {"rows"}, [](const Json&) {});
  defs.job("good").node("extract").node("load", {"extract"});
  defs.job("bad").node("extract").node("load", {"extrat"}).node("lod");
  defs.asset_job("assets_bad", "nope+");
  std::string message = check_error(defs);
  EXPECT_EQ(message.find("job 'good'"), std::string::npos) << message;
  EXPECT_NE(message.find("job 'bad': node 'load' reads from unknown node 'extrat'; did you mean 'extract'?"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("runs unknown op 'lod'; did you mean 'load'?"), std::string::npos) << message;
  EXPECT_NE(message.find("asset job 'assets_bad'"), std::string::npos) << message;
}

TEST(DefinitionsTest, ExternalAssetsTakeLoadersOnly) {
  Definitions defs;
  defs.external_asset("raw/orders").description("from the shop").loader([](AssetContext&) { return Value(Json(1)); });
  EXPECT_THROW(defs.asset("made", [] { return Json(1); }).loader([](AssetContext&) { return Value(); }),
               InvalidInputError);
  defs.check();
  EXPECT_TRUE(defs.asset_graph().node("raw/orders").is_external());
}

}  // namespace
}  // namespace strata
