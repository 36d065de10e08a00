#pragma once
// Assigning dense group ids to rows of one or more key columns (group-by,
// unique, n_unique, join build). Keys of any types, nulls form their own
// group. Groups are numbered in order of first appearance.
#include <cstdint>
#include <memory>
#include <vector>

#include "strata/compute/aggregate.hpp"
#include "strata/core/array.hpp"
#include "strata/core/chunked_array.hpp"

namespace strata::compute {

/// A hash table of key rows. consume() batches in order; each row gets the
/// id of its group. Mergeable: a table built by another thread can be folded
/// in, returning the id mapping.
class GroupIndex {
 public:
  explicit GroupIndex(std::vector<DataType> key_types);
  ~GroupIndex();
  GroupIndex(GroupIndex&&) noexcept;
  GroupIndex& operator=(GroupIndex&&) noexcept;

  /// Appends to `group_ids` one id per row of the batch.
  void consume(const std::vector<Array>& keys, std::vector<uint32_t>& group_ids);
  /// The id of each row's group without adding groups: UINT32_MAX for keys
  /// not seen (used to probe a join build side).
  std::vector<uint32_t> find(const std::vector<Array>& keys) const;
  /// Adds other's groups (in other's id order, as if its rows came after
  /// ours); returns for each of other's group ids its id here.
  std::vector<uint32_t> merge(const GroupIndex& other);
  int64_t num_groups() const;
  /// One row per group, in group-id order.
  std::vector<Array> keys() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct Grouping {
  std::vector<uint32_t> group_ids;  // one per row
  int64_t num_groups = 0;
  std::vector<Array> keys;          // one array per key column, one row per group
  std::vector<int64_t> first_row;   // first row index of each group
};

/// Groups the rows of `keys` (equal-length columns), in parallel for large
/// inputs. Group ids follow first appearance.
Grouping group_rows(const std::vector<ChunkedArray>& keys);

/// One aggregation of group_aggregate: `kind` over `values`, a column as
/// long as the keys.
struct GroupAggregateInput {
  ChunkedArray values;
  AggKind kind = AggKind::Sum;
  AggOptions options = {};
};

struct GroupedAggregates {
  int64_t num_groups = 0;
  std::vector<Array> keys;    // one array per key column, one row per group
  std::vector<Array> values;  // one array per aggregation, one row per group
};

/// Groups the rows of `keys` as group_rows does (groups in order of first
/// appearance, nulls forming a group) and computes every aggregation per
/// group, with the results of grouped_aggregate. Grouping and aggregation
/// run fused in one parallel pass over cache-sized blocks of rows, without
/// a per-row group-id array, and chunked columns are read in place. Throws
/// TypeError when an aggregation does not apply to its input's type and
/// InvalidInputError when lengths differ.
GroupedAggregates group_aggregate(const std::vector<ChunkedArray>& keys,
                                  const std::vector<GroupAggregateInput>& aggregations);

/// group_aggregate over an input that arrives in parts (the lazy engine's
/// morsels): parts are numbered in row order and may be added from several
/// threads in any order. Each part is grouped on its own and folded into
/// the running result in part order, so groups keep first appearance and
/// only the groups are held, never the rows. After parts 0..n-1 have all
/// been added, finish() gives group_aggregate's result over their rows.
class GroupAggregateAccumulator {
 public:
  GroupAggregateAccumulator();
  ~GroupAggregateAccumulator();
  GroupAggregateAccumulator(const GroupAggregateAccumulator&) = delete;
  GroupAggregateAccumulator& operator=(const GroupAggregateAccumulator&) = delete;

  /// Every part must have the same key and aggregation types and kinds
  /// (TypeError otherwise).
  void add(int64_t part, const std::vector<ChunkedArray>& keys, const std::vector<GroupAggregateInput>& aggregations);
  /// Whether no part has been added.
  bool empty() const;
  /// The groups and aggregates (none when every part was empty);
  /// InvalidInputError when a part is missing or none was added.
  GroupedAggregates finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace strata::compute
