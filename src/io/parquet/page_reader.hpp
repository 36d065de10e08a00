#pragma once
// Iterates the pages of one column chunk: parses each page header, checks
// the page CRC when the writer stored one, and decompresses the page into
// an owned buffer (so that string views can point into it).
#include <cstddef>
#include <cstdint>

#include "io/parquet/parquet_format.hpp"
#include "strata/core/memory.hpp"

namespace strata::parquet {

struct Page {
  PageHeader header;
  /// The uncompressed page. For data page v2 the (never compressed) levels
  /// come first, then the decompressed values, as in the v1 layout.
  BufferPtr buffer;
};

class PageReader {
 public:
  /// Reads pages from the `size` bytes at `chunk` (not owned; must outlive
  /// the reader).
  PageReader(const uint8_t* chunk, size_t size, Codec codec, bool verify_checksums);

  /// Reads the next page into `page`; false when the chunk has no more
  /// bytes. Index pages and unknown page types are skipped. Throws
  /// InvalidInputError for corrupt headers, CRC mismatches and
  /// undecompressable data.
  bool next(Page& page);

  /// Bytes of the chunk consumed so far.
  size_t position() const { return position_; }

 private:
  void decompress_into(const PageHeader& header, const uint8_t* payload, Page& page) const;

  const uint8_t* chunk_;
  size_t size_;
  size_t position_ = 0;
  Codec codec_;
  bool verify_checksums_;
};

}  // namespace strata::parquet
