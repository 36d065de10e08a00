#include <gtest/gtest.h>

#include "compute/kernel_test_support.hpp"
#include "strata/compute/string_functions.hpp"
#include "strata/core/error.hpp"

namespace strata::compute {
namespace {

using namespace testing;

const Array kWords = make_string_array({"Hello", "héllo wörld", std::nullopt, "", "日本語テキスト"});

TEST(StringFunctionsTest, Lengths) {
  const Array chars = str_len_chars(kWords);
  EXPECT_EQ(chars.type(), DataType::uint32());
  EXPECT_EQ(rendered(chars), (Strings{"5", "11", "null", "0", "7"}));
  EXPECT_EQ(rendered(str_len_bytes(kWords)), (Strings{"5", "13", "null", "0", "21"}));
}

TEST(StringFunctionsTest, ContainsLiteralAndRegex) {
  EXPECT_EQ(rendered(str_contains(kWords, "llo", false)), (Strings{"true", "true", "null", "false", "false"}));
  EXPECT_EQ(rendered(str_contains(kWords, "", false)), (Strings{"true", "true", "null", "true", "true"}));
  EXPECT_EQ(rendered(str_contains(kWords, "^h.llo", true)), (Strings{"false", "true", "null", "false", "false"}));
  EXPECT_EQ(rendered(str_contains(kWords, "(?i)^hello$", true)), (Strings{"true", "false", "null", "false", "false"}));
  try {
    str_contains(kWords, "(unclosed", true);
    FAIL();
  } catch (const InvalidInputError& error) {
    EXPECT_NE(std::string(error.what()).find("'(unclosed'"), std::string::npos) << error.what();
  }
}

TEST(StringFunctionsTest, StartsAndEndsWith) {
  EXPECT_EQ(rendered(str_starts_with(kWords, "hé")), (Strings{"false", "true", "null", "false", "false"}));
  EXPECT_EQ(rendered(str_ends_with(kWords, "キスト")), (Strings{"false", "false", "null", "false", "true"}));
}

TEST(StringFunctionsTest, CaseMapping) {
  const Array mixed = make_string_array({"Hello World", "ÉCOLE Ünïcode", "Straße", "ΑΒΓ абв", std::nullopt, "abc"});
  EXPECT_EQ(rendered(str_to_lowercase(mixed)),
            (Strings{"hello world", "école ünïcode", "straße", "αβγ абв", "null", "abc"}));
  EXPECT_EQ(rendered(str_to_uppercase(mixed)),
            (Strings{"HELLO WORLD", "ÉCOLE ÜNÏCODE", "STRAßE", "ΑΒΓ АБВ", "null", "ABC"}));
  EXPECT_EQ(rendered(str_to_uppercase(make_string_array({"ÿ łódź"}))), (Strings{"Ÿ ŁÓDŹ"}));
}

TEST(StringFunctionsTest, Strip) {
  const Array padded = make_string_array({"  both  ", "\tleft", "right\n", "   ", "xx-yy-xx", "··ü··"});
  EXPECT_EQ(rendered(str_strip(padded, " \t\r\n")), (Strings{"both", "left", "right", "", "xx-yy-xx", "··ü··"}));
  EXPECT_EQ(rendered(str_strip(padded, "x")), (Strings{"  both  ", "\tleft", "right\n", "   ", "-yy-", "··ü··"}));
  EXPECT_EQ(rendered(str_strip(padded, "·")), (Strings{"  both  ", "\tleft", "right\n", "   ", "xx-yy-xx", "ü"}));
  const Array long_text = make_string_array({"   a long string that is not inlined   "});
  EXPECT_EQ(rendered(str_strip(long_text, " ")), (Strings{"a long string that is not inlined"}));
}

TEST(StringFunctionsTest, Replace) {
  const Array text = make_string_array({"a-b-c", "none", std::nullopt, "ééé"});
  EXPECT_EQ(rendered(str_replace(text, "-", "+", false)), (Strings{"a+b+c", "none", "null", "ééé"}));
  EXPECT_EQ(rendered(str_replace(text, "é", "e", false)), (Strings{"a-b-c", "none", "null", "eee"}));
  EXPECT_EQ(rendered(str_replace(text, "", "x", false)), (Strings{"a-b-c", "none", "null", "ééé"}));
  EXPECT_EQ(rendered(str_replace(text, "([a-c])-", "\\1\\1", true)), (Strings{"aabbc", "none", "null", "ééé"}));
  EXPECT_THROW(str_replace(text, "(a)", "\\2", true), InvalidInputError);
  EXPECT_THROW(str_replace(text, "[", "", true), InvalidInputError);
}

TEST(StringFunctionsTest, SliceByCodePoints) {
  const Array text = make_string_array({"héllo", "ab", std::nullopt, "", "a longer string beyond twelve"});
  EXPECT_EQ(rendered(str_slice(text, 1, 3)), (Strings{"éll", "b", "null", "", " lo"}));
  EXPECT_EQ(rendered(str_slice(text, -2, std::nullopt)), (Strings{"lo", "ab", "null", "", "ve"}));
  EXPECT_EQ(rendered(str_slice(text, -10, 2)), (Strings{"hé", "ab", "null", "", "on"}));
  EXPECT_EQ(rendered(str_slice(text, 10, 2)), (Strings{"", "", "null", "", "tr"}));
  EXPECT_EQ(rendered(str_slice(text, 2, std::nullopt))[4], "longer string beyond twelve");
  EXPECT_THROW(str_slice(text, 0, -1), InvalidInputError);
}

TEST(StringFunctionsTest, SplitIntoLists) {
  const Array text = make_string_array({"a,b,,c", "", std::nullopt, "no separator here at all"});
  const Array parts = str_split(text, ",");
  EXPECT_EQ(parts.type(), DataType::list(DataType::string()));
  EXPECT_EQ(rendered(parts),
            (Strings{R"(["a", "b", "", "c"])", R"([""])", "null", R"(["no separator here at all"])"}));
  EXPECT_EQ(rendered(str_split(make_string_array({"añb"}), "")), (Strings{R"(["a", "ñ", "b"])"}));
}

TEST(StringFunctionsTest, CategoricalWorksThroughTheDictionary) {
  const Array categories = make_categorical(make_string_array({"Apple", "pear", std::nullopt, "Apple"}));
  EXPECT_EQ(rendered(str_len_chars(categories)), (Strings{"5", "4", "null", "5"}));
  EXPECT_EQ(rendered(str_contains(categories, "p", false)), (Strings{"true", "true", "null", "true"}));
  const Array upper = str_to_uppercase(categories);
  EXPECT_EQ(upper.type(), DataType::string());
  EXPECT_EQ(rendered(upper), (Strings{"APPLE", "PEAR", "null", "APPLE"}));
  EXPECT_EQ(rendered(str_split(categories, "p")), (Strings{R"(["A", "", "le"])", R"(["", "ear"])", "null",
                                                          R"(["A", "", "le"])"}));
}

TEST(StringFunctionsTest, TypeErrorsAndNullInput) {
  try {
    str_contains(make_int64_array({1}), "1", false);
    FAIL();
  } catch (const TypeError& error) {
    EXPECT_NE(std::string(error.what()).find("str.contains"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("i64"), std::string::npos);
  }
  EXPECT_EQ(rendered(str_len_chars(make_null_array(DataType::null(), 2))), (Strings{"null", "null"}));
  EXPECT_EQ(str_to_lowercase(make_string_array({})).length(), 0);
}

}  // namespace
}  // namespace strata::compute
