#include "io/parquet/page_reader.hpp"

#include <zlib.h>

#include <cstring>

#include "io/parquet/compression.hpp"
#include "io/parquet/metadata_decoder.hpp"
#include "io/parquet/parquet_error.hpp"

namespace strata::parquet {

namespace {

uint32_t crc32_of(const uint8_t* data, size_t size) {
  uLong crc = crc32(0L, Z_NULL, 0);
  while (size > 0) {
    const auto chunk = static_cast<uInt>(std::min<size_t>(size, size_t{1} << 30));
    crc = crc32(crc, data, chunk);
    data += chunk;
    size -= chunk;
  }
  return static_cast<uint32_t>(crc);
}

}  // namespace

PageReader::PageReader(const uint8_t* chunk, size_t size, Codec codec, bool verify_checksums)
    : chunk_(chunk), size_(size), codec_(codec), verify_checksums_(verify_checksums) {}

bool PageReader::next(Page& page) {
  while (position_ < size_) {
    size_t header_size = 0;
    PageHeader header = decode_page_header(chunk_ + position_, size_ - position_, header_size);
    const size_t payload_start = position_ + header_size;
    const auto compressed = static_cast<size_t>(header.compressed_page_size);
    if (compressed > size_ - payload_start)
      throw_corrupt("a page of " + std::to_string(compressed) + " bytes overruns its column chunk (" +
                    std::to_string(size_ - payload_start) + " bytes remain)");
    const uint8_t* payload = chunk_ + payload_start;
    position_ = payload_start + compressed;
    if (header.type != PageType::DataPage && header.type != PageType::DataPageV2 &&
        header.type != PageType::DictionaryPage)
      continue;  // index pages and page types from newer writers carry no values
    if (header.crc && verify_checksums_) {
      const uint32_t actual = crc32_of(payload, compressed);
      if (actual != static_cast<uint32_t>(*header.crc))
        throw_corrupt("page CRC mismatch: the page header says " + std::to_string(static_cast<uint32_t>(*header.crc)) +
                      " but the page data has CRC " + std::to_string(actual) +
                      " (set verify_checksums = false to read it anyway)");
    }
    decompress_into(header, payload, page);
    page.header = std::move(header);
    return true;
  }
  return false;
}

void PageReader::decompress_into(const PageHeader& header, const uint8_t* payload, Page& page) const {
  const auto compressed = static_cast<size_t>(header.compressed_page_size);
  const auto uncompressed = static_cast<size_t>(header.uncompressed_page_size);
  size_t levels = 0;
  bool values_compressed = codec_ != Codec::Uncompressed;
  if (header.type == PageType::DataPageV2) {
    if (!header.data_page_header_v2) throw_corrupt("a DATA_PAGE_V2 page has no v2 header");
    const DataPageHeaderV2& v2 = *header.data_page_header_v2;
    if (v2.definition_levels_byte_length < 0 || v2.repetition_levels_byte_length < 0)
      throw_corrupt("a DATA_PAGE_V2 header has negative level lengths");
    levels = static_cast<size_t>(v2.definition_levels_byte_length) + static_cast<size_t>(v2.repetition_levels_byte_length);
    if (levels > compressed || levels > uncompressed)
      throw_corrupt("a DATA_PAGE_V2 page's levels (" + std::to_string(levels) + " bytes) exceed the page");
    values_compressed = values_compressed && v2.is_compressed;
  }
  const size_t stored_values = compressed - levels;
  const size_t values_size = uncompressed - levels;
  page.buffer = Buffer::allocate(0);
  page.buffer->reserve(static_cast<int64_t>(values_compressed ? levels : uncompressed));
  if (levels > 0) {
    page.buffer->resize(static_cast<int64_t>(levels));
    std::memcpy(page.buffer->data(), payload, levels);
  }
  if (values_size == 0 && stored_values == 0) return;  // e.g. an all-null v2 page: nothing to decompress
  if (values_size == 0 && values_compressed) return;   // a compressed stream of nothing
  decompress_append(values_compressed ? codec_ : Codec::Uncompressed, payload + levels, stored_values, values_size,
                    *page.buffer);
}

}  // namespace strata::parquet
