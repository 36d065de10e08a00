#pragma once
// The lazy query optimizer: named rewriting passes over the logical plan.
// Every pass can be switched off (results must not change, only speed),
// which is how the tests check each one.
#include <string>
#include <vector>

#include "strata/plan/logical_plan.hpp"

namespace strata::plan {

struct OptimizerOptions {
  /// Constant folding and boolean simplification in every expression;
  /// filters that are always true disappear.
  bool simplify_expressions = true;
  /// Filters move down through projections, renames, sorts, unions,
  /// group-by keys and joins (to the side they refer to) into scans, where
  /// Parquet row groups are pruned by statistics and hive folders by their
  /// values.
  bool predicate_pushdown = true;
  /// Only the columns a query uses are read (Parquet decodes no others,
  /// CSV converts no others) or computed.
  bool projection_pushdown = true;
  /// Limits move into scans, which stop early; a sort followed by a limit
  /// becomes a top-k.
  bool slice_pushdown = true;
  /// A computation repeated within one select, with_columns or group-by's
  /// aggregations is computed once.
  bool common_subexpressions = true;
  /// A subplan used more than once (one LazyFrame in two places) is
  /// computed once per query.
  bool common_subplans = true;

  /// Every pass off: the plan runs as written.
  static OptimizerOptions none();
  /// These options with the pass of that name (see pass_names) off; an
  /// unknown name is an InvalidInputError listing the names.
  OptimizerOptions without(const std::string& pass) const;
  /// The names of the passes, in the order they run.
  static std::vector<std::string> pass_names();
};

PlanPtr optimize(const PlanPtr& plan, const OptimizerOptions& options = {});

}  // namespace strata::plan
