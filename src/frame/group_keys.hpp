#pragma once
// What the group-by operations of the frame layer share (group_by.cpp,
// group_head.cpp): evaluating the keys over the frame.
#include <string>
#include <unordered_set>
#include <vector>

#include "strata/core/chunked_array.hpp"
#include "strata/core/table.hpp"
#include "strata/expr/expr.hpp"

namespace strata {

class DataFrame;

namespace frame_internal {

/// `expr` evaluated over the frame (`table` is frame.to_table()): a bare
/// column is read directly, a constant is repeated to the frame's height.
ChunkedArray evaluate_over(const Expr& expr, const DataFrame& frame, const Table& table);

/// The group-by keys evaluated over the frame; adds their output names to
/// `names`.
std::vector<ChunkedArray> key_columns(const DataFrame& frame, const Table& table, const std::vector<Expr>& keys,
                                      std::unordered_set<std::string>& names);

}  // namespace frame_internal

}  // namespace strata
