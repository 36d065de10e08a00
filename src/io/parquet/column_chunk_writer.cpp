#include "io/parquet/column_chunk_writer.hpp"

#include <zlib.h>

#include <algorithm>
#include <optional>

#include "io/parquet/compression.hpp"
#include "io/parquet/dictionary_encoding.hpp"
#include "io/parquet/metadata_encoder.hpp"
#include "io/parquet/physical_encoding.hpp"
#include "io/parquet/rle_bit_packed_hybrid.hpp"
#include "io/parquet/statistics_writer.hpp"

namespace strata::parquet {

namespace {

// Pages never hold more entries than this, whatever their size estimate.
constexpr int64_t kMaxEntriesPerPage = int64_t{1} << 20;

void append_length_prefixed_levels(const uint8_t* levels, int64_t count, int max_level, std::string& out) {
  const size_t at = out.size();
  out.append(4, '\0');
  encode_rle_bit_packed(levels, count, bit_width_for(static_cast<uint64_t>(max_level)), out);
  const auto length = static_cast<uint32_t>(out.size() - at - 4);
  std::memcpy(out.data() + at, &length, 4);
}

// Levels that are all `level`: a single repeated run.
void append_constant_levels(int64_t count, int level, int max_level, std::string& out) {
  std::vector<uint8_t> levels(static_cast<size_t>(count), static_cast<uint8_t>(level));
  append_length_prefixed_levels(levels.data(), count, max_level, out);
}

class ChunkWriter {
 public:
  ChunkWriter(const LeafWriteData& data, const WriteLeaf& leaf, const ParquetWriteOptions& options)
      : data_(data), leaf_(leaf), options_(options), codec_(codec_for(options.compression)) {}

  EncodedColumnChunk write() {
    const PhysicalColumn physical = to_physical(data_.values, leaf_);
    if (options_.dictionary && physical.type != PhysicalType::Boolean && physical.count > 0) {
      if (leaf_.type.id() == TypeId::Categorical)
        dictionary_ = dictionary_from_categorical(data_.values, options_.dictionary_page_size_limit);
      if (!dictionary_) dictionary_ = build_dictionary(physical, options_.dictionary_page_size_limit);
    }
    ColumnMetaData& meta = out_.meta;
    meta.type = physical.type;
    meta.path_in_schema = leaf_.path;
    meta.codec = codec_;
    meta.num_values = data_.entries;
    if (dictionary_) {
      meta.dictionary_page_offset = 0;
      write_dictionary_page();
    }
    meta.data_page_offset = static_cast<int64_t>(out_.bytes.size());
    write_data_pages(physical);
    meta.encodings.push_back(Encoding::Plain);
    if (leaf_.max_definition_level > 0 || leaf_.max_repetition_level > 0) meta.encodings.push_back(Encoding::Rle);
    if (dictionary_) meta.encodings.push_back(Encoding::RleDictionary);
    // Which pages are dictionary-encoded: readers prune row groups by the
    // dictionary only when every data page is.
    if (dictionary_) meta.encoding_stats.push_back({PageType::DictionaryPage, Encoding::Plain, 1});
    meta.encoding_stats.push_back(
        {PageType::DataPage, dictionary_ ? Encoding::RleDictionary : Encoding::Plain, data_pages_});
    meta.total_compressed_size = static_cast<int64_t>(out_.bytes.size());
    meta.total_uncompressed_size = uncompressed_total_;
    if (options_.write_statistics && leaf_.top_level)
      meta.statistics = compute_statistics(data_.values, physical, data_.null_count, options_.max_statistics_size,
                                           dictionary_ && !dictionary_->first_rows.empty() ? &dictionary_->first_rows
                                                                                         : nullptr);
    return std::move(out_);
  }

 private:
  void write_page(PageHeader header, const std::string& uncompressed) {
    std::string compressed;
    compress(codec_, options_.compression_level, reinterpret_cast<const uint8_t*>(uncompressed.data()),
             uncompressed.size(), compressed);
    header.uncompressed_page_size = static_cast<int32_t>(uncompressed.size());
    header.compressed_page_size = static_cast<int32_t>(compressed.size());
    if (options_.write_page_checksums) {
      const uLong crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(compressed.data()),
                              static_cast<uInt>(compressed.size()));
      header.crc = static_cast<int32_t>(static_cast<uint32_t>(crc));
    }
    const std::string header_bytes = encode_page_header(header);
    out_.bytes += header_bytes;
    out_.bytes += compressed;
    uncompressed_total_ += static_cast<int64_t>(header_bytes.size() + uncompressed.size());
  }

  void write_dictionary_page() {
    PageHeader header;
    header.type = PageType::DictionaryPage;
    header.dictionary_page_header = DictionaryPageHeader{static_cast<int32_t>(dictionary_->size), Encoding::Plain, false};
    write_page(std::move(header), dictionary_->dictionary_page);
  }

  double bytes_per_entry(const PhysicalColumn& physical) const {
    const int64_t values = std::max<int64_t>(1, physical.count);
    double per_value = 0;
    if (dictionary_) {
      per_value = std::max(1, bit_width_for(static_cast<uint64_t>(dictionary_->size))) / 8.0;
    } else if (physical.type == PhysicalType::Boolean) {
      per_value = 1.0 / 8;
    } else if (physical.type == PhysicalType::ByteArray) {
      int64_t total = 0;
      const StringView* views = physical.strings.views();
      for (int64_t i = 0; i < physical.count; ++i) total += 4 + views[i].size;
      per_value = static_cast<double>(total) / static_cast<double>(values);
    } else {
      per_value = physical.width;
    }
    const double fill = static_cast<double>(physical.count) / static_cast<double>(std::max<int64_t>(1, data_.entries));
    return std::max(per_value * fill, 1.0 / 8);
  }

  int64_t values_in(int64_t begin, int64_t end) const {
    if (leaf_.max_definition_level == 0 || data_.definition_levels.empty()) return end - begin;
    const auto max_def = static_cast<uint8_t>(leaf_.max_definition_level);
    int64_t count = 0;
    for (int64_t i = begin; i < end; ++i) count += data_.definition_levels[static_cast<size_t>(i)] == max_def;
    return count;
  }

  void write_data_pages(const PhysicalColumn& physical) {
    const int64_t entries = data_.entries;
    const int64_t per_page = std::clamp<int64_t>(
        static_cast<int64_t>(static_cast<double>(options_.data_page_size) / bytes_per_entry(physical)), 1,
        kMaxEntriesPerPage);
    int64_t entry = 0;
    int64_t value = 0;
    std::string page;
    do {
      int64_t end = std::min(entries, entry + per_page);
      // Nested columns: a page starts at a row boundary (repetition level 0).
      if (leaf_.max_repetition_level > 0)
        while (end < entries && data_.repetition_levels[static_cast<size_t>(end)] != 0) ++end;
      const int64_t count = end - entry;
      const int64_t values = values_in(entry, end);
      page.clear();
      if (leaf_.max_repetition_level > 0)
        append_length_prefixed_levels(data_.repetition_levels.data() + entry, count, leaf_.max_repetition_level, page);
      if (leaf_.max_definition_level > 0) {
        if (data_.definition_levels.empty())
          append_constant_levels(count, leaf_.max_definition_level, leaf_.max_definition_level, page);
        else
          append_length_prefixed_levels(data_.definition_levels.data() + entry, count, leaf_.max_definition_level, page);
      }
      if (dictionary_) encode_dictionary_indices(*dictionary_, value, value + values, page);
      else encode_plain(physical, value, value + values, page);
      PageHeader header;
      header.type = PageType::DataPage;
      header.data_page_header = DataPageHeader{static_cast<int32_t>(count),
                                               dictionary_ ? Encoding::RleDictionary : Encoding::Plain, Encoding::Rle,
                                               Encoding::Rle};
      write_page(std::move(header), page);
      ++data_pages_;
      entry = end;
      value += values;
    } while (entry < entries);
  }

  int32_t data_pages_ = 0;
  const LeafWriteData& data_;
  const WriteLeaf& leaf_;
  const ParquetWriteOptions& options_;
  Codec codec_;
  std::optional<DictionaryEncoding> dictionary_;
  EncodedColumnChunk out_;
  int64_t uncompressed_total_ = 0;
};

}  // namespace

Codec codec_for(ParquetCompression compression) {
  switch (compression) {
    case ParquetCompression::Uncompressed: return Codec::Uncompressed;
    case ParquetCompression::Snappy: return Codec::Snappy;
    case ParquetCompression::Gzip: return Codec::Gzip;
    case ParquetCompression::Zstd: return Codec::Zstd;
    case ParquetCompression::Lz4Raw: return Codec::Lz4Raw;
    case ParquetCompression::Brotli: return Codec::Brotli;
  }
  return Codec::Snappy;
}

EncodedColumnChunk encode_column_chunk(const LeafWriteData& data, const WriteLeaf& leaf,
                                       const ParquetWriteOptions& options) {
  return ChunkWriter(data, leaf, options).write();
}

}  // namespace strata::parquet
