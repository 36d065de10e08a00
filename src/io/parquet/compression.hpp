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
#include "strata/core/memory.hpp"

namespace strata::parquet {

/// Decompresses `input` and appends exactly `output_size` bytes to `out`.
/// The streaming codecs (GZIP, ZSTD, BROTLI) grow `out` as output appears,
/// so a corrupt size alone cannot cause a huge allocation; for the others
/// the size is first checked against the codec's largest expansion ratio.
/// Throws InvalidInputError when the data is corrupt or decompresses to a
/// different size, UnsupportedError for codecs Strata cannot read.
void decompress_append(Codec codec, const uint8_t* input, size_t input_size, size_t output_size, Buffer& out);

/// Appends the compressed form of `input` to `out`. `level` is used by GZIP
/// (1-9), ZSTD (1-22) and BROTLI (0-11); 0 picks the codec's default.
void compress(Codec codec, int level, const uint8_t* input, size_t input_size, std::string& out);

}  // namespace strata::parquet
