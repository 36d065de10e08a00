#pragma once
// PLAIN encoding, decoding side: fixed-width values back to back,
// booleans bit-packed LSB first, BYTE_ARRAY values each preceded by a
// 4-byte little-endian length.
#include <cstdint>

#include "io/parquet/encoded_values.hpp"
#include "io/parquet/physical_values.hpp"

namespace strata::parquet {

/// Appends `count` PLAIN values from `input` to `out`. BYTE_ARRAY values of
/// more than 12 bytes become views into `input.page` (no copy). Throws
/// InvalidInputError when the input holds fewer than `count` values.
void decode_plain(const EncodedValues& input, int64_t count, PhysicalValues& out);

}  // namespace strata::parquet
