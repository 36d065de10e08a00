#include "io/parquet/column_chunk_decoder.hpp"

#include <algorithm>
#include <cstring>

#include "io/parquet/byte_stream_split_decoding.hpp"
#include "io/parquet/delta_decoding.hpp"
#include "io/parquet/dictionary_decoding.hpp"
#include "io/parquet/level_decoding.hpp"
#include "io/parquet/page_reader.hpp"
#include "io/parquet/parquet_error.hpp"
#include "io/parquet/plain_decoding.hpp"
#include "io/parquet/rle_bit_packed_hybrid.hpp"
#include "strata/core/bitmap.hpp"

namespace strata::parquet {

namespace {

// Reserving for more values than this up front is left to geometric growth,
// so that a corrupt value count cannot force a huge allocation.
constexpr int64_t kMaxInitialReserve = int64_t{1} << 22;

// A page may encode very many values in few bytes (one RLE run can stand for
// billions of nulls), so a corrupt page could otherwise demand unbounded
// memory. Real writers stay far below this (tens of thousands to a few
// million values per page).
constexpr int64_t kMaxPageValues = int64_t{1} << 26;

// The values of a dictionary page (its header checked).
PhysicalValues dictionary_page_values(const Page& page, const LeafColumnInfo& leaf) {
  if (!page.header.dictionary_page_header) throw_corrupt("a dictionary page has no dictionary page header");
  const DictionaryPageHeader& header = *page.header.dictionary_page_header;
  if (header.num_values < 0)
    throw_corrupt("a dictionary page claims " + std::to_string(header.num_values) + " values");
  if (header.encoding != Encoding::Plain && header.encoding != Encoding::PlainDictionary)
    throw_unsupported("dictionary pages encoded as " + encoding_name(header.encoding));
  PhysicalValues dictionary(leaf.physical_type, leaf.type_length);
  const EncodedValues input{page.buffer, page.buffer->data(), static_cast<size_t>(page.buffer->size())};
  decode_plain(input, header.num_values, dictionary);
  return dictionary;
}

class ChunkDecoder {
 public:
  ChunkDecoder(const LeafColumnInfo& leaf, const ColumnChunkDecodeOptions& options, int64_t expected_values)
      : leaf_(leaf),
        options_(options),
        expected_values_(expected_values),
        result_(PhysicalValues(leaf.physical_type, leaf.type_length)),
        codes_mode_(options.dictionary_codes && leaf.physical_type != PhysicalType::Boolean) {
    // In codes mode the values are usually never decoded (or only some).
    if (!codes_mode_) result_.values.reserve(std::min(expected_values, kMaxInitialReserve));
  }

  void decode(const uint8_t* chunk, size_t size, Codec codec) {
    PageReader reader(chunk, size, codec, options_.verify_checksums);
    Page page;
    while (result_.entries < expected_values_ && reader.next(page)) {
      switch (page.header.type) {
        case PageType::DictionaryPage: on_dictionary_page(page); break;
        case PageType::DataPage: on_data_page_v1(page); break;
        case PageType::DataPageV2: on_data_page_v2(page); break;
        default: break;
      }
    }
    if (result_.entries < expected_values_)
      throw_corrupt("the column chunk holds " + std::to_string(result_.entries) + " values but its metadata says " +
                    std::to_string(expected_values_));
  }

  DecodedColumnChunk finish() {
    if (codes_mode_ && dictionary_ && result_.values.size() == 0) {
      result_.dictionary = std::move(dictionary_);
    } else if (!result_.codes.empty()) {
      materialize_codes();
    }
    if (validity_ && null_count_ > 0) {
      validity_->resize(bitmap::bytes_for(result_.entries));
      result_.validity = std::move(validity_);
    }
    result_.null_count = null_count_;
    return std::move(result_);
  }

 private:
  void on_dictionary_page(const Page& page) {
    if (dictionary_) throw_corrupt("the column chunk has more than one dictionary page");
    if (result_.values.size() > 0 || !result_.values.data_buffers().empty())
      throw_corrupt("the column chunk's dictionary page follows its data pages");
    PhysicalValues dictionary = dictionary_page_values(page, leaf_);
    // The dictionary's data buffers take the first indices of the column's
    // buffers, so gathered views need no re-pointing.
    for (const BufferPtr& buffer : dictionary.data_buffers()) result_.values.add_data_buffer(buffer);
    dictionary_ = std::move(dictionary);
  }

  void on_data_page_v1(const Page& page) {
    if (!page.header.data_page_header) throw_corrupt("a data page has no data page header");
    const DataPageHeader& header = *page.header.data_page_header;
    const int64_t count = check_page_count(header.num_values);
    const uint8_t* p = page.buffer->data();
    size_t remaining = static_cast<size_t>(page.buffer->size());
    prepare_levels(count);
    if (leaf_.max_repetition_level > 0) {
      const size_t used = decode_levels_v1(header.repetition_level_encoding, p, remaining, leaf_.max_repetition_level,
                                           count, repetition_.data());
      p += used;
      remaining -= used;
    }
    bool all_defined = false;
    if (leaf_.max_definition_level > 0) {
      size_t used = 0;
      all_defined = !options_.keep_levels &&
                    uniform_levels_v1(header.definition_level_encoding, p, remaining, leaf_.max_definition_level,
                                      count, leaf_.max_definition_level, used);
      if (!all_defined)
        used = decode_levels_v1(header.definition_level_encoding, p, remaining, leaf_.max_definition_level, count,
                                definition_.data());
      p += used;
      remaining -= used;
    }
    const int64_t non_null = all_defined ? store_all_defined(count) : store_levels(count);
    decode_values(header.encoding, EncodedValues{page.buffer, p, remaining}, non_null);
  }

  void on_data_page_v2(const Page& page) {
    if (!page.header.data_page_header_v2) throw_corrupt("a data page v2 has no v2 header");
    const DataPageHeaderV2& header = *page.header.data_page_header_v2;
    const int64_t count = check_page_count(header.num_values);
    const uint8_t* p = page.buffer->data();
    const auto rep_bytes = static_cast<size_t>(header.repetition_levels_byte_length);
    const auto def_bytes = static_cast<size_t>(header.definition_levels_byte_length);
    prepare_levels(count);
    if (leaf_.max_repetition_level > 0) decode_levels_v2(p, rep_bytes, leaf_.max_repetition_level, count, repetition_.data());
    const bool all_defined = leaf_.max_definition_level > 0 && !options_.keep_levels &&
                             uniform_levels_v2(p + rep_bytes, def_bytes, leaf_.max_definition_level, count,
                                               leaf_.max_definition_level);
    if (leaf_.max_definition_level > 0 && !all_defined)
      decode_levels_v2(p + rep_bytes, def_bytes, leaf_.max_definition_level, count, definition_.data());
    const int64_t non_null = all_defined ? store_all_defined(count) : store_levels(count);
    const size_t offset = rep_bytes + def_bytes;  // checked against the page size by PageReader
    decode_values(header.encoding,
                  EncodedValues{page.buffer, p + offset, static_cast<size_t>(page.buffer->size()) - offset}, non_null);
  }

  int64_t check_page_count(int32_t num_values) const {
    if (num_values < 0) throw_corrupt("a data page claims " + std::to_string(num_values) + " values");
    if (num_values > kMaxPageValues)
      throw_unsupported("data pages of more than " + std::to_string(kMaxPageValues) + " values (this one claims " +
                        std::to_string(num_values) + ")");
    if (num_values > expected_values_ - result_.entries)
      throw_corrupt("the column chunk's pages hold more values than its metadata says (" +
                    std::to_string(expected_values_) + ")");
    return num_values;
  }

  void prepare_levels(int64_t count) {
    if (leaf_.max_repetition_level > 0) repetition_.resize(static_cast<size_t>(count));
    if (leaf_.max_definition_level > 0) definition_.resize(static_cast<size_t>(count));
  }

  // store_levels for a flat page whose definition levels are all the
  // maximum (left undecoded): no validity unless an earlier page had nulls.
  int64_t store_all_defined(int64_t count) {
    if (!validity_) {
      result_.entries += count;
      return count;
    }
    std::memset(definition_.data(), leaf_.max_definition_level, static_cast<size_t>(count));
    return store_levels(count);
  }

  // Stores the page's levels (or validity) and returns its non-null count.
  int64_t store_levels(int64_t count) {
    const auto max_def = static_cast<uint8_t>(leaf_.max_definition_level);
    int64_t non_null = count;
    if (max_def > 0) {
      non_null = 0;
      for (int64_t i = 0; i < count; ++i) non_null += definition_[static_cast<size_t>(i)] == max_def;
    }
    if (options_.keep_levels) {
      if (max_def > 0)
        result_.definition_levels.insert(result_.definition_levels.end(), definition_.begin(),
                                         definition_.begin() + count);
      else
        result_.definition_levels.resize(result_.definition_levels.size() + static_cast<size_t>(count), 0);
      if (leaf_.max_repetition_level > 0)
        result_.repetition_levels.insert(result_.repetition_levels.end(), repetition_.begin(),
                                         repetition_.begin() + count);
      else
        result_.repetition_levels.resize(result_.repetition_levels.size() + static_cast<size_t>(count), 0);
    } else if (non_null < count || validity_) {
      append_validity(count, max_def);
    }
    null_count_ += count - non_null;
    result_.entries += count;
    return non_null;
  }

  void append_validity(int64_t count, uint8_t max_def) {
    const int64_t start = result_.entries;
    const int64_t needed = bitmap::bytes_for(start + count);
    if (!validity_) {
      validity_ = Buffer::allocate(std::max(needed, bitmap::bytes_for(std::min(expected_values_, kMaxInitialReserve))));
      std::memset(validity_->data(), 0xff, static_cast<size_t>(bitmap::bytes_for(start)));
    } else if (needed > validity_->capacity()) {
      validity_->reserve(std::max(needed, validity_->capacity() * 2));
    }
    validity_->resize(std::max(validity_->size(), needed));
    uint8_t* bits = validity_->data();
    const uint8_t* levels = definition_.data();
    int64_t i = 0;
    for (; i < count && (start + i) % 8 != 0; ++i) bitmap::set_to(bits, start + i, levels[i] == max_def);
    // Whole bytes at a time once aligned.
    for (; i + 8 <= count; i += 8) {
      uint8_t byte = 0;
      for (int b = 0; b < 8; ++b) byte |= static_cast<uint8_t>((levels[i + b] == max_def) << b);
      bits[(start + i) / 8] = byte;
    }
    for (; i < count; ++i) bitmap::set_to(bits, start + i, levels[i] == max_def);
  }

  void decode_values(Encoding encoding, const EncodedValues& input, int64_t count) {
    const bool is_dictionary = encoding == Encoding::PlainDictionary || encoding == Encoding::RleDictionary;
    if (!is_dictionary && codes_mode_) {
      materialize_codes();
      codes_mode_ = false;
    }
    switch (encoding) {
      case Encoding::Plain: decode_plain(input, count, result_.values); return;
      case Encoding::PlainDictionary:
      case Encoding::RleDictionary: decode_dictionary_page(input, count); return;
      case Encoding::Rle: decode_rle_booleans(input, count); return;
      case Encoding::DeltaBinaryPacked: decode_delta_binary_packed(input, count, result_.values); return;
      case Encoding::DeltaLengthByteArray: decode_delta_length_byte_array(input, count, result_.values); return;
      case Encoding::DeltaByteArray: decode_delta_byte_array(input, count, result_.values); return;
      case Encoding::ByteStreamSplit: decode_byte_stream_split(input, count, result_.values); return;
      default: throw_unsupported("data pages encoded as " + encoding_name(encoding));
    }
  }

  void decode_dictionary_page(const EncodedValues& input, int64_t count) {
    if (!dictionary_) throw_corrupt("a dictionary-encoded data page has no dictionary page before it");
    if (count == 0) return;
    if (codes_mode_) {
      const size_t at = result_.codes.size();
      result_.codes.resize(at + static_cast<size_t>(count));
      decode_dictionary_indices(input, count, dictionary_->size(), result_.codes.data() + at);
      return;
    }
    indices_.resize(static_cast<size_t>(count));
    decode_dictionary_indices(input, count, dictionary_->size(), indices_.data());
    gather_from_dictionary(*dictionary_, indices_.data(), count, result_.values);
  }

  void materialize_codes() {
    if (result_.codes.empty()) return;
    gather_from_dictionary(*dictionary_, result_.codes.data(), static_cast<int64_t>(result_.codes.size()),
                           result_.values);
    result_.codes.clear();
    result_.codes.shrink_to_fit();
  }

  // RLE-encoded booleans: a 4-byte length, then the hybrid with width 1.
  void decode_rle_booleans(const EncodedValues& input, int64_t count) {
    if (leaf_.physical_type != PhysicalType::Boolean)
      throw_unsupported("RLE-encoded values in a " + physical_type_name(leaf_.physical_type) + " column");
    if (count == 0) return;
    if (input.size < 4) throw_corrupt("an RLE boolean page has no length prefix");
    uint32_t length;
    std::memcpy(&length, input.data, 4);
    if (length > input.size - 4) throw_corrupt("an RLE boolean page's length prefix overruns the page");
    RleBitPackedDecoder decoder(input.data + 4, length, 1);
    std::vector<uint8_t> values(static_cast<size_t>(count));
    if (decoder.decode(values.data(), count) < count)
      throw_corrupt("an RLE boolean page holds fewer than " + std::to_string(count) + " values");
    std::vector<uint8_t> bits(static_cast<size_t>(bitmap::bytes_for(count)), 0);
    for (int64_t i = 0; i < count; ++i)
      if (values[static_cast<size_t>(i)]) bitmap::set(bits.data(), i);
    result_.values.append_bits(bits.data(), 0, count);
  }

  const LeafColumnInfo& leaf_;
  const ColumnChunkDecodeOptions& options_;
  int64_t expected_values_;
  DecodedColumnChunk result_;
  bool codes_mode_;
  std::optional<PhysicalValues> dictionary_;
  std::vector<uint8_t> definition_;
  std::vector<uint8_t> repetition_;
  std::vector<uint32_t> indices_;
  BufferPtr validity_;
  int64_t null_count_ = 0;
};

}  // namespace

DecodedColumnChunk decode_column_chunk(const uint8_t* chunk, size_t size, Codec codec, int64_t expected_values,
                                       const LeafColumnInfo& leaf, const ColumnChunkDecodeOptions& options) {
  if (expected_values < 0) throw_corrupt("a column chunk claims " + std::to_string(expected_values) + " values");
  if (leaf.max_definition_level > 250 || leaf.max_repetition_level > 250)
    throw_unsupported("columns nested more than 250 levels deep");
  ChunkDecoder decoder(leaf, options, expected_values);
  decoder.decode(chunk, size, codec);
  return decoder.finish();
}

std::optional<PhysicalValues> read_chunk_dictionary(const uint8_t* chunk, size_t size, Codec codec,
                                                    const LeafColumnInfo& leaf, bool verify_checksums,
                                                    int64_t max_entries) {
  PageReader reader(chunk, size, codec, verify_checksums);
  Page page;
  if (!reader.next(page) || page.header.type != PageType::DictionaryPage || !page.header.dictionary_page_header ||
      page.header.dictionary_page_header->num_values > max_entries)
    return std::nullopt;
  return dictionary_page_values(page, leaf);
}

bool fully_dictionary_encoded(const ColumnMetaData& meta) {
  auto is_dictionary = [](Encoding encoding) {
    return encoding == Encoding::PlainDictionary || encoding == Encoding::RleDictionary;
  };
  if (!meta.encoding_stats.empty()) {
    for (const PageEncodingStats& stats : meta.encoding_stats)
      if ((stats.page_type == PageType::DataPage || stats.page_type == PageType::DataPageV2) && stats.count > 0 &&
          !is_dictionary(stats.encoding))
        return false;
    return true;
  }
  bool any_dictionary = false;
  for (const Encoding encoding : meta.encodings) {
    if (is_dictionary(encoding)) any_dictionary = true;
    else if (encoding != Encoding::Rle && encoding != Encoding::BitPacked) return false;
  }
  return any_dictionary;
}

}  // namespace strata::parquet
