#pragma once
// Gathering rows: take by indices and filter by a boolean mask. These are
// the building blocks of sort, join, group-by output and DataFrame.filter.
#include <cstdint>
#include <vector>

#include "strata/core/array.hpp"
#include "strata/core/chunked_array.hpp"

namespace strata::compute {

/// Rows of `array` at `indices`; an index of -1 produces a null (used by
/// outer joins). Indices must be in [-1, length). Parallel on large input.
Array take(const Array& array, const std::vector<int64_t>& indices);
/// Same over a chunked column: the result is one array.
Array take(const ChunkedArray& column, const std::vector<int64_t>& indices);
/// take() of several columns of one length (the columns of a frame): the
/// indices are checked once, the columns gathered in parallel.
std::vector<Array> take_columns(const std::vector<ChunkedArray>& columns, const std::vector<int64_t>& indices);

/// Rows where `mask` is true (null counts as false). Mask and array have the
/// same length.
Array filter(const Array& array, const Array& mask);
ChunkedArray filter(const ChunkedArray& column, const ChunkedArray& mask);

/// Indices of rows where `mask` is true (null counts as false).
std::vector<int64_t> mask_to_indices(const ChunkedArray& mask);

}  // namespace strata::compute
