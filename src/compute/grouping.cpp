#include "strata/compute/grouping.hpp"

#include <functional>
#include <limits>
#include <optional>
#include <string>

#include "compute/internal/key_table.hpp"
#include "compute/internal/row_ranges.hpp"
#include "strata/core/builder.hpp"
#include "strata/compute/selection.hpp"
#include "strata/core/error.hpp"
#include "strata/core/thread_pool.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute {

namespace internal {

DataType table_key_type(const DataType& type) {
  return type.id() == TypeId::Categorical ? DataType::string() : type;
}

std::vector<Array> prepare_keys(const std::vector<Array>& keys, const std::vector<DataType>& expected) {
  if (keys.size() != expected.size())
    throw InvalidInputError("expected " + std::to_string(expected.size()) + " key columns, got " +
                            std::to_string(keys.size()));
  std::vector<Array> out;
  out.reserve(keys.size());
  for (size_t k = 0; k < keys.size(); ++k) {
    if (keys[k].type() != expected[k])
      throw TypeError("key column " + std::to_string(k) + " has type " + keys[k].type().to_string() +
                      " but the keys were declared as " + expected[k].to_string() +
                      "; cast the keys to one type first");
    if (k > 0 && keys[k].length() != keys[0].length())
      throw InvalidInputError("key columns have different lengths: " + std::to_string(keys[0].length()) +
                              " and " + std::to_string(keys[k].length()));
    out.push_back(expected[k].id() == TypeId::Categorical ? decode_categorical(keys[k]) : keys[k]);
  }
  return out;
}

std::vector<Array> restore_key_types(std::vector<Array> keys, const std::vector<DataType>& types) {
  for (size_t k = 0; k < keys.size(); ++k)
    if (types[k].id() == TypeId::Categorical) keys[k] = make_categorical(keys[k]);
  return keys;
}

std::unique_ptr<KeyTable> make_key_table(const std::vector<DataType>& table_types) {
  if (table_types.size() == 1) {
    const DataType& type = table_types[0];
    if (type.is_string_like()) return make_string_key_table(type);
    if (type.byte_width() > 0 && type.id() != TypeId::Categorical && !type.is_nested())
      return make_fixed_key_table(type);
  }
  return make_row_key_table(table_types);
}

namespace {

// Largest value range (max - min) given a direct-indexed table: 4 bytes a
// slot, so at most 64 MiB per table (one per thread).
constexpr uint64_t kMaxDirectSpan = (uint64_t{1} << 24) - 1;

// [min, max] of the valid values of an integer array, or nullopt when the
// array has no valid value or its values do not fit in int64.
template <typename T>
std::optional<std::pair<int64_t, int64_t>> integer_range(const Array& array) {
  const T* values = array.values<T>();
  const int64_t n = array.length();
  const int64_t ranges = std::max<int64_t>(1, range_count(n, kParallelMinRows));
  std::vector<T> lows(static_cast<size_t>(ranges), std::numeric_limits<T>::max());
  std::vector<T> highs(static_cast<size_t>(ranges), std::numeric_limits<T>::min());
  std::vector<uint8_t> seen(static_cast<size_t>(ranges), 0);
  parallel_ranges(n, kParallelMinRows, [&](int64_t begin, int64_t end, int64_t r) {
    T low = std::numeric_limits<T>::max(), high = std::numeric_limits<T>::min();
    bool any = false;
    if (array.null_count() == 0) {
      for (int64_t i = begin; i < end; ++i) {
        low = std::min(low, values[i]);
        high = std::max(high, values[i]);
      }
      any = end > begin;
    } else {
      for (int64_t i = begin; i < end; ++i) {
        if (!array.is_valid(i)) continue;
        low = std::min(low, values[i]);
        high = std::max(high, values[i]);
        any = true;
      }
    }
    lows[static_cast<size_t>(r)] = low;
    highs[static_cast<size_t>(r)] = high;
    seen[static_cast<size_t>(r)] = any;
  });
  std::optional<std::pair<int64_t, int64_t>> result;
  for (size_t r = 0; r < lows.size(); ++r) {
    if (!seen[r]) continue;
    if constexpr (std::is_unsigned_v<T> && sizeof(T) == 8) {
      if (highs[r] > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
    }
    const auto low = static_cast<int64_t>(lows[r]), high = static_cast<int64_t>(highs[r]);
    result = result ? std::make_pair(std::min(result->first, low), std::max(result->second, high))
                    : std::make_pair(low, high);
  }
  return result;
}

// A factory of empty tables for the keys: direct-indexed for one integer key
// of small range (measured here), else the layout of make_key_table.
std::function<std::unique_ptr<KeyTable>()> table_factory(const std::vector<Array>& keys,
                                                        const std::vector<DataType>& types) {
  if (types.size() == 1 && keys[0].length() > 0) {
    const DataType& type = types[0];
    std::optional<std::pair<int64_t, int64_t>> range;
    visit_physical(type, [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        if (type.id() != TypeId::Categorical) range = integer_range<T>(keys[0]);
      }
    });
    if (range) {
      const uint64_t span = static_cast<uint64_t>(range->second) - static_cast<uint64_t>(range->first);
      // Small tables only pay off when the input is larger than the table.
      if (span <= kMaxDirectSpan && span <= static_cast<uint64_t>(keys[0].length()) * 4 + 1024) {
        const int64_t low = range->first, high = range->second;
        return [type, low, high] { return make_direct_key_table(type, low, high); };
      }
    }
  }
  return [types] { return make_key_table(types); };
}

}  // namespace

ParallelGrouping group_arrays_parallel(const std::vector<Array>& table_keys,
                                       const std::vector<DataType>& table_types) {
  ParallelGrouping result;
  const int64_t n = table_keys.empty() ? 0 : table_keys[0].length();
  result.group_ids.resize(static_cast<size_t>(n));
  const auto new_table = table_factory(table_keys, table_types);
  // One range per thread: merging is sequential, so fewer ranges merge less.
  const int64_t ranges =
      n < 4 * kParallelMinRows ? 1 : std::min<int64_t>(ThreadPool::global().size(), n / kParallelMinRows);

  // Phase 1: one table per row range, built in parallel. Local ids follow
  // first appearance inside the range.
  std::vector<std::unique_ptr<KeyTable>> tables(static_cast<size_t>(ranges));
  std::vector<std::vector<int64_t>> first_rows(static_cast<size_t>(ranges));
  auto range_begin = [&](int64_t r) { return n * r / ranges; };
  ThreadPool::global().parallel_for(ranges, [&](int64_t r) {
    const int64_t begin = range_begin(r), end = range_begin(r + 1);
    auto& table = tables[static_cast<size_t>(r)];
    table = new_table();
    uint32_t* ids = result.group_ids.data() + begin;
    table->insert(table_keys, begin, end, ids);
    auto& first = first_rows[static_cast<size_t>(r)];
    for (int64_t i = 0; i < end - begin; ++i)
      if (ids[i] == first.size()) first.push_back(begin + i);
  });

  // Phase 2: merge in range order, which keeps global first-appearance order.
  result.table = std::move(tables[0]);
  result.first_row = std::move(first_rows[0]);
  std::vector<std::vector<uint32_t>> mappings(static_cast<size_t>(ranges));
  for (int64_t r = 1; r < ranges; ++r) {
    auto& mapping = mappings[static_cast<size_t>(r)];
    mapping = result.table->merge(*tables[static_cast<size_t>(r)]);
    tables[static_cast<size_t>(r)].reset();
    const auto& first = first_rows[static_cast<size_t>(r)];
    for (size_t g = 0; g < mapping.size(); ++g)
      if (mapping[g] == result.first_row.size()) result.first_row.push_back(first[g]);
  }

  // Phase 3: rewrite local ids to global ones.
  ThreadPool::global().parallel_for(ranges - 1, [&](int64_t task) {
    const int64_t r = task + 1;
    const uint32_t* mapping = mappings[static_cast<size_t>(r)].data();
    uint32_t* ids = result.group_ids.data();
    for (int64_t i = range_begin(r); i < range_begin(r + 1); ++i) ids[i] = mapping[ids[i]];
  });
  return result;
}

}  // namespace internal

// ---- GroupIndex -------------------------------------------------------------------

struct GroupIndex::Impl {
  std::vector<DataType> key_types;
  std::vector<DataType> table_types;
  std::unique_ptr<internal::KeyTable> table;
};

GroupIndex::GroupIndex(std::vector<DataType> key_types) : impl_(std::make_unique<Impl>()) {
  if (key_types.empty()) throw InvalidInputError("a group index needs at least one key column");
  for (const DataType& type : key_types) impl_->table_types.push_back(internal::table_key_type(type));
  impl_->key_types = std::move(key_types);
  impl_->table = internal::make_key_table(impl_->table_types);
}

GroupIndex::~GroupIndex() = default;
GroupIndex::GroupIndex(GroupIndex&&) noexcept = default;
GroupIndex& GroupIndex::operator=(GroupIndex&&) noexcept = default;

void GroupIndex::consume(const std::vector<Array>& keys, std::vector<uint32_t>& group_ids) {
  const std::vector<Array> prepared = internal::prepare_keys(keys, impl_->key_types);
  const int64_t n = prepared[0].length();
  const size_t start = group_ids.size();
  group_ids.resize(start + static_cast<size_t>(n));
  impl_->table->insert(prepared, 0, n, group_ids.data() + start);
}

std::vector<uint32_t> GroupIndex::find(const std::vector<Array>& keys) const {
  const std::vector<Array> prepared = internal::prepare_keys(keys, impl_->key_types);
  std::vector<uint32_t> ids(static_cast<size_t>(prepared[0].length()));
  impl_->table->find(prepared, 0, prepared[0].length(), ids.data());
  return ids;
}

std::vector<uint32_t> GroupIndex::merge(const GroupIndex& other) {
  if (other.impl_->key_types != impl_->key_types)
    throw TypeError("cannot merge group indexes with different key types");
  return impl_->table->merge(*other.impl_->table);
}

int64_t GroupIndex::num_groups() const { return impl_->table->size(); }

std::vector<Array> GroupIndex::keys() const {
  return internal::restore_key_types(impl_->table->keys(), impl_->key_types);
}

// ---- group_rows ---------------------------------------------------------------------

namespace {

Array uint64_array(std::vector<uint64_t>& values) {
  auto data = std::make_shared<ArrayData>();
  data->type = DataType::uint64();
  data->length = static_cast<int64_t>(values.size());
  data->values = Buffer::copy_of(values.data(), data->length * 8);
  return Array(std::move(data));
}

// Several keys: each column is grouped on its own (with the fast single-key
// tables), the per-column ids are folded into one integer per row
// (id_1 * groups_2 + id_2, ...), and those integers are grouped once more.
// Distinct tuples get distinct integers, so the final ids are the tuples'
// first-appearance ids; the key values are gathered at each group's first row.
internal::ParallelGrouping group_columns_combined(const std::vector<Array>& keys,
                                                  const std::vector<DataType>& table_types) {
  const auto n = static_cast<size_t>(keys[0].length());
  std::vector<uint64_t> combined(n, 0);
  uint64_t combinations = 1;
  for (size_t k = 0; k < keys.size(); ++k) {
    internal::ParallelGrouping column = internal::group_arrays_parallel({keys[k]}, {table_types[k]});
    const auto groups = static_cast<uint64_t>(std::max<int64_t>(1, column.table->size()));
    if (combinations > (uint64_t{1} << 62) / groups) {
      // The product would overflow: renumber the combinations seen so far densely.
      internal::ParallelGrouping dense =
          internal::group_arrays_parallel({uint64_array(combined)}, {DataType::uint64()});
      for (size_t i = 0; i < n; ++i) combined[i] = dense.group_ids[i];
      combinations = static_cast<uint64_t>(std::max<int64_t>(1, dense.table->size()));
    }
    const uint32_t* ids = column.group_ids.data();
    parallel_ranges(static_cast<int64_t>(n), internal::kParallelMinRows, [&](int64_t begin, int64_t end, int64_t) {
      for (int64_t i = begin; i < end; ++i) combined[static_cast<size_t>(i)] = combined[static_cast<size_t>(i)] * groups + ids[i];
    });
    combinations *= groups;
  }
  return internal::group_arrays_parallel({uint64_array(combined)}, {DataType::uint64()});
}

}  // namespace

Grouping group_rows(const std::vector<ChunkedArray>& keys) {
  if (keys.empty()) throw InvalidInputError("group_rows needs at least one key column");
  std::vector<Array> arrays;
  std::vector<DataType> types;
  for (const ChunkedArray& key : keys) {
    if (key.length() != keys[0].length())
      throw InvalidInputError("key columns have different lengths: " + std::to_string(keys[0].length()) + " and " +
                              std::to_string(key.length()));
    arrays.push_back(key.combine());
    types.push_back(key.type());
  }
  std::vector<DataType> table_types;
  for (const DataType& type : types) table_types.push_back(internal::table_key_type(type));
  const std::vector<Array> prepared = internal::prepare_keys(arrays, types);
  for (const DataType& type : table_types)
    if (type.is_nested())
      throw UnsupportedError("grouping by a " + type.to_string() + " key is not supported; "
                             "cast the key to a string or unnest it first");

  Grouping grouping;
  internal::ParallelGrouping parallel = keys.size() == 1 ? internal::group_arrays_parallel(prepared, table_types)
                                                         : group_columns_combined(prepared, table_types);
  grouping.group_ids = std::move(parallel.group_ids);
  grouping.num_groups = parallel.table->size();
  grouping.first_row = std::move(parallel.first_row);
  if (keys.size() == 1) {
    grouping.keys = internal::restore_key_types(parallel.table->keys(), types);
  } else {
    for (const Array& array : arrays) grouping.keys.push_back(take(array, grouping.first_row));
  }
  return grouping;
}

}  // namespace strata::compute
