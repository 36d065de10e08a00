// sort_indices: a stable multi-key argsort. Keys are sorted one level at a
// time: the rows are ordered by the first key, then every run of rows with
// equal first keys is ordered by the second key, and so on, so each level
// uses one comparator specialised for its column's type.
//
// Within a level every value is reduced to a 64-bit order-preserving key
// (integers biased, floats by their IEEE bits with NaN above +inf, decimals
// by their high word). When that key decides the order exactly (all
// fixed-width types but decimals) the pairs go through a radix sort;
// otherwise a comparison sort breaks key ties on the full value. Strings
// sort by their first 16 bytes held in two words, then their full bytes.
#include "strata/compute/sort.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "compute/internal/parallel_sort.hpp"
#include "compute/internal/radix_sort.hpp"
#include "compute/internal/row_ranges.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/memory.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute {

namespace {

using internal::KeyIndex;

template <typename T>
uint64_t sortable_bits(T value) {
  if constexpr (std::is_floating_point_v<T>) {
    double d = static_cast<double>(value);
    if (std::isnan(d)) d = std::numeric_limits<double>::quiet_NaN();  // one NaN, above +inf
    if (d == 0.0) d = 0.0;                                            // -0.0 ties with 0.0
    const auto bits = std::bit_cast<uint64_t>(d);
    return (bits >> 63) ? ~bits : bits | (uint64_t{1} << 63);
  } else if constexpr (std::is_signed_v<T>) {
    return static_cast<uint64_t>(static_cast<int64_t>(value)) ^ (uint64_t{1} << 63);
  } else {
    return static_cast<uint64_t>(value);
  }
}

// Orders of one column's values. kExact: equal keys mean equal values.
template <typename T>
struct FixedOrder {
  static constexpr bool kExact = true;
  const T* values;
  uint64_t key(int64_t row) const { return sortable_bits(values[row]); }
  int tie_compare(int64_t, int64_t) const { return 0; }
};

struct BoolOrder {
  static constexpr bool kExact = true;
  const uint8_t* bits;
  uint64_t key(int64_t row) const { return bitmap::get(bits, row); }
  int tie_compare(int64_t, int64_t) const { return 0; }
};

struct DecimalOrder {
  static constexpr bool kExact = false;
  const Int128* values;
  uint64_t key(int64_t row) const {
    return static_cast<uint64_t>(static_cast<unsigned __int128>(values[row]) >> 64) ^ (uint64_t{1} << 63);
  }
  int tie_compare(int64_t a, int64_t b) const { return (values[a] > values[b]) - (values[a] < values[b]); }
};

using Runs = std::vector<std::pair<int64_t*, int64_t*>>;

// Sorts the (non-null) rows [first, last) by one column; when `runs` is
// given, appends the spans of equal values longer than one row.
template <typename Order>
void sort_span(const Order& order, bool descending, int64_t* first, int64_t* last, Runs* runs) {
  const int64_t n = last - first;
  // Pool memory: (key, row) pairs are the size of a string column, whose
  // retained blocks they reuse on repeated sorts.
  PoolVector<KeyIndex> pairs(static_cast<size_t>(n));
  const uint64_t flip = descending ? ~uint64_t{0} : 0;
  parallel_ranges(n, internal::kParallelMinRows, [&](int64_t begin, int64_t end, int64_t) {
    for (int64_t i = begin; i < end; ++i) pairs[static_cast<size_t>(i)] = {order.key(first[i]) ^ flip, first[i]};
  });
  const auto tie_less = [&](const KeyIndex& a, const KeyIndex& b) {
    if (a.key != b.key) return a.key < b.key;
    const int c = order.tie_compare(a.index, b.index);
    return descending ? c > 0 : c < 0;
  };
  if constexpr (Order::kExact) {
    if (n < 256) std::stable_sort(pairs.begin(), pairs.end(), tie_less);
    else internal::parallel_radix_sort(pairs.data(), pairs.data() + n);
  } else {
    internal::parallel_stable_sort(pairs, tie_less);
  }
  for (int64_t i = 0; i < n; ++i) first[i] = pairs[static_cast<size_t>(i)].index;
  if (runs == nullptr) return;
  int64_t run_start = 0;
  for (int64_t i = 1; i <= n; ++i) {
    const bool same = i < n && pairs[static_cast<size_t>(i)].key == pairs[static_cast<size_t>(i - 1)].key &&
                      (Order::kExact || order.tie_compare(pairs[static_cast<size_t>(i)].index,
                                                          pairs[static_cast<size_t>(i - 1)].index) == 0);
    if (same) continue;
    if (i - run_start > 1) runs->emplace_back(first + run_start, first + i);
    run_start = i;
  }
}

// Strings sort by (first 8 bytes, next 8 bytes) as two big-endian words,
// then by size when both strings fit in those 16 bytes (zero padding makes
// the shorter one compare equal so far, and it sorts first), and only then
// by their full bytes.
struct StringSortKey {
  uint64_t head, tail;
  uint32_t size;
  int64_t index;
};

uint64_t big_endian_word(std::string_view text, size_t offset) {
  unsigned char bytes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  if (text.size() > offset) std::memcpy(bytes, text.data() + offset, std::min<size_t>(8, text.size() - offset));
  uint64_t word;
  std::memcpy(&word, bytes, 8);
  return __builtin_bswap64(word);
}

void sort_strings(const Array& column, bool descending, int64_t* first, int64_t* last, Runs* runs) {
  const int64_t n = last - first;
  // Plain heap memory: 32-byte keys match no column's size class, so pool
  // blocks retained for them would sit beside the columns unused.
  std::vector<StringSortKey> keys(static_cast<size_t>(n));
  parallel_ranges(n, internal::kParallelMinRows, [&](int64_t begin, int64_t end, int64_t) {
    for (int64_t i = begin; i < end; ++i) {
      const std::string_view text = column.string_at(first[i]);
      keys[static_cast<size_t>(i)] = {big_endian_word(text, 0), big_endian_word(text, 8),
                                      static_cast<uint32_t>(text.size()), first[i]};
    }
  });
  const auto compare = [&](const StringSortKey& a, const StringSortKey& b) -> int {
    if (a.head != b.head) return a.head < b.head ? -1 : 1;
    if (a.tail != b.tail) return a.tail < b.tail ? -1 : 1;
    if (a.size <= 16 && b.size <= 16) return (a.size > b.size) - (a.size < b.size);
    const int c = column.string_at(a.index).compare(column.string_at(b.index));
    return (c > 0) - (c < 0);
  };
  const auto less = [&](const StringSortKey& a, const StringSortKey& b) {
    const int c = compare(a, b);
    return descending ? c > 0 : c < 0;
  };
  const auto sort_run = [&](StringSortKey* run_first, StringSortKey* run_last) {
    std::stable_sort(run_first, run_last, less);
  };
  const auto row = [](const StringSortKey& key) { return key.index; };
  if (runs == nullptr) {
    // Only the order is needed: the last merge writes rows, not keys.
    internal::parallel_stable_sort_projected(keys, sort_run, less, row, first);
    return;
  }
  internal::parallel_stable_sort_with(keys, sort_run, less);
  for (int64_t i = 0; i < n; ++i) first[i] = keys[static_cast<size_t>(i)].index;
  int64_t run_start = 0;
  for (int64_t i = 1; i <= n; ++i) {
    if (i < n && compare(keys[static_cast<size_t>(i)], keys[static_cast<size_t>(i - 1)]) == 0) continue;
    if (i - run_start > 1) runs->emplace_back(first + run_start, first + i);
    run_start = i;
  }
}

void sort_by_column(const Array& column, bool descending, int64_t* first, int64_t* last, Runs* runs) {
  visit_physical(column.type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, StringTag>) {
      sort_strings(column, descending, first, last, runs);
    } else if constexpr (std::is_same_v<T, BoolTag>) {
      sort_span(BoolOrder{column.bool_bits()}, descending, first, last, runs);
    } else if constexpr (std::is_same_v<T, Int128>) {
      sort_span(DecimalOrder{column.values<Int128>()}, descending, first, last, runs);
    } else if constexpr (is_fixed_width_v<T>) {
      sort_span(FixedOrder<T>{column.values<T>()}, descending, first, last, runs);
    } else if constexpr (std::is_same_v<T, NullTag>) {
      if (runs && last - first > 1) runs->emplace_back(first, last);  // no values: all equal
    } else {
      throw InternalError("sort dispatched for type " + column.type().to_string());
    }
  });
}

void sort_level(const std::vector<Array>& columns, const std::vector<SortKey>& keys, size_t level, int64_t* first,
                int64_t* last) {
  if (last - first < 2) return;
  const Array& column = columns[level];
  const SortKey& key = keys[level];
  int64_t *values_first = first, *values_last = last, *nulls_first = last, *nulls_last = last;
  if (column.null_count() > 0) {
    const auto valid = [&](int64_t row) { return column.is_valid(row); };
    if (key.nulls_last) {
      nulls_first = std::stable_partition(first, last, valid);
      values_last = nulls_first;
    } else {
      nulls_first = first;
      nulls_last = std::stable_partition(first, last, [&](int64_t row) { return !valid(row); });
      values_first = nulls_last;
    }
  }
  const bool more_levels = level + 1 < columns.size();
  Runs runs;
  if (column.type().id() != TypeId::Null) sort_by_column(column, key.descending, values_first, values_last,
                                                          more_levels ? &runs : nullptr);
  if (!more_levels) return;
  if (nulls_last - nulls_first > 1) runs.emplace_back(nulls_first, nulls_last);
  for (const auto& [run_first, run_last] : runs) sort_level(columns, keys, level + 1, run_first, run_last);
}

}  // namespace

std::vector<int64_t> sort_indices(const std::vector<ChunkedArray>& columns, const std::vector<SortKey>& keys) {
  if (columns.size() != keys.size())
    throw InvalidInputError("sort_indices got " + std::to_string(columns.size()) + " columns but " +
                            std::to_string(keys.size()) + " sort keys; give one key per column");
  const int64_t n = columns.empty() ? 0 : columns[0].length();
  std::vector<Array> arrays;
  for (size_t c = 0; c < columns.size(); ++c) {
    const DataType& type = columns[c].type();
    if (type.is_nested())
      throw TypeError("cannot sort by a column of type " + type.to_string() + " (sort key " + std::to_string(c) +
                      "); sort by one of its fields or a derived value");
    if (columns[c].length() != n)
      throw InvalidInputError("sort columns have different lengths: " + std::to_string(n) + " and " +
                              std::to_string(columns[c].length()));
    Array array = columns[c].combine();
    // Categoricals order by their strings.
    arrays.push_back(type.id() == TypeId::Categorical ? decode_categorical(array) : array);
  }
  std::vector<int64_t> indices(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) indices[static_cast<size_t>(i)] = i;
  if (!arrays.empty()) sort_level(arrays, keys, 0, indices.data(), indices.data() + n);
  return indices;
}

}  // namespace strata::compute
