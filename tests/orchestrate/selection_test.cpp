#include <gtest/gtest.h>

#include "strata/orchestrate/asset_graph.hpp"
#include "strata/orchestrate/definitions.hpp"
#include "strata/orchestrate/selection.hpp"

namespace strata {
namespace {

// a -> b -> c -> d, and x -> c; e stands alone.
Definitions chain() {
  Definitions defs;
  auto pass = [](const Json& v) { return v; };
  defs.asset("a", [] { return Json(1); }).group("ingest").tag("tier", "bronze").owner("ana@example.com");
  defs.asset("x", [] { return Json(1); }).group("ingest").tag("tier", "silver");
  defs.asset("b", {"a"}, pass).tag("pii", "");
  defs.asset("c", {"b", "x"}, [](const Json& v, const Json&) { return v; }).group("reporting");
  defs.asset("d", {"c"}, pass).group("reporting");
  defs.asset("e", [] { return Json(1); });
  return defs;
}

std::vector<std::string> select(const std::string& text) {
  Definitions defs = chain();
  AssetGraph graph = defs.asset_graph();
  std::vector<std::string> keys;
  for (const AssetKey& key : AssetSelection::parse(text).resolve(graph)) keys.push_back(key.to_string());
  return keys;
}

using Keys = std::vector<std::string>;

TEST(SelectionTest, SingleKeysAndLayers) {
  EXPECT_EQ(select("c"), (Keys{"c"}));
  EXPECT_EQ(select("+c"), (Keys{"b", "c", "x"}));
  EXPECT_EQ(select("++c"), (Keys{"a", "b", "c", "x"}));
  EXPECT_EQ(select("*c"), (Keys{"a", "b", "c", "x"}));
  EXPECT_EQ(select("b+"), (Keys{"b", "c"}));
  EXPECT_EQ(select("b*"), (Keys{"b", "c", "d"}));
  EXPECT_EQ(select("+b+"), (Keys{"a", "b", "c"}));
  EXPECT_EQ(select("*"), (Keys{"a", "b", "c", "d", "e", "x"}));
  EXPECT_EQ(select("key:e"), (Keys{"e"}));
}

TEST(SelectionTest, GroupsTagsOwnersAndUnions) {
  EXPECT_EQ(select("group:reporting"), (Keys{"c", "d"}));
  EXPECT_EQ(select("group:ingest+"), (Keys{"a", "b", "c", "x"}));
  EXPECT_EQ(select("tag:tier=bronze"), (Keys{"a"}));
  EXPECT_EQ(select("tag:tier"), (Keys{"a", "x"}));
  EXPECT_EQ(select("tag:pii"), (Keys{"b"}));
  EXPECT_EQ(select("owner:ana@example.com"), (Keys{"a"}));
  EXPECT_EQ(select("a, e ,d"), (Keys{"a", "d", "e"}));
  EXPECT_EQ(select("a,a"), (Keys{"a"}));
}

std::string selection_error(const std::string& text) {
  try {
    select(text);
  } catch (const InvalidInputError& error) {
    return error.what();
  }
  return "";
}

TEST(SelectionTest, ErrorsNameTheProblem) {
  EXPECT_NE(selection_error("dd").find("unknown asset 'dd' in selection 'dd'; did you mean 'd'?"), std::string::npos)
      << selection_error("dd");
  EXPECT_NE(selection_error("group:reportng").find("did you mean 'reporting'?"), std::string::npos);
  EXPECT_NE(selection_error("tag:tier=gold").find("no asset has the tag 'tier=gold'"), std::string::npos);
  EXPECT_NE(selection_error("owner:nobody").find("no asset is owned by 'nobody'"), std::string::npos);
  EXPECT_NE(selection_error("a,,b").find("is empty"), std::string::npos);
  EXPECT_NE(selection_error("").find("empty asset selection"), std::string::npos);
  EXPECT_NE(selection_error("+*a").find("mixes '*' and '+'"), std::string::npos);
  EXPECT_NE(selection_error("kind:x").find("unknown prefix"), std::string::npos);
  EXPECT_NE(selection_error("../x").find("not a valid asset key"), std::string::npos);
  EXPECT_NE(selection_error("group:").find("nothing after 'group:'"), std::string::npos);
  EXPECT_NE(selection_error("+").find("names no asset"), std::string::npos);
}

}  // namespace
}  // namespace strata
