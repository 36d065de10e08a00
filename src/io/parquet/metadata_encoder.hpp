#pragma once
// Encoding Parquet's Thrift structs (file footer, page headers) in the
// compact protocol, for the writer. Optional fields that are unset are
// omitted.
#include <string>

#include "io/parquet/parquet_format.hpp"

namespace strata::parquet {

std::string encode_file_metadata(const FileMetaData& metadata);
std::string encode_page_header(const PageHeader& header);

}  // namespace strata::parquet
