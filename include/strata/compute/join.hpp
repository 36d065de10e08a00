#pragma once
// Hash join on one or more key columns. Produces matching row indices; the
// caller gathers columns with take(). Nulls never match (SQL semantics).
#include <cstdint>
#include <vector>

#include "strata/core/chunked_array.hpp"

namespace strata::compute {

enum class JoinType { Inner, Left, Right, Full, Semi, Anti, Cross };

const char* join_type_name(JoinType type);

struct JoinIndices {
  // For every output row, the left and right row, -1 where the side has no
  // match (outer joins). Semi/anti fill only `left`.
  std::vector<int64_t> left;
  std::vector<int64_t> right;
};

/// Key columns must pair up by position with equal types (the caller casts
/// them to a common type first; Categorical keys match by string); other
/// pairs throw TypeError naming the key position. Output order: left rows
/// in order, each followed by its matches in right order; for right/full
/// joins the unmatched right rows come last. The right side is the build
/// side (its hash table is built in parallel; the left side probes in
/// parallel), except for inner, left, semi and anti joins whose left side
/// has under a quarter of the right side's rows: that side is built and the
/// pairs are placed in the same order. Cross ignores the key values and
/// pairs every left row with every right row (left-major).
JoinIndices hash_join(const std::vector<ChunkedArray>& left_keys, const std::vector<ChunkedArray>& right_keys,
                      JoinType type);

}  // namespace strata::compute
