#pragma once
// Hash join on one or more key columns. Produces matching row indices; the
// caller gathers columns with take(). Nulls never match (SQL semantics).
#include <cstdint>
#include <memory>
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

/// Inner, left, semi and anti joins: the output for a left row depends on
/// that row alone, so the left side can be taken in parts.
bool splits_by_left_rows(JoinType type);

/// hash_join's output for an inner or left join from the pairs found by
/// probing a side built over the left keys with the right side's rows in
/// order (an inner probe of a JoinBuildSide of the left keys: pairs.left
/// holds right rows, pairs.right left rows): left rows in order, each
/// followed by its matches in right order; a left join keeps each
/// unmatched left row once, with -1.
JoinIndices order_by_left(const JoinIndices& pairs, int64_t left_rows, JoinType type);

/// hash_join's output for a semi or anti join from whether each left row
/// has a match (JoinBuildSide::matched_rows of a side built over the left
/// keys and marked by every part of the right side).
JoinIndices semi_or_anti_rows(const std::vector<uint8_t>& matched, JoinType type);

/// The right side of a hash join, built once and probed by any number of
/// parts of the left side (from several threads at once): the lazy engine
/// streams its left input through it. Probing the parts of a left input in
/// order and concatenating gives hash_join's pairs with the right side
/// built (left row numbers count from each part's first row).
class JoinBuildSide {
 public:
  explicit JoinBuildSide(const std::vector<ChunkedArray>& right_keys);
  ~JoinBuildSide();
  JoinBuildSide(JoinBuildSide&&) noexcept;
  JoinBuildSide& operator=(JoinBuildSide&&) noexcept;

  int64_t rows() const;
  /// Inner, left, semi or anti join pairs of `left_keys` (InvalidInputError
  /// for other types, whose unmatched right rows need every part); key
  /// types must equal the build side's (TypeError as in hash_join).
  JoinIndices probe(const std::vector<ChunkedArray>& left_keys, JoinType type) const;
  /// The semi and anti joins of a built left side, without listing pairs:
  /// mark_matches sets matched_groups[g] (one flag per group, see groups())
  /// for each group a row of `probe_keys` has; parts may mark one vector
  /// from several threads at once. matched_rows then says, per built row,
  /// whether its group was marked.
  int64_t groups() const;
  void mark_matches(const std::vector<ChunkedArray>& probe_keys, std::vector<uint8_t>& matched_groups) const;
  std::vector<uint8_t> matched_rows(const std::vector<uint8_t>& matched_groups) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace strata::compute
