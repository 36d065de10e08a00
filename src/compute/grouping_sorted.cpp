// The grouping pass for one integer key whose rows come sorted (ascending,
// no nulls), as order lines keyed by their order number do: each run of
// equal keys is a group, so group ids come from comparing neighbours, with
// no hash table, whatever the number of groups. Threads take contiguous
// runs of batches; a group that straddles two runs is joined when their
// states are merged.
#include <algorithm>
#include <type_traits>

#include "compute/internal/grouping_pass.hpp"
#include "strata/core/thread_pool.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute::internal {

namespace {

// Rows whose group ids are computed and aggregated together (see
// grouping_pass.cpp).
constexpr int64_t kBlockRows = 4096;

// Whether the integer key in the batches' first column is ascending with
// no nulls (checked per batch in parallel, then across batch boundaries).
template <typename T>
bool ascending_without_nulls(const std::vector<RecordBatch>& batches) {
  std::vector<uint8_t> ok(batches.size(), 0);
  ThreadPool::global().parallel_for(static_cast<int64_t>(batches.size()), [&](int64_t b) {
    const Array& key = batches[static_cast<size_t>(b)].columns[0];
    if (key.null_count() > 0) return;
    const T* values = key.values<T>();
    for (int64_t i = 1; i < key.length(); ++i)
      if (values[i] < values[i - 1]) return;
    ok[static_cast<size_t>(b)] = 1;
  });
  const T* previous_last = nullptr;
  for (size_t b = 0; b < batches.size(); ++b) {
    if (!ok[b]) return false;
    const Array& key = batches[b].columns[0];
    if (key.length() == 0) continue;
    if (previous_last && key.values<T>()[0] < *previous_last) return false;
    previous_last = key.values<T>() + key.length() - 1;
  }
  return true;
}

struct RunState {
  std::vector<std::unique_ptr<AggregatorBase>> states;
  std::vector<int64_t> first_row;
};

template <typename T>
void consume_runs(const GroupingPassInput& input, const RowLayout& layout, size_t first, size_t last, RunState& local) {
  for (const PassAggregate& aggregate : input.aggregates)
    local.states.push_back(make_aggregator(aggregate.kind, aggregate.input_type, aggregate.options));
  uint32_t block_ids[kBlockRows];
  int64_t group = -1;
  T previous{};
  for (size_t b = first; b < last; ++b) {
    const RecordBatch& batch = input.batches[b];
    const T* keys = batch.columns[0].values<T>();
    for (int64_t start = 0; start < batch.num_rows; start += kBlockRows) {
      const int64_t end = std::min(batch.num_rows, start + kBlockRows);
      const int64_t row = layout.batch_start[b] + start;
      uint32_t* ids = input.group_ids != nullptr ? input.group_ids + row : block_ids;
      for (int64_t i = start; i < end; ++i) {
        if (group < 0 || keys[i] != previous) {
          ++group;
          previous = keys[i];
          local.first_row.push_back(layout.batch_start[b] + i);
        }
        ids[i - start] = static_cast<uint32_t>(group);
      }
      for (auto& state : local.states) state->resize(group + 1);
      for (size_t a = 0; a < local.states.size(); ++a)
        local.states[a]->consume_range(batch.columns[input.key_count + a], start, end, ids);
    }
  }
}

template <typename T>
GroupingPassResult run_sorted(const GroupingPassInput& input, const RowLayout& layout) {
  const int64_t ranges = layout.ranges();
  std::vector<RunState> locals(static_cast<size_t>(ranges));
  ThreadPool::global().parallel_for(ranges, [&](int64_t r) {
    consume_runs<T>(input, layout, layout.range_first[static_cast<size_t>(r)],
                    layout.range_first[static_cast<size_t>(r) + 1], locals[static_cast<size_t>(r)]);
  });
  GroupingPassResult result;
  result.states = std::move(locals[0].states);
  result.first_row = std::move(locals[0].first_row);
  const auto key_at = [&](int64_t row) {
    const size_t b = static_cast<size_t>(
        std::upper_bound(layout.batch_start.begin(), layout.batch_start.end(), row) - layout.batch_start.begin() - 1);
    return input.batches[b].columns[0].values<T>()[row - layout.batch_start[b]];
  };
  // Later runs' groups follow; a run's first group continues the previous
  // run's last one when their keys are equal.
  std::vector<std::vector<uint32_t>> mappings(static_cast<size_t>(ranges));
  for (size_t r = 1; r < locals.size(); ++r) {
    RunState& local = locals[r];
    if (local.first_row.empty()) continue;
    const bool continues = !result.first_row.empty() && key_at(result.first_row.back()) == key_at(local.first_row[0]);
    std::vector<uint32_t>& mapping = mappings[r];
    mapping.resize(local.first_row.size());
    auto next = static_cast<uint32_t>(result.first_row.size());
    for (size_t g = 0; g < mapping.size(); ++g) {
      if (g == 0 && continues) {
        mapping[g] = next - 1;
        continue;
      }
      mapping[g] = next++;
      result.first_row.push_back(local.first_row[g]);
    }
    for (size_t a = 0; a < result.states.size(); ++a) {
      result.states[a]->resize(result.num_groups());
      result.states[a]->merge(*local.states[a], mapping.data());
      local.states[a].reset();
    }
  }
  for (auto& state : result.states) state->resize(result.num_groups());
  if (input.group_ids != nullptr && ranges > 1) {
    ThreadPool::global().parallel_for(ranges - 1, [&](int64_t task) {
      const auto r = static_cast<size_t>(task + 1);
      if (mappings[r].empty()) return;
      for (int64_t i = layout.batch_start[layout.range_first[r]]; i < layout.batch_start[layout.range_first[r + 1]]; ++i)
        input.group_ids[i] = mappings[r][input.group_ids[i]];
    });
  }
  return result;
}

}  // namespace

std::optional<GroupingPassResult> run_sorted_grouping_pass(const GroupingPassInput& input, const RowLayout& layout) {
  if (input.key_count != 1 || input.batches.empty()) return std::nullopt;
  const DataType& type = input.batches[0].schema.field(0).type;
  if (!type.is_integer() && type.id() != TypeId::Date && type.id() != TypeId::Timestamp) return std::nullopt;
  std::optional<GroupingPassResult> result;
  visit_physical(type, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      if (ascending_without_nulls<T>(input.batches)) result = run_sorted<T>(input, layout);
    }
  });
  return result;
}

}  // namespace strata::compute::internal
