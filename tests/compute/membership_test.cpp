#include <gtest/gtest.h>

#include <cmath>

#include "compute/kernel_test_support.hpp"
#include "strata/compute/membership.hpp"
#include "strata/core/error.hpp"

namespace strata::compute {
namespace {

using namespace testing;

TEST(MembershipTest, IntegersWithNullsOnBothSides) {
  const Array values = make_int64_array({1, 2, std::nullopt, 4});
  const Array result = is_in(values, {Scalar::int64(2), Scalar::null(DataType::int64()), Scalar::int64(4)});
  EXPECT_EQ(rendered(result), (Strings{"false", "true", "null", "true"}));
}

TEST(MembershipTest, ValuesOfOtherTypesMatchByValue) {
  const Array values = int32_array({1, 2, 3});
  EXPECT_EQ(rendered(is_in(values, {Scalar::float64(2.0), Scalar::float64(1.5)})), (Strings{"false", "true", "false"}));
  EXPECT_EQ(rendered(is_in(values, {Scalar::int64(int64_t{1} << 40)})), (Strings{"false", "false", "false"}));
  EXPECT_THROW(is_in(values, {Scalar::string("1")}), TypeError);
}

TEST(MembershipTest, ManyValuesUseSearch) {
  std::vector<Scalar> list;
  for (int64_t v = 0; v < 100; v += 3) list.push_back(Scalar::int64(v));
  const Array result = is_in(make_int64_array({0, 1, 99, 98, -3}), list);
  EXPECT_EQ(rendered(result), (Strings{"true", "false", "true", "false", "false"}));
}

TEST(MembershipTest, FloatsIncludingNan) {
  const Array values = make_float64_array({std::nan(""), 1.0, 2.0});
  EXPECT_EQ(rendered(is_in(values, {Scalar::float64(std::nan("")), Scalar::float64(2.0)})),
            (Strings{"true", "false", "true"}));
  EXPECT_EQ(rendered(is_in(values, {Scalar::float64(1.0)})), (Strings{"false", "true", "false"}));
}

TEST(MembershipTest, StringsCategoricalsAndBools) {
  const Array text = make_string_array({"apple", "pear", "a string longer than twelve", std::nullopt});
  const std::vector<Scalar> list = {Scalar::string("pear"), Scalar::string("a string longer than twelve")};
  EXPECT_EQ(rendered(is_in(text, list)), (Strings{"false", "true", "true", "null"}));
  EXPECT_EQ(rendered(is_in(make_categorical(text), list)), (Strings{"false", "true", "true", "null"}));
  EXPECT_EQ(rendered(is_in(make_bool_array({true, false}), {Scalar::boolean(true)})), (Strings{"true", "false"}));
  EXPECT_EQ(rendered(is_in(text, {})), (Strings{"false", "false", "false", "null"}));
}

TEST(MembershipTest, DatesAgainstDates) {
  EXPECT_EQ(rendered(is_in(date_array({1, 2}), {Scalar::date(2)})), (Strings{"false", "true"}));
}

}  // namespace
}  // namespace strata::compute
