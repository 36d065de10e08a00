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
/// same length. A column comes back unchanged when every row is selected.
Array filter(const Array& array, const Array& mask);
ChunkedArray filter(const ChunkedArray& column, const ChunkedArray& mask);
/// filter() of several columns of the mask's length (the columns of a
/// frame): the selected rows are found once, in parallel, and the columns
/// gathered together a block of rows at a time. The columns come back
/// unchanged when every row is selected, else each as one chunk.
std::vector<ChunkedArray> filter_columns(const std::vector<ChunkedArray>& columns, const ChunkedArray& mask);

/// Indices of rows where `mask` is true (null counts as false).
std::vector<int64_t> mask_to_indices(const ChunkedArray& mask);

}  // namespace strata::compute
