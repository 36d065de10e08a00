// GroupBy::head and GroupBy::top_k: some rows of every group, the groups
// laid out one after another.
//
// head: the rows are grouped once, a pass in row order keeps each group's
// first n rows, and a counting sort by group (stable, so rows keep frame
// order within a group) lays the groups out.
//
// top_k: one pass keeps each group's best k rows so far in k slots (an
// insertion into a short sorted list), so "the two largest per group" costs
// a grouping and a linear pass instead of sorting the whole frame.
#include <algorithm>
#include <cmath>
#include <type_traits>
#include <string>
#include <unordered_set>

#include "frame/group_keys.hpp"
#include "strata/compute/grouping.hpp"
#include "strata/compute/selection.hpp"
#include "strata/compute/sort.hpp"
#include "strata/core/builder.hpp"
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


/// The rows `rows` of `frame`: the evaluated keys first, then every other column.
DataFrame gather_rows(const DataFrame& frame, const std::vector<Expr>& key_exprs, const std::vector<ChunkedArray>& keys,
                      const std::unordered_set<std::string>& key_names, const std::vector<int64_t>& rows) {
  std::vector<std::pair<std::string, const ChunkedArray*>> sources;
  for (size_t k = 0; k < key_exprs.size(); ++k) sources.emplace_back(key_exprs[k].output_name(), &keys[k]);
  for (const Series& column : frame.columns())
    if (!key_names.count(column.name())) sources.emplace_back(column.name(), &column.data());
  std::vector<Series> out(sources.size());
  ThreadPool::global().parallel_for(static_cast<int64_t>(sources.size()), [&](int64_t i) {
    const auto& source = sources[static_cast<size_t>(i)];
    out[static_cast<size_t>(i)] = Series(source.first, compute::take(*source.second, rows));
  });
  return DataFrame(std::move(out));
}

/// Orders values as sort() does: NaN above every number; the better of two
/// equal values is the earlier row (callers keep the earlier one).
template <typename T>
bool ranks_above(T a, T b, bool descending) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a) || std::isnan(b)) return descending ? (std::isnan(a) && !std::isnan(b)) : (!std::isnan(a) && std::isnan(b));
  }
  return descending ? a > b : a < b;
}

/// The best k (at most 64) rows so far of every group, best first, each
/// with its value and validity beside it so that a candidate is compared
/// without reading the column at another row; a group's slots are adjacent.
/// The value to beat of a full group (its k-th) is also kept apart, in
/// arrays small enough to stay in cache, since most rows only meet that.
template <typename T>
struct BestRows {
  struct Slot {
    T value;
    bool valid;
    int64_t row;
  };
  BestRows(size_t groups, size_t k)
      : k(static_cast<int64_t>(k)),
        slots(groups * k),
        filled(groups, 0),
        last_value(groups),
        last_valid(groups, 0) {}
  int64_t k;
  std::vector<Slot> slots;
  std::vector<uint8_t> filled;
  std::vector<T> last_value;  // of slot k - 1, once the group is full
  std::vector<uint8_t> last_valid;

  /// a ranks above b: a valid value above a null, then by value; never on ties.
  static bool above(T value, bool valid, T other, bool other_valid, bool descending) {
    if (valid != other_valid) return valid;
    return valid && ranks_above(value, other, descending);
  }

  /// Offers a row to group g's list; rows offered later lose ties, so rows
  /// must come in row order. Nulls rank below every value.
  void offer(size_t g, int64_t row, T value, bool valid, bool descending) {
    if (filled[g] == k && !above(value, valid, last_value[g], last_valid[g], descending))
      return;  // the usual case
    insert(g, row, value, valid, descending);
  }

 private:
  [[gnu::noinline]] void insert(size_t g, int64_t row, T value, bool valid, bool descending) {
    Slot* list = slots.data() + g * static_cast<size_t>(k);
    int64_t position = filled[g] < k ? filled[g]++ : k - 1;
    while (position > 0 &&
           above(value, valid, list[position - 1].value, list[position - 1].valid, descending)) {
      list[position] = list[position - 1];
      --position;
    }
    list[position] = Slot{value, valid, row};
    last_value[g] = list[k - 1].value;  // read only once the group is full
    last_valid[g] = list[k - 1].valid;
  }
};

/// Each group's best k rows by `by` (physical type T), best first, then the
/// groups laid out in `order`. Nulls rank below every value. Large inputs
/// run as one pass per thread over a contiguous range of rows; the ranges'
/// lists are then merged group by group in range order (so ties still go to
/// the earlier row).
template <typename T>
std::vector<int64_t> top_k_rows(const compute::Grouping& grouping, const std::vector<uint32_t>& order,
                                const ChunkedArray& by, int64_t k, bool descending) {
  const auto groups = static_cast<size_t>(grouping.num_groups);
  const auto slots = static_cast<size_t>(k);
  const auto total_rows = static_cast<int64_t>(grouping.group_ids.size());
  // Where each chunk's rows start: ranges walk the chunks, nothing is concatenated.
  const std::vector<Array>& chunks = by.chunks();
  std::vector<int64_t> chunk_start(chunks.size() + 1, 0);
  for (size_t c = 0; c < chunks.size(); ++c) chunk_start[c + 1] = chunk_start[c] + chunks[c].length();
  const uint32_t* group_ids = grouping.group_ids.data();
  // Per-range lists only pay off when they are small next to the input.
  const int64_t threads = ThreadPool::global().size();
  const int64_t ranges =
      total_rows >= (int64_t{1} << 18) && static_cast<int64_t>(groups * slots) * threads * 4 <= total_rows
          ? threads
          : 1;
  std::vector<BestRows<T>> best;
  best.reserve(static_cast<size_t>(ranges));
  for (int64_t r = 0; r < ranges; ++r) best.emplace_back(groups, slots);
  ThreadPool::global().parallel_for(ranges, [&](int64_t r) {
    BestRows<T>& local = best[static_cast<size_t>(r)];
    const int64_t begin = total_rows * r / ranges, end = total_rows * (r + 1) / ranges;
    const auto after = std::upper_bound(chunk_start.begin(), chunk_start.end(), begin);
    auto c = static_cast<size_t>(after - chunk_start.begin() - 1);
    for (; c < chunks.size() && chunk_start[c] < end; ++c) {
      const Array& chunk = chunks[c];
      const int64_t offset = chunk_start[c];
      const int64_t first = std::max(begin, offset), last = std::min(end, chunk_start[c + 1]);
      const T* values = chunk.values<T>();
      const uint8_t* validity = chunk.null_count() > 0 ? chunk.validity_bits() : nullptr;
      if (chunk.null_count() > 0 && validity == nullptr) {  // all null
        for (int64_t row = first; row < last; ++row) local.offer(group_ids[row], row, T{}, false, descending);
      } else if (validity == nullptr) {
        for (int64_t row = first; row < last; ++row)
          local.offer(group_ids[row], row, values[row - offset], true, descending);
      } else {
        for (int64_t row = first; row < last; ++row)
          local.offer(group_ids[row], row, values[row - offset], bitmap::get(validity, row - offset),
                      descending);
      }
    }
  });
  BestRows<T>& merged = best[0];
  if (ranges > 1) {
    ThreadPool::global().parallel_for(ranges * 4, [&](int64_t part) {
      const size_t first = groups * static_cast<size_t>(part) / static_cast<size_t>(ranges * 4);
      const size_t last = groups * static_cast<size_t>(part + 1) / static_cast<size_t>(ranges * 4);
      for (size_t r = 1; r < best.size(); ++r) {
        const BestRows<T>& later = best[r];
        for (size_t g = first; g < last; ++g) {
          for (size_t i = 0; i < later.filled[g]; ++i) {
            const auto& slot = later.slots[g * slots + i];
            merged.offer(g, slot.row, slot.value, slot.valid, descending);
          }
        }
      }
    });
  }
  std::vector<int64_t> rows;
  rows.reserve(std::min(grouping.group_ids.size(), groups * slots));
  for (const uint32_t g : order)
    for (size_t i = 0; i < merged.filled[g]; ++i) rows.push_back(merged.slots[g * slots + i].row);
  return rows;
}

/// Each group's best k rows when the frame's rows are ranked by `ranked`
/// (row indices, best first), then the groups laid out in `order`.
std::vector<int64_t> top_k_rows_ranked(const compute::Grouping& grouping, const std::vector<uint32_t>& order,
                                       const std::vector<int64_t>& ranked, int64_t k) {
  const auto groups = static_cast<size_t>(grouping.num_groups);
  std::vector<std::vector<int64_t>> best(groups);
  for (const int64_t row : ranked) {
    std::vector<int64_t>& list = best[grouping.group_ids[static_cast<size_t>(row)]];
    if (static_cast<int64_t>(list.size()) < k) list.push_back(row);
  }
  std::vector<int64_t> rows;
  for (const uint32_t g : order) rows.insert(rows.end(), best[g].begin(), best[g].end());
  return rows;
}

using TopKSelector = std::vector<int64_t> (*)(const compute::Grouping&, const std::vector<uint32_t>&,
                                              const ChunkedArray&, int64_t, bool);

/// The one-pass selector for `type`, or nullptr when its values are not numbers.
TopKSelector numeric_selector(TypeId type) {
  switch (type) {
    case TypeId::Int8: return top_k_rows<int8_t>;
    case TypeId::Int16: return top_k_rows<int16_t>;
    case TypeId::Int32:
    case TypeId::Date: return top_k_rows<int32_t>;
    case TypeId::Int64:
    case TypeId::Time:
    case TypeId::Timestamp:
    case TypeId::Duration: return top_k_rows<int64_t>;
    case TypeId::UInt8: return top_k_rows<uint8_t>;
    case TypeId::UInt16: return top_k_rows<uint16_t>;
    case TypeId::UInt32: return top_k_rows<uint32_t>;
    case TypeId::UInt64: return top_k_rows<uint64_t>;
    case TypeId::Float32: return top_k_rows<float>;
    case TypeId::Float64: return top_k_rows<double>;
    default: return nullptr;
  }
}

}  // namespace

DataFrame GroupBy::head(int64_t n) const {
  if (n < 0) throw InvalidInputError("group_by().head(n) needs n >= 0, got " + std::to_string(n));
  const Table table = frame_.to_table();
  std::unordered_set<std::string> key_names;
  const std::vector<ChunkedArray> keys = frame_internal::key_columns(frame_, table, keys_, key_names);
  const compute::Grouping grouping = compute::group_rows(keys);
  const std::vector<int64_t> rows = head_rows(grouping, group_order(grouping, maintain_order_), n);
  return gather_rows(frame_, keys_, keys, key_names, rows);
}

DataFrame GroupBy::top_k(int64_t k, const std::string& by, bool descending) const {
  if (k < 0) throw InvalidInputError("group_by().top_k(k, ...) needs k >= 0, got " + std::to_string(k));
  const ChunkedArray& column = frame_.column(by).data();  // throws naming the closest column
  const Table table = frame_.to_table();
  std::unordered_set<std::string> key_names;
  const std::vector<ChunkedArray> keys = frame_internal::key_columns(frame_, table, keys_, key_names);
  const compute::Grouping grouping = compute::group_rows(keys);
  const std::vector<uint32_t> order = group_order(grouping, maintain_order_);
  std::vector<int64_t> rows;
  if (k == 0) return gather_rows(frame_, keys_, keys, key_names, rows);
  // Few slots: one pass. Otherwise (or for strings, decimals, ...) rank the
  // rows with the stable sort and keep each group's first k.
  if (const TopKSelector select = numeric_selector(column.type().id()); select && k <= 64) {
    rows = select(grouping, order, column, k, descending);
  } else {
    compute::SortKey key;
    key.descending = descending;
    key.nulls_last = true;
    rows = top_k_rows_ranked(grouping, order, compute::sort_indices({column}, {key}), k);
  }
  return gather_rows(frame_, keys_, keys, key_names, rows);
}

}  // namespace strata
