#pragma once
// BYTE_STREAM_SPLIT encoding, decoding side: for N values of K bytes, the
// page holds K streams of N bytes, stream j holding byte j of every value.
// Used for FLOAT, DOUBLE, INT32, INT64 and FIXED_LEN_BYTE_ARRAY.
#include <cstdint>

#include "io/parquet/encoded_values.hpp"
#include "io/parquet/physical_values.hpp"

namespace strata::parquet {

/// Appends `count` values; the page must hold exactly count * K bytes.
void decode_byte_stream_split(const EncodedValues& input, int64_t count, PhysicalValues& out);

}  // namespace strata::parquet
