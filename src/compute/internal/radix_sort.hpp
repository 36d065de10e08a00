#pragma once
// Stable least-significant-digit radix sort of (key, row) pairs, the fast
// path of sort_indices for keys that map to order-preserving 64-bit
// integers (integers, floats, dates, times, bools).
#include <cstdint>

namespace strata::compute::internal {

struct KeyIndex {
  uint64_t key;
  int64_t index;
};

/// Sorts [first, last) by key, stably; `scratch` has room for last - first
/// items. Byte positions where every key agrees are skipped, so small key
/// ranges take few passes.
void radix_sort(KeyIndex* first, KeyIndex* last, KeyIndex* scratch);

/// Sorts [first, last) by key, stably: a counting sort when the keys span a
/// small range, else radix sorts of one run per thread merged pairwise.
void parallel_radix_sort(KeyIndex* first, KeyIndex* last);

}  // namespace strata::compute::internal
