#pragma once
// Page compression codecs, each backed by its system library (snappy, zlib,
// zstd, lz4, brotli).
//
// Reading: UNCOMPRESSED, SNAPPY, GZIP (including concatenated gzip members
// and zlib streams), ZSTD, LZ4_RAW, BROTLI, and the deprecated LZ4 codec.
// LZ4 was written by different tools in different framings; like other
// readers we try Hadoop's block framing first, then a raw LZ4 block, then
// the LZ4 frame format. LZO is refused with UnsupportedError.
//
// Writing: UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW and BROTLI.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/parquet/parquet_format.hpp"

namespace strata::parquet {

/// Decompresses `input` into exactly `output_size` bytes at `output`.
/// Throws InvalidInputError when the data is corrupt or decompresses to a
/// different size, UnsupportedError for codecs Strata cannot read.
void decompress(Codec codec, const uint8_t* input, size_t input_size, uint8_t* output, size_t output_size);

/// Throws InvalidInputError when `output_size` is more than `codec` could
/// produce from `input_size` bytes; called before allocating the output so
/// that a corrupt size cannot trigger a huge allocation.
void check_decompressed_size_plausible(Codec codec, size_t input_size, size_t output_size);

/// Appends the compressed form of `input` to `out`. `level` is used by GZIP
/// (1-9), ZSTD (1-22) and BROTLI (0-11); 0 picks the codec's default.
void compress(Codec codec, int level, const uint8_t* input, size_t input_size, std::string& out);

}  // namespace strata::parquet
