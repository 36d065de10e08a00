#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "strata/core/error.hpp"
#include "strata/core/thread_pool.hpp"
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

TEST(GroupTopKTest, BestRowsOfEachGroupBestFirst) {
  const DataFrame out = scores().group_by({"team"}).top_k(2, "score");
  EXPECT_EQ(out.column_names(), (std::vector<std::string>{"team", "score"}));
  EXPECT_EQ(out["team"].to_strings(), (Strings{"b", "b", "a", "a", std::nullopt, std::nullopt, "ü"}));
  EXPECT_EQ(out["score"].to_int64(), (Ints{7, 5, 9, std::nullopt, 2, 1, 4}));
  const DataFrame smallest = scores().group_by({"team"}).top_k(1, "score", /*descending=*/false);
  EXPECT_EQ(smallest["score"].to_int64(), (Ints{3, 9, 1, 4}));
  EXPECT_EQ(scores().group_by({"team"}).top_k(0, "score").height(), 0);
  EXPECT_THROW(scores().group_by({"team"}).top_k(-1, "score"), InvalidInputError);
  EXPECT_THROW(scores().group_by({"team"}).top_k(1, "scor"), Error);
}

/// Row ids per group key, in output order.
std::map<std::string, std::vector<int64_t>> ids_by_group(const DataFrame& frame) {
  std::map<std::string, std::vector<int64_t>> out;
  const auto keys = frame["key"].to_strings();
  const auto ids = frame["id"].to_int64();
  for (size_t i = 0; i < keys.size(); ++i) out[keys[i].value_or("<null>")].push_back(*ids[i]);
  return out;
}

// Against the definition (a stable sort, then each group's first k rows) on
// `rows` random rows in `groups` groups, with ties, nulls and NaN, through
// both paths (one pass for numbers with k <= 64, ranking otherwise).
void expect_top_k_as_sorting_then_head(int64_t rows, uint64_t groups, bool chunked = false) {
  std::mt19937_64 random(7);
  std::vector<std::optional<int64_t>> keys, ints, ids;
  std::vector<std::optional<double>> floats;
  std::vector<std::optional<std::string>> texts;
  for (int64_t i = 0; i < rows; ++i) {
    ids.push_back(i);
    keys.push_back(random() % 40 == 0 ? std::nullopt : std::optional<int64_t>(random() % groups));
    ints.push_back(random() % 10 == 0 ? std::nullopt : std::optional<int64_t>(int64_t(random() % 50) - 25));
    const uint64_t f = random() % 20;
    floats.push_back(f == 0 ? std::nullopt : std::optional<double>(f == 1 ? NAN : double(random() % 30) / 4));
    texts.push_back(random() % 10 == 0 ? std::nullopt : std::optional<std::string>(std::string(1, char('a' + random() % 20))));
  }
  const DataFrame whole({Series::from("key", keys), Series::from("id", ids), Series::from("i", ints),
                         Series::from("f", floats), Series::from("s", texts)});
  // Chunks whose ends fall inside the per-thread row ranges.
  const int64_t cut = rows / 3 + 7;
  const DataFrame frame =
      chunked ? concat({whole.slice(0, cut), whole.slice(cut, cut), whole.slice(2 * cut, rows - 2 * cut)}) : whole;
  for (const std::string by : {"i", "f", "s"}) {
    for (const bool descending : {true, false}) {
      for (const int64_t k : {1, 2, 5, 100}) {
        const DataFrame expected =
            frame.sort(by, {.descending = {descending}}).group_by({"key"}).head(k);
        const DataFrame actual = frame.group_by({"key"}).top_k(k, by, descending);
        EXPECT_EQ(ids_by_group(actual), ids_by_group(expected)) << by << " descending=" << descending << " k=" << k;
        EXPECT_EQ(actual.height(), expected.height());
      }
    }
  }
}

TEST(GroupTopKTest, SameRowsAsSortingThenHead) { expect_top_k_as_sorting_then_head(3000, 37); }

// Enough rows for one pass per thread, whose lists are merged afterwards;
// the columns come in several chunks.
TEST(GroupTopKTest, SameRowsAsSortingThenHeadInParallel) {
  const int threads_before = ThreadPool::global().size();
  ThreadPool::set_global_threads(3);
  expect_top_k_as_sorting_then_head(400'000, 211, /*chunked=*/true);
  ThreadPool::set_global_threads(threads_before);
}

}  // namespace
}  // namespace strata
