#pragma once
// The 22 TPC-H queries written with Strata's lazy API over the Parquet
// tables of bench/generate_tpch (DIR/<table>/*.parquet), with the
// specification's validation parameters. Where the API has no direct form of
// a SQL construct, the query is reformulated the way dataframe TPC-H ports
// do: EXISTS / IN as semi joins, NOT EXISTS / NOT IN as anti joins, scalar
// subqueries as a joined one-row aggregate.
#include <functional>
#include <map>
#include <string>

#include "strata/exec/lazy_frame.hpp"

namespace tpch {

struct QueryInput {
  std::string data_dir;  // holds one folder per table
  double scale_factor = 1;
};

/// Query name ("q1" .. "q22") -> the query. Building it reads the Parquet
/// footers only, except q15's, which computes its view (see there);
/// collect() runs it.
using QueryBuilder = std::function<strata::LazyFrame(const QueryInput&)>;
const std::map<std::string, QueryBuilder>& strata_queries();

}  // namespace tpch
