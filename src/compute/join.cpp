// Hash join. The right side is normally the build side: its key rows are
// grouped with the parallel key table, and the rows of each distinct key are
// listed in right order (a CSR layout: per-key offsets into one row array).
// The left side probes in parallel over row ranges; each range emits its
// pairs in left order and the ranges are concatenated, which gives the
// documented output order without a sort.
//
// When the left side is much smaller (inner, left, semi and anti joins),
// it is the build side instead: the right side probes in parallel, counting
// matches per left key, and a second pass writes each pair straight to its
// place in the left-ordered result (left row, then right rows in order), so
// the output is the same as with the right side built.
#include "strata/compute/join.hpp"

#include <string>

#include "compute/internal/key_table.hpp"
#include "compute/internal/row_ranges.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/thread_pool.hpp"

namespace strata::compute {

const char* join_type_name(JoinType type) {
  switch (type) {
    case JoinType::Inner: return "inner";
    case JoinType::Left: return "left";
    case JoinType::Right: return "right";
    case JoinType::Full: return "full";
    case JoinType::Semi: return "semi";
    case JoinType::Anti: return "anti";
    case JoinType::Cross: return "cross";
  }
  return "?";
}

namespace {

// The left side is built when it has fewer than 1/kBuildLeftRatio of the
// right side's rows.
constexpr int64_t kBuildLeftRatio = 4;

JoinIndices cross_join_indices(int64_t left_rows, int64_t right_rows) {
  JoinIndices out;
  out.left.reserve(static_cast<size_t>(left_rows * right_rows));
  out.right.reserve(static_cast<size_t>(left_rows * right_rows));
  for (int64_t l = 0; l < left_rows; ++l) {
    for (int64_t r = 0; r < right_rows; ++r) {
      out.left.push_back(l);
      out.right.push_back(r);
    }
  }
  return out;
}

bool any_null(const std::vector<Array>& keys, int64_t row) {
  for (const Array& key : keys)
    if (key.is_null(row)) return true;
  return false;
}

// The right rows of each distinct key, in right order; rows with a null key
// are left out because they never match.
struct BuildSide {
  std::unique_ptr<internal::KeyTable> table;
  std::vector<int64_t> starts;  // per group, into rows; size groups + 1
  std::vector<int64_t> rows;
};

BuildSide build(const std::vector<Array>& keys, const std::vector<DataType>& table_types) {
  internal::ParallelGrouping grouping = internal::group_arrays_parallel(keys, table_types);
  BuildSide side;
  const auto groups = static_cast<size_t>(grouping.table->size());
  side.table = std::move(grouping.table);
  side.starts.assign(groups + 1, 0);
  const auto n = static_cast<int64_t>(grouping.group_ids.size());
  for (int64_t r = 0; r < n; ++r)
    if (!any_null(keys, r)) ++side.starts[grouping.group_ids[static_cast<size_t>(r)] + 1];
  for (size_t g = 0; g < groups; ++g) side.starts[g + 1] += side.starts[g];
  side.rows.resize(static_cast<size_t>(side.starts[groups]));
  std::vector<int64_t> cursor(side.starts.begin(), side.starts.end() - 1);
  for (int64_t r = 0; r < n; ++r)
    if (!any_null(keys, r)) side.rows[static_cast<size_t>(cursor[grouping.group_ids[static_cast<size_t>(r)]]++)] = r;
  return side;
}

std::vector<Array> prepared_keys(const std::vector<ChunkedArray>& columns, std::vector<DataType>& table_types) {
  std::vector<Array> arrays;
  std::vector<DataType> types;
  for (const ChunkedArray& column : columns) {
    arrays.push_back(column.combine());
    types.push_back(column.type());
  }
  table_types.clear();
  for (const DataType& type : types) table_types.push_back(internal::table_key_type(type));
  return internal::prepare_keys(arrays, types);
}


// The join with the left side built (see the file comment); for inner, left,
// semi and anti joins.
JoinIndices join_building_left(const std::vector<Array>& left, const std::vector<Array>& right,
                               const std::vector<DataType>& table_types, JoinType type) {
  const BuildSide side = build(left, table_types);
  const int64_t left_rows = left[0].length(), right_rows = right[0].length();
  const auto groups = static_cast<size_t>(side.table->size());
  std::vector<uint32_t> left_group(static_cast<size_t>(left_rows), internal::kNoGroup);
  for (size_t g = 0; g < groups; ++g)
    for (int64_t k = side.starts[g]; k < side.starts[g + 1]; ++k)
      left_group[static_cast<size_t>(side.rows[static_cast<size_t>(k)])] = static_cast<uint32_t>(g);

  // First pass over the right rows: each row's left group, and per range
  // the number of right rows of each group.
  const int64_t ranges = std::max<int64_t>(1, range_count(right_rows, internal::kParallelMinRows));
  auto range_begin = [&](int64_t p) { return right_rows * p / ranges; };
  std::vector<std::vector<uint32_t>> range_ids(static_cast<size_t>(ranges));
  std::vector<std::vector<int64_t>> range_counts(static_cast<size_t>(ranges));
  ThreadPool::global().parallel_for(ranges, [&](int64_t p) {
    const int64_t begin = range_begin(p), end = range_begin(p + 1);
    std::vector<uint32_t>& ids = range_ids[static_cast<size_t>(p)];
    ids.resize(static_cast<size_t>(end - begin));
    side.table->find(right, begin, end, ids.data());
    std::vector<int64_t>& counts = range_counts[static_cast<size_t>(p)];
    counts.assign(groups, 0);
    for (int64_t r = begin; r < end; ++r) {
      uint32_t& group = ids[static_cast<size_t>(r - begin)];
      if (group != internal::kNoGroup && any_null(right, r)) group = internal::kNoGroup;
      if (group != internal::kNoGroup) ++counts[group];
    }
  });
  // Matches of each group, and where each range's rows of a group start
  // within the pairs of one left row of that group.
  std::vector<int64_t> matches(groups, 0);
  for (std::vector<int64_t>& counts : range_counts) {
    for (size_t g = 0; g < groups; ++g) {
      const int64_t here = counts[g];
      counts[g] = matches[g];  // from now on: where the range's rows of group g start
      matches[g] += here;
    }
  }
  const auto matches_of = [&](int64_t l) -> int64_t {
    const uint32_t g = left_group[static_cast<size_t>(l)];
    return g == internal::kNoGroup ? 0 : matches[g];
  };

  JoinIndices result;
  if (type == JoinType::Semi || type == JoinType::Anti) {
    for (int64_t l = 0; l < left_rows; ++l)
      if ((matches_of(l) > 0) == (type == JoinType::Semi)) result.left.push_back(l);
    return result;
  }
  const bool keep_unmatched_left = type == JoinType::Left;
  std::vector<int64_t> start(static_cast<size_t>(left_rows) + 1, 0);
  for (int64_t l = 0; l < left_rows; ++l) {
    const int64_t found = matches_of(l);
    start[static_cast<size_t>(l) + 1] = start[static_cast<size_t>(l)] + (found > 0 ? found : keep_unmatched_left ? 1 : 0);
  }
  result.left.resize(static_cast<size_t>(start.back()));
  result.right.resize(static_cast<size_t>(start.back()));
  if (keep_unmatched_left) {
    for (int64_t l = 0; l < left_rows; ++l)
      if (matches_of(l) == 0) {
        result.left[static_cast<size_t>(start[static_cast<size_t>(l)])] = l;
        result.right[static_cast<size_t>(start[static_cast<size_t>(l)])] = -1;
      }
  }
  // Second pass: every right row goes to its place in the block of each
  // left row of its group.
  ThreadPool::global().parallel_for(ranges, [&](int64_t p) {
    const int64_t begin = range_begin(p), end = range_begin(p + 1);
    const std::vector<uint32_t>& ids = range_ids[static_cast<size_t>(p)];
    std::vector<int64_t> cursor = range_counts[static_cast<size_t>(p)];
    for (int64_t r = begin; r < end; ++r) {
      const uint32_t g = ids[static_cast<size_t>(r - begin)];
      if (g == internal::kNoGroup) continue;
      const int64_t within = cursor[g]++;
      for (int64_t k = side.starts[g]; k < side.starts[g + 1]; ++k) {
        const int64_t l = side.rows[static_cast<size_t>(k)];
        const auto at = static_cast<size_t>(start[static_cast<size_t>(l)] + within);
        result.left[at] = l;
        result.right[at] = r;
      }
    }
  });
  return result;
}

// The join with the right side built (see the file comment).
JoinIndices join_building_right(const std::vector<Array>& left, const std::vector<Array>& right,
                                const std::vector<DataType>& table_types, JoinType type) {
  const BuildSide side = build(right, table_types);
  const int64_t left_rows = left[0].length();
  const auto groups = static_cast<size_t>(side.table->size());

  const bool keep_unmatched_left = type == JoinType::Left || type == JoinType::Full;
  const bool keep_unmatched_right = type == JoinType::Right || type == JoinType::Full;
  const bool pairs = type != JoinType::Semi && type != JoinType::Anti;
  const int64_t ranges = std::max<int64_t>(1, range_count(left_rows, internal::kParallelMinRows));
  auto range_begin = [&](int64_t p) { return left_rows * p / ranges; };
  // Two passes over the left rows: the first finds each row's group and
  // counts the output rows of its range, the second writes them straight
  // to their place in the result (no per-range lists to concatenate).
  std::vector<std::vector<uint32_t>> range_ids(static_cast<size_t>(ranges));
  std::vector<int64_t> offsets(static_cast<size_t>(ranges) + 1, 0);
  std::vector<std::vector<uint8_t>> matched_groups(keep_unmatched_right ? static_cast<size_t>(ranges) : 0);
  // Right rows matching left row l; the first pass has already turned rows
  // with a null key into kNoGroup, so the second need not test nulls again.
  auto matches = [&](const std::vector<uint32_t>& ids, int64_t begin, int64_t l) -> int64_t {
    const uint32_t g = ids[static_cast<size_t>(l - begin)];
    return g == internal::kNoGroup ? 0 : side.starts[g + 1] - side.starts[g];
  };
  ThreadPool::global().parallel_for(ranges, [&](int64_t p) {
    const int64_t begin = range_begin(p), end = range_begin(p + 1);
    std::vector<uint32_t>& ids = range_ids[static_cast<size_t>(p)];
    ids.resize(static_cast<size_t>(end - begin));
    side.table->find(left, begin, end, ids.data());
    std::vector<uint8_t>* matched = keep_unmatched_right ? &matched_groups[static_cast<size_t>(p)] : nullptr;
    if (matched) matched->assign(groups, 0);
    int64_t count = 0;
    for (int64_t l = begin; l < end; ++l) {
      uint32_t& group = ids[static_cast<size_t>(l - begin)];
      if (group != internal::kNoGroup && any_null(left, l)) group = internal::kNoGroup;  // null keys match nothing
      const int64_t found = matches(ids, begin, l);
      switch (type) {
        case JoinType::Semi: count += found > 0; break;
        case JoinType::Anti: count += found == 0; break;
        default: count += found > 0 ? found : keep_unmatched_left ? 1 : 0;
      }
      if (matched && found > 0) (*matched)[ids[static_cast<size_t>(l - begin)]] = 1;
    }
    offsets[static_cast<size_t>(p) + 1] = count;
  });
  for (size_t p = 1; p < offsets.size(); ++p) offsets[p] += offsets[p - 1];

  JoinIndices result;
  result.left.resize(static_cast<size_t>(offsets.back()));
  if (pairs) result.right.resize(static_cast<size_t>(offsets.back()));
  ThreadPool::global().parallel_for(ranges, [&](int64_t p) {
    const int64_t begin = range_begin(p), end = range_begin(p + 1);
    const std::vector<uint32_t>& ids = range_ids[static_cast<size_t>(p)];
    int64_t* out_left = result.left.data() + offsets[static_cast<size_t>(p)];
    int64_t* out_right = pairs ? result.right.data() + offsets[static_cast<size_t>(p)] : nullptr;
    for (int64_t l = begin; l < end; ++l) {
      const int64_t found = matches(ids, begin, l);
      if (!pairs) {
        if ((found > 0) == (type == JoinType::Semi)) *out_left++ = l;
        continue;
      }
      if (found > 0) {
        const uint32_t g = ids[static_cast<size_t>(l - begin)];
        for (int64_t k = side.starts[g]; k < side.starts[g + 1]; ++k) {
          *out_left++ = l;
          *out_right++ = side.rows[static_cast<size_t>(k)];
        }
      } else if (keep_unmatched_left) {
        *out_left++ = l;
        *out_right++ = -1;
      }
    }
  });
  if (keep_unmatched_right) {
    std::vector<uint8_t> matched_row(static_cast<size_t>(right[0].length()), 0);
    for (size_t g = 0; g < groups; ++g) {
      bool matched = false;
      for (const auto& flags : matched_groups) matched = matched || flags[g];
      if (!matched) continue;
      for (int64_t k = side.starts[g]; k < side.starts[g + 1]; ++k) matched_row[static_cast<size_t>(side.rows[static_cast<size_t>(k)])] = 1;
    }
    for (size_t r = 0; r < matched_row.size(); ++r) {
      if (matched_row[r]) continue;
      result.left.push_back(-1);
      result.right.push_back(static_cast<int64_t>(r));
    }
  }
  return result;
}

}  // namespace

JoinIndices hash_join(const std::vector<ChunkedArray>& left_keys, const std::vector<ChunkedArray>& right_keys,
                      JoinType type) {
  if (type == JoinType::Cross) {
    const int64_t left_rows = left_keys.empty() ? 0 : left_keys[0].length();
    const int64_t right_rows = right_keys.empty() ? 0 : right_keys[0].length();
    return cross_join_indices(left_rows, right_rows);
  }
  if (left_keys.empty() || left_keys.size() != right_keys.size())
    throw InvalidInputError(std::string(join_type_name(type)) + " join needs the same number of key columns on both "
                            "sides (at least one), got " + std::to_string(left_keys.size()) + " and " +
                            std::to_string(right_keys.size()));
  for (size_t k = 0; k < left_keys.size(); ++k)
    if (left_keys[k].type() != right_keys[k].type())
      throw TypeError("join key " + std::to_string(k) + " has type " + left_keys[k].type().to_string() +
                      " on the left but " + right_keys[k].type().to_string() +
                      " on the right; cast both keys to one type first");

  std::vector<DataType> table_types;
  const std::vector<Array> right = prepared_keys(right_keys, table_types);
  const std::vector<Array> left = prepared_keys(left_keys, table_types);
  // Build on the left when it is much smaller: its table fits in cache
  // where the right one would not, and building is the costlier pass.
  const bool left_buildable =
      type == JoinType::Inner || type == JoinType::Left || type == JoinType::Semi || type == JoinType::Anti;
  if (left_buildable && left[0].length() * kBuildLeftRatio < right[0].length())
    return join_building_left(left, right, table_types, type);
  return join_building_right(left, right, table_types, type);
}

}  // namespace strata::compute