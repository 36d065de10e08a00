#pragma once
// Sorting: a stable multi-key argsort. Floats order NaN after all numbers
// (before nulls when nulls are last), as Polars does.
#include <cstdint>
#include <vector>

#include "strata/core/chunked_array.hpp"

namespace strata::compute {

struct SortKey {
  bool descending = false;
  bool nulls_last = true;
};

/// Row order that sorts `columns` lexicographically; stable (ties keep their
/// input order). `keys` has one entry per column. Strings and binary order
/// by their bytes (UTF-8 code point order), categoricals by their strings,
/// -0.0 ties with 0.0; list and struct columns throw TypeError. Parallel
/// (radix runs or merge sort runs, then merged) for large inputs.
std::vector<int64_t> sort_indices(const std::vector<ChunkedArray>& columns, const std::vector<SortKey>& keys);

}  // namespace strata::compute
