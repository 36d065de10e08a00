#pragma once
// The DuckDB cross-check cases, written once for any frame type: the eager
// tests run them on DataFrames, the lazy engine's tests on LazyFrames. The
// expected answers are DuckDB's, computed by scripts/crosscheck.mjs from
// tests/data/crosscheck/cases.sql and committed as
// tests/data/crosscheck/expected/<case>.csv.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "strata/core/error.hpp"
#include "strata/frame/dataframe.hpp"
#include "strata/io/csv.hpp"

namespace strata::crosscheck {

inline const std::string kDir = std::string(STRATA_TEST_DATA_DIR) + "/crosscheck";

inline DataFrame people() { return read_csv(kDir + "/people.csv"); }
inline DataFrame depts() { return read_csv(kDir + "/depts.csv"); }

// Numbers compare as doubles (DuckDB and Strata may pick different widths),
// everything else by its rendering; nulls must match exactly.
inline void expect_matches_duckdb(const std::string& name, const DataFrame& actual) {
  SCOPED_TRACE("case " + name);
  const DataFrame expected = read_csv(kDir + "/expected/" + name + ".csv");
  ASSERT_EQ(actual.column_names(), expected.column_names()) << actual;
  ASSERT_EQ(actual.height(), expected.height()) << actual;
  for (int64_t c = 0; c < actual.width(); ++c) {
    const Series& got = actual.column(c);
    const Series& want = expected.column(c);
    SCOPED_TRACE("column " + got.name());
    const bool numeric = (got.type().is_numeric() || got.type().id() == TypeId::Bool) &&
                         (want.type().is_numeric() || want.type().id() == TypeId::Bool);
    if (numeric) {
      const auto g = got.to_double(), w = want.to_double();
      for (size_t r = 0; r < g.size(); ++r) {
        ASSERT_EQ(g[r].has_value(), w[r].has_value()) << "row " << r << "\n" << actual;
        if (g[r]) {
          EXPECT_NEAR(*g[r], *w[r], 1e-9 * std::max(1.0, std::fabs(*w[r]))) << "row " << r;
        }
      }
    } else {
      EXPECT_EQ(got.to_strings(), want.to_strings()) << actual;
    }
  }
}

/// Every case: its name (the expected file) and its query over `people`
/// and `depts`.
template <typename Frame>
std::vector<std::pair<std::string, Frame>> cases(const Frame& people, const Frame& depts) {
  std::vector<std::pair<std::string, Frame>> out;
  out.emplace_back("filter_project",
                   people.filter(col("salary") > 50000)
                       .select({col("id"), col("name"), (col("salary") * 2).alias("double_salary")})
                       .sort("id"));
  out.emplace_back("groupby_aggregates",
                   people.group_by({"dept"})
                       .agg({col("salary").sum().alias("total"), col("salary").mean().alias("mean"),
                             col("salary").min().alias("low"), col("salary").max().alias("high"),
                             col("salary").count().alias("n"), col("salary").len().alias("rows"),
                             col("salary").median().alias("med"), col("salary").std().alias("sd"),
                             col("salary").var().alias("var"), col("salary").quantile(0.25).alias("q25")})
                       .sort("dept"));
  out.emplace_back("groupby_two_keys_nunique",
                   people.group_by({"dept", "salary"})
                       .agg({col("id").len().alias("rows"), col("bonus").n_unique().alias("bonus_n_unique"),
                             col("name").first().alias("first_name"), col("name").last().alias("last_name")})
                       .sort({"dept", "salary"}));
  out.emplace_back("sort_multi_key", people.select({"id", "dept", "salary"})
                                         .sort({"dept", "salary", "id"}, {.descending = {true, false, false}}));
  out.emplace_back("join_inner", people.join(depts, {"dept"}).select({"id", "name", "dept", "floor"}).sort("id"));
  out.emplace_back("join_left", people.join(depts, {"dept"}, {.how = compute::JoinType::Left})
                                    .select({"id", "dept", "floor", "head"})
                                    .sort("id"));
  out.emplace_back("join_full", people.join(depts, {"dept"}, {.how = compute::JoinType::Full})
                                    .select({"dept", "id", "floor"})
                                    .sort({"id", "floor"}));
  const Frame semi = people.join(depts, {"dept"}, {.how = compute::JoinType::Semi})
                         .select({col("id"), lit("semi").alias("kind")});
  const Frame anti = people.join(depts, {"dept"}, {.how = compute::JoinType::Anti})
                         .select({col("id"), lit("anti").alias("kind")});
  out.emplace_back("join_semi_anti", concat(std::vector<Frame>{semi, anti}).sort({"kind", "id"}, {.descending = {true, false}}));
  out.emplace_back("integer_division_python_semantics",
                   people.select({col("id"), col("a"), col("b"), floordiv(col("a"), col("b")).alias("floordiv"),
                                  (col("a") % col("b")).alias("modulo"), (col("a") / col("b")).alias("truediv")}));
  const Expr name = col("name");
  out.emplace_back("string_functions",
                   people.select({col("id"), name.str().to_uppercase().alias("upper"),
                                  name.str().to_lowercase().alias("lower"), name.str().len_chars().alias("len"),
                                  name.str().contains("a").alias("has_a"), name.str().starts_with("E").alias("starts_e"),
                                  name.str().replace("a", "A").alias("replaced"), name.str().slice(1, 3).alias("middle"),
                                  name.str().contains("^[A-F]", true).alias("regex_a_to_f")}));
  const Expr hired = col("hired");
  const int64_t thirty_days_us = int64_t{30} * 86400 * 1000000;
  out.emplace_back("date_functions",
                   people.select({col("id"), hired.dt().year().alias("year"), hired.dt().month().alias("month"),
                                  hired.dt().day().alias("day"), hired.dt().weekday().alias("weekday"),
                                  hired.dt().truncate_month().alias("month_start"),
                                  (hired + lit(Scalar::duration(thirty_days_us))).alias("plus_30")}));
  out.emplace_back("conditional_and_membership",
                   people.select({col("id"),
                                  when(col("salary") >= 60000).then(lit("high")).when(col("salary") >= 45000)
                                      .then(lit("mid")).otherwise(lit("low")).alias("band"),
                                  col("dept").is_in({Scalar::string("eng"), Scalar::string("ops")}).alias("in_eng_ops"),
                                  col("salary").between(lit(48000), lit(57500)).alias("mid_range"),
                                  col("bonus").fill_null(lit(0)).alias("bonus_filled"),
                                  col("rating").is_null().alias("no_rating")}));
  out.emplace_back("unique_depts", people.select({"dept"}).unique().sort("dept"));
  out.emplace_back("math_functions",
                   people.select({col("id"), col("a").abs().alias("abs_a"), col("rating").round().alias("rounded"),
                                  col("rating").floor().alias("floored"), col("rating").ceil().alias("ceiled"),
                                  col("salary").sqrt().alias("root"), col("salary").log().alias("log"),
                                  col("b").pow(lit(2)).alias("squared")}));
  return out;
}

}  // namespace strata::crosscheck
