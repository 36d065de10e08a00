#pragma once
// Column chunk statistics, writing side: min/max in the column's logical
// sort order (signed or unsigned integers, IEEE floats without NaN and with
// -0/+0 normalised as the format asks, byte-wise unsigned strings) encoded
// as PLAIN physical values, plus the null count.
#include <cstdint>
#include <vector>

#include "io/parquet/parquet_format.hpp"
#include "io/parquet/physical_encoding.hpp"

namespace strata::parquet {

/// Statistics of a flat column chunk whose non-null values are `dense` (and
/// `physical`, their physical form). When `distinct_rows` is given (the rows
/// of the dictionary's values), only those rows are compared. String
/// min/max longer than `max_value_size` bytes are left out.
Statistics compute_statistics(const Array& dense, const PhysicalColumn& physical, int64_t null_count,
                              int64_t max_value_size, const std::vector<int64_t>* distinct_rows = nullptr);

}  // namespace strata::parquet
