// GroupBy::head: the first n rows of every group. The rows are grouped once,
// a pass in row order keeps each group's first n rows, and a counting sort
// by group (stable, so rows keep frame order within a group) lays the
// groups out one after another.
#include <algorithm>
#include <string>
#include <unordered_set>

#include "frame/group_keys.hpp"
#include "strata/compute/grouping.hpp"
#include "strata/compute/selection.hpp"
#include "strata/compute/sort.hpp"
#include "strata/core/error.hpp"
#include "strata/core/thread_pool.hpp"
#include "strata/frame/dataframe.hpp"

namespace strata {

namespace {

// Group ids in output order: first appearance, or sorted by the keys.
std::vector<uint32_t> group_order(const compute::Grouping& grouping, bool maintain_order) {
  std::vector<uint32_t> order(static_cast<size_t>(grouping.num_groups));
  if (maintain_order) {
    for (size_t g = 0; g < order.size(); ++g) order[g] = static_cast<uint32_t>(g);
    return order;
  }
  std::vector<ChunkedArray> keys;
  for (const Array& key : grouping.keys) keys.emplace_back(key);
  const std::vector<int64_t> sorted = compute::sort_indices(keys, std::vector<compute::SortKey>(keys.size()));
  for (size_t g = 0; g < order.size(); ++g) order[g] = static_cast<uint32_t>(sorted[g]);
  return order;
}

// The rows to keep, group after group in `order`, each group's rows in frame order.
std::vector<int64_t> head_rows(const compute::Grouping& grouping, const std::vector<uint32_t>& order, int64_t n) {
  const auto groups = static_cast<size_t>(grouping.num_groups);
  std::vector<int64_t> kept(groups, 0);
  for (const uint32_t g : grouping.group_ids) kept[g] += kept[g] < n;
  std::vector<int64_t> start(groups, 0);
  int64_t total = 0;
  for (const uint32_t g : order) {
    start[g] = total;
    total += kept[g];
  }
  std::vector<int64_t> rows(static_cast<size_t>(total));
  std::vector<int64_t> taken(groups, 0);
  for (size_t row = 0; row < grouping.group_ids.size(); ++row) {
    const uint32_t g = grouping.group_ids[row];
    if (taken[g] == kept[g]) continue;
    rows[static_cast<size_t>(start[g] + taken[g]++)] = static_cast<int64_t>(row);
  }
  return rows;
}

}  // namespace

DataFrame GroupBy::head(int64_t n) const {
  if (n < 0) throw InvalidInputError("group_by().head(n) needs n >= 0, got " + std::to_string(n));
  const Table table = frame_.to_table();
  std::unordered_set<std::string> key_names;
  const std::vector<ChunkedArray> keys = frame_internal::key_columns(frame_, table, keys_, key_names);
  const compute::Grouping grouping = compute::group_rows(keys);
  const std::vector<int64_t> rows = head_rows(grouping, group_order(grouping, maintain_order_), n);

  // Keys first (their evaluated values), then every other column.
  std::vector<std::pair<std::string, const ChunkedArray*>> sources;
  for (size_t k = 0; k < keys_.size(); ++k) sources.emplace_back(keys_[k].output_name(), &keys[k]);
  for (const Series& column : frame_.columns())
    if (!key_names.count(column.name())) sources.emplace_back(column.name(), &column.data());
  std::vector<Series> out(sources.size());
  ThreadPool::global().parallel_for(static_cast<int64_t>(sources.size()), [&](int64_t i) {
    const auto& source = sources[static_cast<size_t>(i)];
    out[static_cast<size_t>(i)] = Series(source.first, compute::take(*source.second, rows));
  });
  return DataFrame(std::move(out));
}

}  // namespace strata
