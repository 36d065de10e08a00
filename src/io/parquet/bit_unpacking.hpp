#pragma once
// Unpacking of little-endian bit-packed integers, the inner loop of the
// RLE/bit-packed hybrid encoding (levels, dictionary indices, booleans) and
// of DELTA_BINARY_PACKED.
#include <cstddef>
#include <cstdint>

namespace strata::parquet {

/// Unpacks `count` values of `bit_width` bits (0..32), packed LSB first, from
/// `input` (which holds `input_size` bytes) into `output`. Values whose bits
/// lie past the end of the input read as zero bits. Never reads outside
/// [input, input + input_size).
void unpack_bits32(const uint8_t* input, size_t input_size, int bit_width, int64_t count, uint32_t* output);

/// The same for widths 0..64.
void unpack_bits64(const uint8_t* input, size_t input_size, int bit_width, int64_t count, uint64_t* output);

/// Packs `count` values of `bit_width` bits (0..32) LSB first, appending
/// ceil(count * bit_width / 8) bytes at `output`.
void pack_bits32(const uint32_t* values, int64_t count, int bit_width, uint8_t* output);

}  // namespace strata::parquet
