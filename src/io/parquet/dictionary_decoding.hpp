#pragma once
// Dictionary encoding, decoding side. A dictionary page holds the distinct
// values PLAIN-encoded; data pages encoded PLAIN_DICTIONARY or
// RLE_DICTIONARY hold one byte with the index bit width followed by the
// indices in the RLE/bit-packed hybrid encoding.
#include <cstdint>

#include "io/parquet/encoded_values.hpp"
#include "io/parquet/physical_values.hpp"

namespace strata::parquet {

/// Decodes `count` dictionary indices into `out`, checking each against
/// `dictionary_size`. Throws InvalidInputError for short input or an index
/// out of range.
void decode_dictionary_indices(const EncodedValues& input, int64_t count, int64_t dictionary_size, uint32_t* out);

/// Appends dictionary[indices[i]] for each i to `out`. Indices must have been
/// checked. BYTE_ARRAY views are copied as they are: the dictionary's data
/// buffers must have the same indices in `out` (see ColumnChunkDecoder).
void gather_from_dictionary(const PhysicalValues& dictionary, const uint32_t* indices, int64_t count,
                            PhysicalValues& out);

}  // namespace strata::parquet
