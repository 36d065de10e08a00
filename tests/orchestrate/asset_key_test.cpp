#include <gtest/gtest.h>

#include "strata/core/error.hpp"
#include "strata/orchestrate/asset_key.hpp"

namespace strata {
namespace {

TEST(AssetKeyTest, ParsesPathsAndPrints) {
  AssetKey key("raw/events");
  EXPECT_EQ(key.path(), (std::vector<std::string>{"raw", "events"}));
  EXPECT_EQ(key.name(), "events");
  EXPECT_EQ(key.to_string(), "raw/events");
  EXPECT_EQ(AssetKey("events").with_prefix({"a", "b"}).to_string(), "a/b/events");
  EXPECT_EQ(AssetKey(std::vector<std::string>{"x", "y.v2"}), AssetKey("x/y.v2"));
  EXPECT_LT(AssetKey("a"), AssetKey("b"));
  EXPECT_EQ(AssetKey().name(), "");
}

TEST(AssetKeyTest, RejectsKeysThatCouldEscapeTheStorageRoot) {
  for (const char* bad : {"", "/etc/passwd", "..", "a/../b", "a/./b", ".hidden", "a//b", "a/", "a\\b", "a b",
                          "café", "a\nb", "../../x"}) {
    EXPECT_THROW(AssetKey{std::string(bad)}, InvalidInputError) << bad;
  }
  EXPECT_THROW(AssetKey(std::vector<std::string>{"a", ".."}), InvalidInputError);
  EXPECT_THROW(AssetKey(std::vector<std::string>{}), InvalidInputError);
  EXPECT_THROW(AssetKey(std::string(129, 'a')), InvalidInputError);
  EXPECT_NO_THROW(AssetKey(std::string(128, 'a')));
}

TEST(AssetKeyTest, ErrorNamesTheKeyAndTheProblem) {
  try {
    AssetKey("raw/../secrets");
    FAIL();
  } catch (const InvalidInputError& error) {
    std::string message = error.what();
    EXPECT_NE(message.find("raw/../secrets"), std::string::npos) << message;
    EXPECT_NE(message.find("'..'"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace strata
