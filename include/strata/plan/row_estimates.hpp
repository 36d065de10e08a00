#pragma once
// Rough row counts of plan nodes, for choices that depend on sizes (which
// side of a join to build). Sources are exact where their metadata says
// (Parquet footers, frames in memory); predicates, groupings and joins use
// fixed selectivities, as a cost model without column statistics does.
#include "strata/plan/logical_plan.hpp"

namespace strata::plan {

/// The estimated number of rows `node` produces (at least 1).
double estimated_rows(const PlanNode& node);

/// The estimated fraction of rows `predicate` keeps, in (0, 1].
double estimated_selectivity(const Expr& predicate);

}  // namespace strata::plan
