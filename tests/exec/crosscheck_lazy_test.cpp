// The DuckDB cross-check cases run lazily (tests/io/crosscheck_cases.hpp):
// every answer is DuckDB's, with every optimizer pass and with none.
#include <gtest/gtest.h>

#include "io/crosscheck_cases.hpp"
#include "strata/exec/lazy_frame.hpp"

namespace strata {
namespace {

TEST(CrossCheckDuckDB, EveryCaseLazily) {
  const auto all = crosscheck::cases(lazy(crosscheck::people()), lazy(crosscheck::depts()));
  EXPECT_EQ(all.size(), 14u);
  for (const auto& [name, query] : all) {
    crosscheck::expect_matches_duckdb(name, query.collect());
    SCOPED_TRACE("no optimizer pass");
    crosscheck::expect_matches_duckdb(name, query.collect({plan::OptimizerOptions::none(), {}}));
  }
}

}  // namespace
}  // namespace strata
