#include <gtest/gtest.h>

#include "compute/kernel_test_support.hpp"
#include "strata/compute/boolean.hpp"
#include "strata/compute/conditional.hpp"
#include "strata/core/error.hpp"

namespace strata::compute {
namespace {

using namespace testing;

// Every combination of true, false, null on both sides.
const Array kLeft = make_bool_array({true, true, true, false, false, false, std::nullopt, std::nullopt, std::nullopt});
const Array kRight = make_bool_array({true, false, std::nullopt, true, false, std::nullopt, true, false, std::nullopt});

TEST(BooleanTest, KleeneAnd) {
  EXPECT_EQ(rendered(and_kleene(kLeft, kRight)),
            (Strings{"true", "false", "null", "false", "false", "false", "null", "false", "null"}));
}

TEST(BooleanTest, KleeneOr) {
  EXPECT_EQ(rendered(or_kleene(kLeft, kRight)),
            (Strings{"true", "true", "true", "true", "false", "null", "true", "null", "null"}));
}

TEST(BooleanTest, KleeneWithASingleValue) {
  EXPECT_EQ(rendered(and_kleene(kLeft, make_bool_array({false}))), Strings(9, "false"));
  EXPECT_EQ(rendered(or_kleene(make_bool_array({true}), kRight)), Strings(9, "true"));
  EXPECT_EQ(rendered(and_kleene(make_bool_array({std::nullopt}), make_bool_array({true, false}))),
            (Strings{"null", "false"}));
  EXPECT_EQ(rendered(and_kleene(make_bool_array({true, false}), make_bool_array({true, true}))),
            (Strings{"true", "false"}));
}

TEST(BooleanTest, NotKeepsNulls) {
  EXPECT_EQ(rendered(invert(make_bool_array({true, false, std::nullopt}))), (Strings{"false", "true", "null"}));
  EXPECT_THROW(invert(make_int64_array({1})), TypeError);
}

TEST(BooleanTest, NullTests) {
  const Array values = make_string_array({"a", std::nullopt, "c"});
  EXPECT_EQ(rendered(is_null(values)), (Strings{"false", "true", "false"}));
  EXPECT_EQ(rendered(is_not_null(values)), (Strings{"true", "false", "true"}));
  EXPECT_EQ(rendered(is_null(make_null_array(DataType::null(), 2))), (Strings{"true", "true"}));
  EXPECT_EQ(rendered(is_not_null(make_int64_array({1}))), (Strings{"true"}));
  EXPECT_EQ(is_null(make_int64_array({})).length(), 0);
}

TEST(ConditionalTest, IfElseTreatsNullConditionAsFalse) {
  const Array condition = make_bool_array({true, false, std::nullopt, true});
  const Array result = if_else(condition, make_int64_array({1, 2, 3, std::nullopt}), make_int64_array({-1}));
  EXPECT_EQ(rendered(result), (Strings{"1", "-1", "-1", "null"}));
}

TEST(ConditionalTest, IfElseOverManyWordsMixesWholeAndPartialWords) {
  // 200 rows: words 0 and 2 take the first branch throughout, word 1 the
  // second, the last (partial) word alternates; the first branch has a null.
  std::vector<std::optional<bool>> condition(200);
  std::vector<std::optional<int64_t>> first(200), second(200);
  Strings expected;
  for (int64_t i = 0; i < 200; ++i) {
    const bool take_first = i < 64 || (i >= 128 && i < 192) || (i >= 192 && i % 2 == 0);
    condition[static_cast<size_t>(i)] = take_first;
    first[static_cast<size_t>(i)] = i == 5 ? std::nullopt : std::optional<int64_t>(i);
    second[static_cast<size_t>(i)] = -i;
    expected.push_back(take_first ? (i == 5 ? "null" : std::to_string(i)) : std::to_string(-i));
  }
  EXPECT_EQ(rendered(if_else(make_bool_array(condition), make_int64_array(first), make_int64_array(second))),
            expected);
}

TEST(ConditionalTest, IfElseWithAConditionTrueEverywhereGivesTheFirstBranch) {
  std::vector<std::optional<bool>> all_true(130, true);
  std::vector<std::optional<double>> first(130), second(130, -1.0);
  for (size_t i = 0; i < first.size(); ++i) first[i] = i == 7 ? std::nullopt : std::optional<double>(0.5 * i);
  const Array first_array = make_float64_array(first);
  const Array result = if_else(make_bool_array(all_true), first_array, make_float64_array(second));
  EXPECT_EQ(rendered(result), rendered(first_array));
  // One null in the condition sends that row to the second branch.
  all_true[129] = std::nullopt;
  const Array mixed = if_else(make_bool_array(all_true), first_array, make_float64_array(second));
  EXPECT_EQ(rendered(mixed)[129], "-1.0");
  EXPECT_EQ(rendered(mixed)[128], "64.0");
  EXPECT_EQ(rendered(mixed)[7], "null");
}

TEST(ConditionalTest, IfElsePromotesBranchTypes) {
  const Array result = if_else(make_bool_array({true, false}), int32_array({1, 2}), make_float64_array({0.5}));
  EXPECT_EQ(result.type(), DataType::float64());
  EXPECT_EQ(rendered(result), (Strings{"1.0", "0.5"}));
  EXPECT_THROW(if_else(make_bool_array({true}), make_string_array({"a"}), make_int64_array({1})), TypeError);
}

TEST(ConditionalTest, IfElseSharesStringBuffers) {
  const Array long_strings = make_string_array({"a string longer than twelve bytes", "second long string value!"});
  const Array other = make_string_array({"another long string for the else branch", "short"});
  const Array result = if_else(make_bool_array({false, true}), long_strings, other);
  EXPECT_EQ(rendered(result), (Strings{"another long string for the else branch", "second long string value!"}));
}

TEST(ConditionalTest, IfElseOnBoolsAndCategoricals) {
  EXPECT_EQ(rendered(if_else(make_bool_array({true, false}), make_bool_array({true}), make_bool_array({false, true}))),
            (Strings{"true", "true"}));
  const Array cats = make_categorical(make_string_array({"x", "y"}));
  const Array result = if_else(make_bool_array({true, false}), cats, make_categorical(make_string_array({"z"})));
  EXPECT_EQ(result.type(), DataType::categorical());
  EXPECT_EQ(rendered(result), (Strings{"x", "z"}));
}

TEST(ConditionalTest, FillNull) {
  EXPECT_EQ(rendered(fill_null(make_int64_array({1, std::nullopt, 3}), make_int64_array({0}))),
            (Strings{"1", "0", "3"}));
  const Array promoted = fill_null(int32_array({std::nullopt, 2}), make_float64_array({0.5}));
  EXPECT_EQ(promoted.type(), DataType::float64());
  EXPECT_EQ(rendered(promoted), (Strings{"0.5", "2.0"}));
  EXPECT_EQ(rendered(fill_null(make_string_array({std::nullopt, "b"}), make_string_array({"x", "y"}))),
            (Strings{"x", "b"}));
  EXPECT_EQ(rendered(fill_null(make_null_array(DataType::null(), 2), make_int64_array({7}))), (Strings{"7", "7"}));
  EXPECT_THROW(fill_null(make_int64_array({std::nullopt}), make_string_array({"x"})), TypeError);
}

}  // namespace
}  // namespace strata::compute
