#pragma once
// Decoding Parquet's Thrift structs (file footer, page headers) from the
// compact protocol. All input is treated as hostile: see
// thrift_compact_reader.hpp for the limits. Throws InvalidInputError for
// malformed metadata.
#include <cstddef>
#include <cstdint>

#include "io/parquet/parquet_format.hpp"

namespace strata::parquet {

/// Decodes the FileMetaData struct occupying `size` bytes.
FileMetaData decode_file_metadata(const uint8_t* data, size_t size);

/// Decodes a PageHeader from the start of `data` (at most `size` bytes) and
/// stores the header's length in `header_size`.
PageHeader decode_page_header(const uint8_t* data, size_t size, size_t& header_size);

}  // namespace strata::parquet
