// Hash join. The right side is normally the build side: its key rows are
// grouped with the parallel key table, and the rows of each distinct key are
// listed in right order (a CSR layout: per-key offsets into one row array).
// The left side probes in parallel over row ranges; each range emits its
// pairs in left order and the ranges are concatenated, which gives the
// documented output order without a sort.
//
// When the left side is much smaller (inner, left, semi and anti joins),
// it is the build side instead: the right side probes it in parallel, and
// order_by_left places each pair (counting sort by left row) where the
// right-built join would have put it, so the output is the same. The lazy
// engine does the same with the right side streamed through the table in
// parts (JoinBuildSide, order_by_left).
#include "strata/compute/join.hpp"

#include <atomic>
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


// The left rows probing the built right side (see the file comment);
// `right_rows` is the build side's row count.
JoinIndices probe_build_side(const BuildSide& side, int64_t right_rows, const std::vector<Array>& left, JoinType type) {
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
    std::vector<uint8_t> matched_row(static_cast<size_t>(right_rows), 0);
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

// Sets matched_groups[g] for every group of the built side that a row of
// `probe` has (in parallel over probe ranges; null keys match nothing).
// Several threads may mark one vector at once: each only ever stores 1.
void mark_matched_groups(const BuildSide& side, const std::vector<Array>& probe, std::vector<uint8_t>& matched_groups) {
  const int64_t rows = probe[0].length();
  const int64_t ranges = std::max<int64_t>(1, range_count(rows, internal::kParallelMinRows));
  ThreadPool::global().parallel_for(ranges, [&](int64_t p) {
    const int64_t begin = rows * p / ranges, end = rows * (p + 1) / ranges;
    std::vector<uint32_t> ids(static_cast<size_t>(end - begin));
    side.table->find(probe, begin, end, ids.data());
    for (int64_t r = begin; r < end; ++r) {
      const uint32_t group = ids[static_cast<size_t>(r - begin)];
      if (group != internal::kNoGroup && !any_null(probe, r))
        std::atomic_ref<uint8_t>(matched_groups[group]).store(1, std::memory_order_relaxed);
    }
  });
}

// Per built row, whether its group was marked.
std::vector<uint8_t> rows_of_groups(const BuildSide& side, int64_t build_rows, const std::vector<uint8_t>& matched_groups) {
  std::vector<uint8_t> matched_rows(static_cast<size_t>(build_rows), 0);
  for (size_t g = 0; g < matched_groups.size(); ++g) {
    if (!matched_groups[g]) continue;
    for (int64_t k = side.starts[g]; k < side.starts[g + 1]; ++k) matched_rows[static_cast<size_t>(side.rows[static_cast<size_t>(k)])] = 1;
  }
  return matched_rows;
}

// The join with the left side built (see the file comment); for inner, left,
// semi and anti joins.
JoinIndices join_building_left(const std::vector<Array>& left, const std::vector<Array>& right,
                               const std::vector<DataType>& table_types, JoinType type) {
  const BuildSide side = build(left, table_types);
  if (type == JoinType::Semi || type == JoinType::Anti) {
    std::vector<uint8_t> matched_groups(static_cast<size_t>(side.table->size()), 0);
    mark_matched_groups(side, right, matched_groups);
    return semi_or_anti_rows(rows_of_groups(side, left[0].length(), matched_groups), type);
  }
  return order_by_left(probe_build_side(side, left[0].length(), right, JoinType::Inner), left[0].length(), type);
}

// Throws unless the key columns pair up by position with equal types.
void check_key_pairs(const std::vector<DataType>& left, const std::vector<DataType>& right, JoinType type) {
  if (left.empty() || left.size() != right.size())
    throw InvalidInputError(std::string(join_type_name(type)) + " join needs the same number of key columns on both "
                            "sides (at least one), got " + std::to_string(left.size()) + " and " +
                            std::to_string(right.size()));
  for (size_t k = 0; k < left.size(); ++k)
    if (left[k] != right[k])
      throw TypeError("join key " + std::to_string(k) + " has type " + left[k].to_string() + " on the left but " +
                      right[k].to_string() + " on the right; cast both keys to one type first");
}

std::vector<DataType> types_of(const std::vector<ChunkedArray>& columns) {
  std::vector<DataType> types;
  for (const ChunkedArray& column : columns) types.push_back(column.type());
  return types;
}

}  // namespace

struct JoinBuildSide::Impl {
  BuildSide side;
  std::vector<DataType> key_types;
  int64_t rows = 0;
};

JoinBuildSide::JoinBuildSide(const std::vector<ChunkedArray>& right_keys) : impl_(std::make_unique<Impl>()) {
  if (right_keys.empty()) throw InvalidInputError("a join build side needs at least one key column");
  impl_->key_types = types_of(right_keys);
  std::vector<DataType> table_types;
  const std::vector<Array> keys = prepared_keys(right_keys, table_types);
  impl_->rows = keys[0].length();
  impl_->side = build(keys, table_types);
}

JoinBuildSide::~JoinBuildSide() = default;
JoinBuildSide::JoinBuildSide(JoinBuildSide&&) noexcept = default;
JoinBuildSide& JoinBuildSide::operator=(JoinBuildSide&&) noexcept = default;

int64_t JoinBuildSide::rows() const { return impl_->rows; }

JoinIndices JoinBuildSide::probe(const std::vector<ChunkedArray>& left_keys, JoinType type) const {
  if (!splits_by_left_rows(type))
    throw InvalidInputError(std::string("a join build side is probed for inner, left, semi and anti joins, not ") +
                            join_type_name(type) + " (its unmatched right rows need every probe)");
  check_key_pairs(types_of(left_keys), impl_->key_types, type);
  std::vector<DataType> table_types;
  return probe_build_side(impl_->side, impl_->rows, prepared_keys(left_keys, table_types), type);
}

int64_t JoinBuildSide::groups() const { return impl_->side.table->size(); }

void JoinBuildSide::mark_matches(const std::vector<ChunkedArray>& probe_keys, std::vector<uint8_t>& matched_groups) const {
  check_key_pairs(impl_->key_types, types_of(probe_keys), JoinType::Semi);
  if (static_cast<int64_t>(matched_groups.size()) != groups())
    throw InvalidInputError("mark_matches needs one flag per group of the build side");
  std::vector<DataType> table_types;
  mark_matched_groups(impl_->side, prepared_keys(probe_keys, table_types), matched_groups);
}

std::vector<uint8_t> JoinBuildSide::matched_rows(const std::vector<uint8_t>& matched_groups) const {
  return rows_of_groups(impl_->side, impl_->rows, matched_groups);
}

bool splits_by_left_rows(JoinType type) {
  return type == JoinType::Inner || type == JoinType::Left || type == JoinType::Semi || type == JoinType::Anti;
}

JoinIndices semi_or_anti_rows(const std::vector<uint8_t>& matched, JoinType type) {
  if (type != JoinType::Semi && type != JoinType::Anti)
    throw InvalidInputError(std::string("semi_or_anti_rows takes a semi or anti join, not ") + join_type_name(type));
  JoinIndices result;
  for (size_t l = 0; l < matched.size(); ++l)
    if ((matched[l] != 0) == (type == JoinType::Semi)) result.left.push_back(static_cast<int64_t>(l));
  return result;
}

JoinIndices order_by_left(const JoinIndices& pairs, int64_t left_rows, JoinType type) {
  const std::vector<int64_t>& right_rows = pairs.left;  // the probing side
  const std::vector<int64_t>& left_of = pairs.right;    // the built side
  std::vector<int64_t> start(static_cast<size_t>(left_rows) + 1, 0);
  for (const int64_t l : left_of) ++start[static_cast<size_t>(l) + 1];
  JoinIndices result;
  if (type != JoinType::Inner && type != JoinType::Left)
    throw InvalidInputError(std::string("order_by_left orders inner and left joins (semi and anti: "
                                        "semi_or_anti_rows), not ") + join_type_name(type));
  // start[l + 1] holds l's matches; an unmatched row of a left join takes one place.
  const bool keep_unmatched = type == JoinType::Left;
  for (size_t l = 0; l < static_cast<size_t>(left_rows); ++l) {
    const int64_t places = start[l + 1] > 0 ? start[l + 1] : keep_unmatched ? 1 : 0;
    start[l + 1] = start[l] + places;
  }
  result.left.resize(static_cast<size_t>(start.back()));
  result.right.assign(static_cast<size_t>(start.back()), -1);
  if (keep_unmatched)
    for (int64_t l = 0; l < left_rows; ++l) result.left[static_cast<size_t>(start[static_cast<size_t>(l)])] = l;
  // Pairs come in right order: each left row's matches stay in that order.
  std::vector<int64_t>& cursor = start;
  for (size_t i = 0; i < left_of.size(); ++i) {
    const auto at = static_cast<size_t>(cursor[static_cast<size_t>(left_of[i])]++);
    result.left[at] = left_of[i];
    result.right[at] = right_rows[i];
  }
  return result;
}

JoinIndices hash_join(const std::vector<ChunkedArray>& left_keys, const std::vector<ChunkedArray>& right_keys,
                      JoinType type) {
  if (type == JoinType::Cross) {
    const int64_t left_rows = left_keys.empty() ? 0 : left_keys[0].length();
    const int64_t right_rows = right_keys.empty() ? 0 : right_keys[0].length();
    return cross_join_indices(left_rows, right_rows);
  }
  check_key_pairs(types_of(left_keys), types_of(right_keys), type);
  std::vector<DataType> table_types;
  const std::vector<Array> right = prepared_keys(right_keys, table_types);
  const std::vector<Array> left = prepared_keys(left_keys, table_types);
  // Build on the left when it is much smaller: its table fits in cache
  // where the right one would not, and building is the costlier pass.
  if (splits_by_left_rows(type) && left[0].length() * kBuildLeftRatio < right[0].length())
    return join_building_left(left, right, table_types, type);
  return probe_build_side(build(right, table_types), right[0].length(), left, type);
}

}  // namespace strata::compute