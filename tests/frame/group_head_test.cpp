#include <gtest/gtest.h>

#include "strata/core/error.hpp"
#include "strata/frame/dataframe.hpp"

namespace strata {
namespace {

using Ints = std::vector<std::optional<int64_t>>;
using Strings = std::vector<std::optional<std::string>>;

DataFrame scores() {
  return DataFrame({Series::from("team", Strings{"b", "a", "b", std::nullopt, "a", "b", "ü", std::nullopt}),
                    Series::from("score", Ints{5, 9, 7, 1, std::nullopt, 3, 4, 2})});
}

TEST(GroupHeadTest, FirstRowsOfEachGroupInFrameOrder) {
  const DataFrame out = scores().group_by({"team"}).head(2);
  EXPECT_EQ(out.column_names(), (std::vector<std::string>{"team", "score"}));
  EXPECT_EQ(out["team"].to_strings(), (Strings{"b", "b", "a", "a", std::nullopt, std::nullopt, "ü"}));
  EXPECT_EQ(out["score"].to_int64(), (Ints{5, 7, 9, std::nullopt, 1, 2, 4}));
}

TEST(GroupHeadTest, LargestPerGroupAfterSorting) {
  const DataFrame out =
      scores().drop_nulls({"score"}).sort("score", {.descending = {true}}).group_by({"team"}).head(1);
  EXPECT_EQ(out["team"].to_strings(), (Strings{"a", "b", "ü", std::nullopt}));
  EXPECT_EQ(out["score"].to_int64(), (Ints{9, 7, 4, 2}));
}

TEST(GroupHeadTest, SortedGroupsZeroRowsAndErrors) {
  const DataFrame sorted = scores().group_by({"team"}, /*maintain_order=*/false).head(1);
  EXPECT_EQ(sorted["team"].to_strings(), (Strings{"a", "b", "ü", std::nullopt}));
  EXPECT_EQ(sorted["score"].to_int64(), (Ints{9, 5, 4, 1}));
  const DataFrame none = scores().group_by({"team"}).head(0);
  EXPECT_EQ(none.height(), 0);
  EXPECT_EQ(none.width(), 2);
  EXPECT_EQ(scores().group_by({"team"}).head(100).height(), 8);
  EXPECT_THROW(scores().group_by({"team"}).head(-1), InvalidInputError);
}

TEST(GroupHeadTest, ExpressionKeysAndEmptyFrames) {
  const DataFrame out = scores().group_by(std::vector<Expr>{(col("score") % 2).alias("odd")}).head(1);
  EXPECT_EQ(out.column_names(), (std::vector<std::string>{"odd", "team", "score"}));
  EXPECT_EQ(out["odd"].to_int64(), (Ints{1, std::nullopt, 0}));
  EXPECT_EQ(out["score"].to_int64(), (Ints{5, std::nullopt, 4}));
  const DataFrame empty = scores().head(0).group_by({"team"}).head(3);
  EXPECT_EQ(empty.height(), 0);
}

}  // namespace
}  // namespace strata
