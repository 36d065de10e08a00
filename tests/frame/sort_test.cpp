#include <gtest/gtest.h>

#include "strata/core/error.hpp"
#include "strata/frame/dataframe.hpp"

namespace strata {
namespace {

using Ints = std::vector<std::optional<int64_t>>;
using Strings = std::vector<std::optional<std::string>>;
// Two string literals in braces would also match std::string's iterator-pair
// constructor, so multi-key calls name the vector type.
using Names = std::vector<std::string>;

DataFrame people() {
  return DataFrame({Series::from("city", Strings{"Zürich", "Athens", std::nullopt, "Athens", "Zürich"}),
                    Series::from("age", Ints{30, 25, 40, std::nullopt, 22}),
                    Series::from("name", Strings{"a", "b", "c", "d", "e"})});
}

TEST(DataFrameSortTest, OneColumnAscendingNullsLastCarriesOtherColumns) {
  const DataFrame sorted = people().sort("age");
  EXPECT_EQ(sorted["age"].to_int64(), (Ints{22, 25, 30, 40, std::nullopt}));
  EXPECT_EQ(sorted["name"].to_strings(), (Strings{"e", "b", "a", "c", "d"}));
}

TEST(DataFrameSortTest, SeveralColumnsWithPerKeyDirection) {
  const DataFrame sorted = people().sort(Names{"city", "age"}, {.descending = {false, true}});
  EXPECT_EQ(sorted["name"].to_strings(), (Strings{"b", "d", "a", "e", "c"}));
}

TEST(DataFrameSortTest, NullsFirstAndOneFlagForAllKeys) {
  const DataFrame sorted = people().sort(Names{"city", "age"}, {.descending = {true}, .nulls_last = false});
  // city desc with null first: null(c), Zürich(a 30, e 22), Athens(d null, b 25)
  EXPECT_EQ(sorted["name"].to_strings(), (Strings{"c", "a", "e", "d", "b"}));
}

TEST(DataFrameSortTest, SortByExpression) {
  const DataFrame frame({Series::from("x", Ints{3, -4, 1, -2})});
  const DataFrame sorted = frame.sort_by({col("x").abs()});
  EXPECT_EQ(sorted["x"].to_int64(), (Ints{1, -2, 3, -4}));
}

TEST(DataFrameSortTest, EmptyFrameAndErrors) {
  const DataFrame empty({Series::from("x", Ints{})});
  EXPECT_EQ(empty.sort("x").height(), 0);
  EXPECT_THROW(people().sort("agee"), SchemaError);
  EXPECT_THROW(people().sort(Names{"city", "age"}, {.descending = {true, false, true}}), InvalidInputError);
}

}  // namespace
}  // namespace strata
