#include <gtest/gtest.h>

#include "strata/core/error.hpp"
#include "strata/frame/dataframe.hpp"

namespace strata {
namespace {

using Ints = std::vector<std::optional<int64_t>>;
using Strings = std::vector<std::optional<std::string>>;

DataFrame rows() {
  return DataFrame({Series::from("k", Strings{"a", "b", "a", std::nullopt, "b", std::nullopt, "ç"}),
                    Series::from("v", Ints{1, 2, 1, 4, 5, 4, 7}),
                    Series::from("row", Ints{0, 1, 2, 3, 4, 5, 6})});
}

TEST(DataFrameUniqueTest, SubsetKeepFirstLastNone) {
  EXPECT_EQ(rows().unique({"k"})["row"].to_int64(), (Ints{0, 1, 3, 6}));
  EXPECT_EQ(rows().unique({"k"}, UniqueKeep::Last)["row"].to_int64(), (Ints{2, 4, 5, 6}));
  EXPECT_EQ(rows().unique({"k"}, UniqueKeep::None)["row"].to_int64(), (Ints{6}));
  EXPECT_EQ(rows().unique({"k"}, UniqueKeep::Any)["row"].to_int64(), (Ints{0, 1, 3, 6}));
}

TEST(DataFrameUniqueTest, SeveralColumnsNullsEqual) {
  const DataFrame out = rows().unique({"k", "v"});
  EXPECT_EQ(out["row"].to_int64(), (Ints{0, 1, 3, 4, 6}));
}

TEST(DataFrameUniqueTest, AllColumnsByDefault) {
  const DataFrame frame({Series::from("a", Ints{1, 1, std::nullopt, std::nullopt}),
                         Series::from("b", Strings{"x", "x", std::nullopt, std::nullopt})});
  const DataFrame out = frame.unique();
  EXPECT_EQ(out["a"].to_int64(), (Ints{1, std::nullopt}));
  EXPECT_EQ(out["b"].to_strings(), (Strings{"x", std::nullopt}));
}

TEST(DataFrameUniqueTest, EmptyAndUnknownColumn) {
  EXPECT_EQ(DataFrame({Series::from("a", Ints{})}).unique().height(), 0);
  EXPECT_THROW(rows().unique({"nope"}), SchemaError);
}

}  // namespace
}  // namespace strata
