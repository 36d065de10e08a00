#pragma once
// A group-by aggregation over an input that arrives in parts (the lazy
// engine's morsels): each part's keys and aggregate inputs are evaluated
// and grouped as it comes, and only the groups are kept, never the rows.
#include <memory>
#include <vector>

#include "strata/expr/expr.hpp"
#include "strata/frame/dataframe.hpp"

namespace strata {

class GroupByAccumulator {
 public:
  /// Checks keys and aggregations against `input_schema` as group_by().agg()
  /// does (same errors).
  GroupByAccumulator(const Schema& input_schema, std::vector<Expr> keys, std::vector<Expr> aggregations,
                     bool maintain_order);
  ~GroupByAccumulator();
  GroupByAccumulator(const GroupByAccumulator&) = delete;
  GroupByAccumulator& operator=(const GroupByAccumulator&) = delete;

  /// Adds part `part` of the input (parts are numbered in the input's row
  /// order; they may come from several threads in any order). Parts must
  /// not depend on each other: keys and aggregate inputs are computed row
  /// by row.
  void add(int64_t part, const DataFrame& frame);
  /// input.group_by(keys, maintain_order).agg(aggregations), where input is
  /// every part in order; call once, after all parts were added.
  DataFrame finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace strata
