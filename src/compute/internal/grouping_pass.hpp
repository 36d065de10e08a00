#pragma once
// One parallel pass of hash grouping, optionally fused with aggregation: the
// engine under group_rows, group_aggregate, unique and the join build side.
//
// The rows arrive as aligned batches (Table::to_batches shares the column
// buffers, so nothing is copied). Each thread takes a contiguous run of
// batches with its own key table and its own aggregator states, and walks it
// in blocks of a few thousand rows: the block's group ids are computed into
// a small buffer and fed straight to the aggregators while they are still in
// L1, so no per-row group-id array is written unless the caller asks for one.
// The per-thread tables are then merged in row order, which keeps global
// first-appearance numbering, and the aggregator states follow the merge
// mapping.
//
// When there are two or more key columns and most rows start a new group,
// per-thread tables would each hold most groups and the merge would run on
// one thread; such passes are radix-partitioned instead (see
// grouping_partitioned.cpp), when the caller does not need a lookup table.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "compute/internal/aggregator_base.hpp"
#include "compute/internal/key_table.hpp"
#include "strata/core/table.hpp"

namespace strata::compute::internal {

/// Makes an empty key table; called once per thread.
using KeyTableFactory = std::function<std::unique_ptr<KeyTable>()>;

/// An aggregation computed by a grouping pass.
struct PassAggregate {
  AggKind kind;
  DataType input_type;
  AggOptions options;
};

struct GroupingPassInput {
  /// Batches whose first `key_count` columns are the keys (in their table
  /// types, see table_key_type) and whose next columns are the aggregate
  /// inputs, one per entry of `aggregates`.
  std::vector<RecordBatch> batches;
  size_t key_count = 1;
  KeyTableFactory new_table;
  /// One factory per key column (the columns new_table composes). When set,
  /// the pass may group without building a table it returns (result.table
  /// is then null): set it only when the caller needs no lookups afterwards.
  std::vector<KeyTableFactory> column_tables;
  std::vector<PassAggregate> aggregates;
  /// When set: receives one global group id per row (all batches' rows).
  uint32_t* group_ids = nullptr;
};

struct GroupingPassResult {
  std::unique_ptr<KeyTable> table;  // every group, ids in first-appearance order; null when partitioned
  std::vector<int64_t> first_row;   // per group: the row where it first appears
  std::vector<std::unique_ptr<AggregatorBase>> states;  // per aggregate, sized to the groups
  int64_t num_groups() const { return static_cast<int64_t>(first_row.size()); }
};

/// Folds `later`, a pass over rows that come after `into`'s, into `into`:
/// groups keep first appearance and the aggregator states follow the ids
/// (states end sized to at least the groups). Returns each of later's
/// group ids' id in `into`. Both passes must have tables of one layout.
std::vector<uint32_t> merge_pass_results(GroupingPassResult& into, GroupingPassResult& later);

/// Runs the pass; see the file comment. Rows count from the first batch's
/// first row. Exceptions from tables or aggregators (e.g. sum overflow)
/// propagate to the caller.
GroupingPassResult run_grouping_pass(const GroupingPassInput& input);

/// The table layout for each key column of `batches` (the first columns, of
/// `table_types`): direct-indexed for an integer key whose measured range is
/// small next to the row count, else the column's hash table.
std::vector<KeyTableFactory> choose_column_tables(const std::vector<RecordBatch>& batches,
                                                  const std::vector<DataType>& table_types);

/// The table for all key columns: the one column's table, or the composite
/// of several.
KeyTableFactory compose_key_tables(std::vector<KeyTableFactory> columns);

/// compose_key_tables(choose_column_tables(batches, table_types)).
KeyTableFactory choose_key_table(const std::vector<RecordBatch>& batches, const std::vector<DataType>& table_types);

/// The batches' row offsets, cut into contiguous runs of about equal rows:
/// one per thread (merging runs is sequential, so fewer runs merge less),
/// or one for inputs too small to split.
struct RowLayout {
  std::vector<int64_t> batch_start;  // first row of each batch, then the total
  std::vector<size_t> range_first;   // run r is batches [range_first[r], range_first[r + 1])
  int64_t ranges() const { return static_cast<int64_t>(range_first.size()) - 1; }
  int64_t rows() const { return batch_start.back(); }
};
RowLayout layout_rows(const std::vector<RecordBatch>& batches);

/// Key columns a partitioned pass takes at most (a row's tuple of column ids
/// is assembled on the stack).
inline constexpr size_t kMaxPartitionedKeyColumns = 64;

/// Whether a pass over `input` should run partitioned: several key columns,
/// more rows than one thread's work, and most rows of a sample forming new
/// groups.
bool prefers_partitioned_pass(const GroupingPassInput& input, int64_t rows);

/// The radix-partitioned pass (grouping_partitioned.cpp); needs
/// input.column_tables. Its result has no table.
GroupingPassResult run_partitioned_grouping_pass(const GroupingPassInput& input, const RowLayout& layout);

/// The pass for one integer (or date, timestamp) key whose rows are sorted
/// ascending without nulls (grouping_sorted.cpp): groups are runs of equal
/// keys, found without a table, so its result has none. nullopt when the
/// key is not such a column.
std::optional<GroupingPassResult> run_sorted_grouping_pass(const GroupingPassInput& input, const RowLayout& layout);

/// The table layout for one integer key of `type` whose values are known to
/// lie in [low, high]: direct-indexed when that range is small next to
/// `rows`, else the hash table of make_key_table.
KeyTableFactory key_table_for_range(const DataType& type, int64_t low, int64_t high, int64_t rows);

/// Rows per batch handed to a grouping pass; batches never straddle chunks.
inline constexpr int64_t kGroupingBatchRows = int64_t{1} << 17;

/// Cuts equally long columns into aligned batches without copying their
/// values (see Table::to_batches). Column names are irrelevant here.
std::vector<RecordBatch> aligned_batches(const std::vector<ChunkedArray>& columns);

}  // namespace strata::compute::internal
