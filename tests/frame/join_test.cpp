#include <gtest/gtest.h>

#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/frame/dataframe.hpp"

namespace strata {
namespace {

using compute::JoinType;
using Ints = std::vector<std::optional<int64_t>>;
using Doubles = std::vector<std::optional<double>>;
using Strings = std::vector<std::optional<std::string>>;

DataFrame orders() {
  return DataFrame({Series::from("customer", Ints{1, 2, 3, std::nullopt, 2}),
                    Series::from("amount", Doubles{10.0, 20.0, 30.0, 40.0, 50.0})});
}

DataFrame customers() {
  return DataFrame({Series::from("customer", Ints{2, 1, 4, std::nullopt}),
                    Series::from("name", Strings{"Bea", "Ann", "Dan", "Nul"}),
                    Series::from("amount", Doubles{0.5, 0.25, 0.75, 1.0})});
}

TEST(DataFrameJoinTest, InnerWithSuffixForClashingColumns) {
  const DataFrame out = orders().join(customers(), {"customer"});
  EXPECT_EQ(out.column_names(), (std::vector<std::string>{"customer", "amount", "name", "amount_right"}));
  EXPECT_EQ(out["customer"].to_int64(), (Ints{1, 2, 2}));
  EXPECT_EQ(out["amount"].to_double(), (Doubles{10.0, 20.0, 50.0}));
  EXPECT_EQ(out["name"].to_strings(), (Strings{"Ann", "Bea", "Bea"}));
  EXPECT_EQ(out["amount_right"].to_double(), (Doubles{0.25, 0.5, 0.5}));
}

TEST(DataFrameJoinTest, LeftKeepsEveryLeftRow) {
  const DataFrame out = orders().join(customers(), {"customer"}, {.how = JoinType::Left});
  EXPECT_EQ(out["customer"].to_int64(), (Ints{1, 2, 3, std::nullopt, 2}));
  EXPECT_EQ(out["name"].to_strings(), (Strings{"Ann", "Bea", std::nullopt, std::nullopt, "Bea"}));
}

TEST(DataFrameJoinTest, LeftWithUniqueRightKeysKeepsTheLeftColumnsAsTheyAre) {
  const DataFrame left = orders();
  const DataFrame out = left.join(customers(), {"customer"}, {.how = JoinType::Left});
  ASSERT_EQ(out.height(), left.height());
  EXPECT_EQ(out["amount"].to_double(), left["amount"].to_double());
  EXPECT_EQ(out["amount_right"].to_double(), (Doubles{0.25, 0.5, std::nullopt, std::nullopt, 0.5}));
}

TEST(DataFrameJoinTest, LeftWithRepeatedRightKeysRepeatsTheLeftRows) {
  const DataFrame right({Series::from("customer", Ints{2, 1, 2}), Series::from("name", Strings{"Bea", "Ann", "Bob"})});
  const DataFrame out = orders().join(right, {"customer"}, {.how = JoinType::Left});
  EXPECT_EQ(out["customer"].to_int64(), (Ints{1, 2, 2, 3, std::nullopt, 2, 2}));
  EXPECT_EQ(out["amount"].to_double(), (Doubles{10.0, 20.0, 20.0, 30.0, 40.0, 50.0, 50.0}));
  EXPECT_EQ(out["name"].to_strings(), (Strings{"Ann", "Bea", "Bob", std::nullopt, std::nullopt, "Bea", "Bob"}));
}

TEST(DataFrameJoinTest, FullCoalescesKeysFromTheRight) {
  const DataFrame out = orders().join(customers(), {"customer"}, {.how = JoinType::Full, .suffix = "_c"});
  EXPECT_EQ(out.column_names(), (std::vector<std::string>{"customer", "amount", "name", "amount_c"}));
  // left rows in order (3 and null unmatched), then the unmatched right rows 4 and null.
  EXPECT_EQ(out["customer"].to_int64(), (Ints{1, 2, 3, std::nullopt, 2, 4, std::nullopt}));
  EXPECT_EQ(out["amount"].to_double(), (Doubles{10.0, 20.0, 30.0, 40.0, 50.0, std::nullopt, std::nullopt}));
  EXPECT_EQ(out["name"].to_strings(), (Strings{"Ann", "Bea", std::nullopt, std::nullopt, "Bea", "Dan", "Nul"}));
}

TEST(DataFrameJoinTest, RightJoin) {
  const DataFrame out = orders().join(customers(), {"customer"}, {.how = JoinType::Right});
  EXPECT_EQ(out["customer"].to_int64(), (Ints{1, 2, 2, 4, std::nullopt}));
  EXPECT_EQ(out["name"].to_strings(), (Strings{"Ann", "Bea", "Bea", "Dan", "Nul"}));
  EXPECT_EQ(out["amount"].to_double(), (Doubles{10.0, 20.0, 50.0, std::nullopt, std::nullopt}));
}

TEST(DataFrameJoinTest, SemiAndAntiKeepLeftColumnsOnly) {
  const DataFrame semi = orders().join(customers(), {"customer"}, {.how = JoinType::Semi});
  EXPECT_EQ(semi.column_names(), (std::vector<std::string>{"customer", "amount"}));
  EXPECT_EQ(semi["amount"].to_double(), (Doubles{10.0, 20.0, 50.0}));
  const DataFrame anti = orders().join(customers(), {"customer"}, {.how = JoinType::Anti});
  EXPECT_EQ(anti["amount"].to_double(), (Doubles{30.0, 40.0}));
}

TEST(DataFrameJoinTest, DifferentKeyNamesAndIntegerWidths) {
  FixedWidthBuilder<int32_t> ids(DataType::int32());
  ids.append(2);
  ids.append(7);
  const DataFrame right({Series("id", ids.finish()), Series::from("tag", Strings{"two", "seven"})});
  const DataFrame out = orders().join(right, {"customer"}, {"id"}, {.how = JoinType::Inner});
  EXPECT_EQ(out.column_names(), (std::vector<std::string>{"customer", "amount", "tag"}));
  EXPECT_EQ(out["customer"].type(), DataType::int64());
  EXPECT_EQ(out["tag"].to_strings(), (Strings{"two", "two"}));
}

TEST(DataFrameJoinTest, MultipleKeysWithUnicode) {
  const DataFrame left({Series::from("city", Strings{"Köln", "Köln", "Paris"}), Series::from("year", Ints{2020, 2021, 2020}),
                        Series::from("sales", Ints{1, 2, 3})});
  const DataFrame right({Series::from("city", Strings{"Paris", "Köln"}), Series::from("year", Ints{2020, 2021}),
                         Series::from("rate", Doubles{1.5, 2.5})});
  const DataFrame out = left.join(right, {"city", "year"}, {.how = JoinType::Left});
  EXPECT_EQ(out.column_names(), (std::vector<std::string>{"city", "year", "sales", "rate"}));
  EXPECT_EQ(out["rate"].to_double(), (Doubles{std::nullopt, 2.5, 1.5}));
}

TEST(DataFrameJoinTest, MismatchedKeyTypesNameTheColumns) {
  const DataFrame right({Series::from("customer", Strings{"1"})});
  try {
    orders().join(right, {"customer"});
    FAIL() << "expected a TypeError";
  } catch (const TypeError& error) {
    EXPECT_NE(std::string(error.what()).find("\"customer\""), std::string::npos) << error.what();
  }
  EXPECT_THROW(orders().join(customers(), {"customer"}, {"name", "customer"}), InvalidInputError);
}

TEST(DataFrameJoinTest, CrossJoin) {
  const DataFrame left({Series::from("a", Ints{1, 2})});
  const DataFrame right({Series::from("a", Strings{"x", "y", "z"})});
  const DataFrame out = left.cross_join(right);
  EXPECT_EQ(out.column_names(), (std::vector<std::string>{"a", "a_right"}));
  EXPECT_EQ(out["a"].to_int64(), (Ints{1, 1, 1, 2, 2, 2}));
  EXPECT_EQ(out["a_right"].to_strings(), (Strings{"x", "y", "z", "x", "y", "z"}));
  EXPECT_EQ(left.join(right, {}, {.how = JoinType::Cross}).height(), 6);
}

TEST(DataFrameJoinTest, EmptyRight) {
  const DataFrame right({Series::from("customer", Ints{}), Series::from("name", Strings{})});
  const DataFrame out = orders().join(right, {"customer"}, {.how = JoinType::Left});
  EXPECT_EQ(out.height(), 5);
  EXPECT_EQ(out["name"].null_count(), 5);
  EXPECT_EQ(orders().join(right, {"customer"}).height(), 0);
}

}  // namespace
}  // namespace strata
