// Cross-checks against DuckDB: each case (tests/io/crosscheck_cases.hpp)
// runs an operation with Strata's eager DataFrame and compares with
// DuckDB's answer to the same question.
#include <gtest/gtest.h>

#include "io/crosscheck_cases.hpp"

namespace strata {
namespace {

TEST(CrossCheckDuckDB, EveryCaseEagerly) {
  const auto all = crosscheck::cases(crosscheck::people(), crosscheck::depts());
  EXPECT_EQ(all.size(), 14u);
  for (const auto& [name, result] : all) crosscheck::expect_matches_duckdb(name, result);
}

}  // namespace
}  // namespace strata
