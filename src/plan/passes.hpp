#pragma once
// The optimizer's passes and the expression helpers they share.
#include <map>
#include <string>
#include <vector>

#include "strata/plan/logical_plan.hpp"

namespace strata::plan {

PlanPtr simplify_expressions(const PlanPtr& plan);
PlanPtr push_down_predicates(const PlanPtr& plan);
PlanPtr push_down_projections(const PlanPtr& plan);
PlanPtr push_down_slices(const PlanPtr& plan);
PlanPtr eliminate_common_subexpressions(const PlanPtr& plan);
PlanPtr share_common_subplans(const PlanPtr& plan);

/// `expr` with the columns named in `names` renamed (others unchanged).
Expr rename_columns(const Expr& expr, const std::map<std::string, std::string>& names);
/// Whether every name in `names` is in `set`.
bool all_in(const std::vector<std::string>& names, const std::vector<std::string>& set);

}  // namespace strata::plan
