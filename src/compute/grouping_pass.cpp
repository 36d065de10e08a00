// run_grouping_pass and the choice of key table layout; see
// internal/grouping_pass.hpp.
#include "compute/internal/grouping_pass.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>

#include "compute/internal/row_ranges.hpp"
#include "strata/core/error.hpp"
#include "strata/core/thread_pool.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute::internal {

namespace {

// Rows whose group ids are computed and aggregated together: the ids (16
// KiB) and the touched values stay in L1/L2 between the two steps.
constexpr int64_t kBlockRows = 4096;

// Largest value range (max - min) given a direct-indexed table: 4 bytes a
// slot, so at most 64 MiB per table (one per thread).
constexpr uint64_t kMaxDirectSpan = (uint64_t{1} << 24) - 1;

// Rows of the first batch grouped to judge whether most rows are new groups.
constexpr int64_t kPartitionSampleRows = int64_t{1} << 16;

// Inputs below this are grouped by table even when sorted: checking the
// order would cost as much as grouping.
constexpr int64_t kSortedPassMinRows = int64_t{1} << 16;

using Range = std::optional<std::pair<int64_t, int64_t>>;

Range widen(Range range, int64_t low, int64_t high) {
  if (!range) return std::make_pair(low, high);
  return std::make_pair(std::min(range->first, low), std::max(range->second, high));
}

// [min, max] of the valid values of an integer array, or nullopt when it has
// no valid value. `fits` turns false when a value does not fit in int64.
template <typename T>
Range integer_range(const Array& array, bool& fits) {
  const T* values = array.values<T>();
  const int64_t n = array.length();
  T low = std::numeric_limits<T>::max(), high = std::numeric_limits<T>::min();
  bool any = false;
  if (array.null_count() == 0) {
    for (int64_t i = 0; i < n; ++i) {
      low = std::min(low, values[i]);
      high = std::max(high, values[i]);
    }
    any = n > 0;
  } else {
    const uint8_t* valid = array.validity_bits();
    for (int64_t i = 0; i < n; ++i) {
      if (!bitmap::get(valid, i)) continue;
      low = std::min(low, values[i]);
      high = std::max(high, values[i]);
      any = true;
    }
  }
  if (!any) return std::nullopt;
  if constexpr (std::is_unsigned_v<T> && sizeof(T) == 8) {
    if (high > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      fits = false;
      return std::nullopt;
    }
  }
  return std::make_pair(static_cast<int64_t>(low), static_cast<int64_t>(high));
}

// The range of key column `column` of `batches`, measured in parallel, or
// nullopt when it is not an integer column whose values fit in int64.
Range key_range(const std::vector<RecordBatch>& batches, size_t column, const DataType& type) {
  Range result;
  visit_physical(type, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      std::vector<Range> ranges(batches.size());
      std::vector<uint8_t> fits(batches.size(), 1);
      ThreadPool::global().parallel_for(static_cast<int64_t>(batches.size()), [&](int64_t b) {
        bool batch_fits = true;
        ranges[static_cast<size_t>(b)] = integer_range<T>(batches[static_cast<size_t>(b)].columns[column], batch_fits);
        fits[static_cast<size_t>(b)] = batch_fits;
      });
      for (size_t b = 0; b < batches.size(); ++b) {
        if (!fits[b]) {
          result.reset();
          return;
        }
        if (ranges[b]) result = widen(result, ranges[b]->first, ranges[b]->second);
      }
    }
  });
  return result;
}

// One thread's run of batches: a pass result of its own.
using RangeState = GroupingPassResult;

// Groups (and aggregates) batches [first, last) into `local`.
void consume_batches(const GroupingPassInput& input, const std::vector<int64_t>& batch_start, size_t first,
                     size_t last, RangeState& local) {
  local.table = input.new_table();
  for (const PassAggregate& aggregate : input.aggregates)
    local.states.push_back(make_aggregator(aggregate.kind, aggregate.input_type, aggregate.options));
  uint32_t block_ids[kBlockRows];
  std::vector<Array> keys;
  for (size_t b = first; b < last; ++b) {
    const RecordBatch& batch = input.batches[b];
    keys.assign(batch.columns.begin(), batch.columns.begin() + static_cast<std::ptrdiff_t>(input.key_count));
    for (int64_t start = 0; start < batch.num_rows; start += kBlockRows) {
      const int64_t end = std::min(batch.num_rows, start + kBlockRows);
      const int64_t row = batch_start[b] + start;
      uint32_t* ids = input.group_ids != nullptr ? input.group_ids + row : block_ids;
      const int64_t before = local.table->size();
      local.table->insert(keys, start, end, ids);
      const int64_t after = local.table->size();
      if (after > before) {
        for (auto& state : local.states) state->resize(after);
        // New ids appear in increasing order: the first row of each is the
        // first place it occurs in the block.
        auto next = static_cast<uint32_t>(before);
        for (int64_t i = 0; i < end - start && next < after; ++i) {
          if (ids[i] != next) continue;
          local.first_row.push_back(row + i);
          ++next;
        }
      }
      for (size_t a = 0; a < local.states.size(); ++a)
        local.states[a]->consume_range(batch.columns[input.key_count + a], start, end, ids);
    }
  }
}

}  // namespace

std::vector<RecordBatch> aligned_batches(const std::vector<ChunkedArray>& columns) {
  std::vector<Field> fields;
  for (size_t c = 0; c < columns.size(); ++c) fields.push_back({"c" + std::to_string(c), columns[c].type(), true});
  return Table(Schema(std::move(fields)), columns).to_batches(kGroupingBatchRows);
}

KeyTableFactory key_table_for_range(const DataType& type, int64_t low, int64_t high, int64_t rows) {
  const uint64_t span = static_cast<uint64_t>(high) - static_cast<uint64_t>(low);
  // Small tables only pay off when the input is larger than the table.
  if (low <= high && span <= kMaxDirectSpan && span <= static_cast<uint64_t>(rows) * 4 + 1024)
    return [type, low, high] { return make_direct_key_table(type, low, high); };
  return [type] { return make_key_table({type}); };
}

std::vector<KeyTableFactory> choose_column_tables(const std::vector<RecordBatch>& batches,
                                                  const std::vector<DataType>& table_types) {
  int64_t rows = 0;
  for (const RecordBatch& batch : batches) rows += batch.num_rows;
  std::vector<KeyTableFactory> columns;
  for (size_t c = 0; c < table_types.size(); ++c) {
    const DataType type = table_types[c];
    const Range range = batches.empty() || type.id() == TypeId::Categorical ? Range() : key_range(batches, c, type);
    columns.push_back(range ? key_table_for_range(type, range->first, range->second, rows)
                            : KeyTableFactory([type] { return make_key_table({type}); }));
  }
  return columns;
}

KeyTableFactory compose_key_tables(std::vector<KeyTableFactory> columns) {
  if (columns.size() == 1) return columns[0];
  return [columns = std::move(columns)] {
    std::vector<std::unique_ptr<KeyTable>> tables;
    for (const KeyTableFactory& column : columns) tables.push_back(column());
    return make_composite_key_table(std::move(tables));
  };
}

KeyTableFactory choose_key_table(const std::vector<RecordBatch>& batches, const std::vector<DataType>& table_types) {
  return compose_key_tables(choose_column_tables(batches, table_types));
}

RowLayout layout_rows(const std::vector<RecordBatch>& batches) {
  RowLayout layout;
  layout.batch_start.assign(batches.size() + 1, 0);
  for (size_t b = 0; b < batches.size(); ++b) layout.batch_start[b + 1] = layout.batch_start[b] + batches[b].num_rows;
  const int64_t rows = layout.rows();
  const int64_t threads = ThreadPool::global().size();
  const int64_t ranges = rows < 4 * kParallelMinRows
                             ? 1
                             : std::max<int64_t>(1, std::min<int64_t>(threads, static_cast<int64_t>(batches.size())));
  layout.range_first.assign(static_cast<size_t>(ranges) + 1, batches.size());
  for (int64_t r = 0; r < ranges; ++r) {
    const int64_t target = rows * r / ranges;
    layout.range_first[static_cast<size_t>(r)] = static_cast<size_t>(
        std::lower_bound(layout.batch_start.begin(), layout.batch_start.end() - 1, target) - layout.batch_start.begin());
  }
  return layout;
}

bool prefers_partitioned_pass(const GroupingPassInput& input, int64_t rows) {
  const size_t key_columns = input.column_tables.size();
  if (key_columns < 2 || key_columns > kMaxPartitionedKeyColumns || input.key_count != key_columns) return false;
  if (rows < 4 * kParallelMinRows || rows >= static_cast<int64_t>(kNoGroup)) return false;
  // Most rows of the first rows start a group: the key is close to unique.
  const RecordBatch& batch = input.batches.front();
  const int64_t sample = std::min<int64_t>(batch.num_rows, kPartitionSampleRows);
  std::vector<Array> keys(batch.columns.begin(), batch.columns.begin() + static_cast<std::ptrdiff_t>(input.key_count));
  std::vector<uint32_t> ids(static_cast<size_t>(sample));
  const std::unique_ptr<KeyTable> table = input.new_table();
  table->insert(keys, 0, sample, ids.data());
  return table->size() * 2 > sample;
}

std::vector<uint32_t> merge_pass_results(GroupingPassResult& into, GroupingPassResult& later) {
  std::vector<uint32_t> mapping = into.table->merge(*later.table);
  later.table.reset();
  const int64_t groups = into.table->size();
  for (size_t a = 0; a < into.states.size(); ++a) {
    into.states[a]->resize(groups);
    into.states[a]->merge(*later.states[a], mapping.data());
    later.states[a].reset();
  }
  for (size_t g = 0; g < mapping.size(); ++g)
    if (mapping[g] == into.first_row.size()) into.first_row.push_back(later.first_row[g]);
  return mapping;
}

GroupingPassResult run_grouping_pass(const GroupingPassInput& input) {
  const RowLayout layout = layout_rows(input.batches);
  // Passes that may skip the table (the caller needs no lookups): sorted
  // keys group by runs; mostly distinct composite keys are partitioned.
  if (!input.column_tables.empty() && layout.rows() >= kSortedPassMinRows)
    if (std::optional<GroupingPassResult> sorted = run_sorted_grouping_pass(input, layout)) return std::move(*sorted);
  if (prefers_partitioned_pass(input, layout.rows())) return run_partitioned_grouping_pass(input, layout);

  // Runs in row order keep first appearance when merged in order.
  const std::vector<int64_t>& batch_start = layout.batch_start;
  const std::vector<size_t>& range_first = layout.range_first;
  const int64_t ranges = layout.ranges();
  std::vector<RangeState> locals(static_cast<size_t>(ranges));
  ThreadPool::global().parallel_for(ranges, [&](int64_t r) {
    consume_batches(input, batch_start, range_first[static_cast<size_t>(r)], range_first[static_cast<size_t>(r) + 1],
                    locals[static_cast<size_t>(r)]);
  });

  // Merge in range order; the aggregator states follow the id mapping.
  GroupingPassResult result;
  result.table = std::move(locals[0].table);
  result.states = std::move(locals[0].states);
  result.first_row = std::move(locals[0].first_row);
  std::vector<std::vector<uint32_t>> mappings(static_cast<size_t>(ranges));
  for (size_t r = 1; r < locals.size(); ++r) {
    std::vector<uint32_t> mapping = merge_pass_results(result, locals[r]);
    if (input.group_ids != nullptr) mappings[r] = std::move(mapping);
  }
  for (auto& state : result.states) state->resize(result.num_groups());

  // Local ids of the later ranges become global ones.
  if (input.group_ids != nullptr && ranges > 1) {
    ThreadPool::global().parallel_for(ranges - 1, [&](int64_t task) {
      const auto r = static_cast<size_t>(task + 1);
      const uint32_t* mapping = mappings[r].data();
      uint32_t* ids = input.group_ids;
      for (int64_t i = batch_start[range_first[r]]; i < batch_start[range_first[r + 1]]; ++i) ids[i] = mapping[ids[i]];
    });
  }
  return result;
}

}  // namespace strata::compute::internal
