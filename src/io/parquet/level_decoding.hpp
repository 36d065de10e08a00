#pragma once
// Repetition and definition levels. Data page v1 stores them RLE-encoded
// with a 4-byte length prefix (or, in old files, BIT_PACKED: MSB first,
// no prefix); data page v2 stores them RLE-encoded without a prefix, their
// lengths in the page header.
#include <cstddef>
#include <cstdint>

#include "io/parquet/parquet_format.hpp"

namespace strata::parquet {

/// Decodes `count` levels of a v1 data page starting at `data` (at most
/// `size` bytes) into `out`. Returns the bytes the levels occupy. Throws
/// InvalidInputError when there are fewer levels than `count` or a level
/// exceeds `max_level`.
size_t decode_levels_v1(Encoding encoding, const uint8_t* data, size_t size, int max_level, int64_t count,
                        uint8_t* out);

/// Decodes `count` levels of a v2 data page from exactly `size` bytes.
void decode_levels_v2(const uint8_t* data, size_t size, int max_level, int64_t count, uint8_t* out);

/// Whether the `count` levels of a v1 data page at `data` are all `level`
/// in one RLE run (the usual definition levels of a page without nulls);
/// then `used` is set to the bytes they occupy. False means "decode them".
bool uniform_levels_v1(Encoding encoding, const uint8_t* data, size_t size, int max_level, int64_t count, int level,
                       size_t& used);
/// The same for the levels of a v2 data page (exactly `size` bytes).
bool uniform_levels_v2(const uint8_t* data, size_t size, int max_level, int64_t count, int level);

}  // namespace strata::parquet
