#pragma once
// Encodes one leaf column of one row group into a column chunk: an optional
// dictionary page, then data pages (v1: RLE levels with length prefixes,
// then RLE_DICTIONARY indices or PLAIN values), each compressed, plus the
// chunk's ColumnMetaData.
#include <string>

#include "io/parquet/level_encoding.hpp"
#include "io/parquet/parquet_format.hpp"
#include "io/parquet/writer_schema.hpp"
#include "strata/io/parquet.hpp"

namespace strata::parquet {

struct EncodedColumnChunk {
  std::string bytes;
  /// Offsets are relative to the first byte of `bytes`; the file writer
  /// shifts them to file positions.
  ColumnMetaData meta;
};

/// Encodes `data` (levels and dense values of `leaf`). Thread-safe.
EncodedColumnChunk encode_column_chunk(const LeafWriteData& data, const WriteLeaf& leaf,
                                       const ParquetWriteOptions& options);

/// The Parquet codec of a write option.
Codec codec_for(ParquetCompression compression);

}  // namespace strata::parquet
