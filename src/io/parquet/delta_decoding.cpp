#include "io/parquet/delta_decoding.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "io/parquet/bit_unpacking.hpp"
#include "io/parquet/page_string_views.hpp"
#include "io/parquet/parquet_error.hpp"
#include "strata/core/string_view.hpp"

namespace strata::parquet {

namespace {

constexpr int64_t kMaxBlockSize = int64_t{1} << 20;

uint64_t zigzag_decode(uint64_t raw) { return (raw >> 1) ^ (~(raw & 1) + 1); }

}  // namespace

uint64_t DeltaBinaryPackedDecoder::read_varint() {
  uint64_t result = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (position_ >= size_) throw_corrupt("a DELTA_BINARY_PACKED stream ends inside a header");
    const uint8_t byte = data_[position_++];
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return result;
  }
  throw_corrupt("a DELTA_BINARY_PACKED stream has a variable-length integer longer than 10 bytes");
}

DeltaBinaryPackedDecoder::DeltaBinaryPackedDecoder(const uint8_t* data, size_t size) : data_(data), size_(size) {
  const uint64_t block_size = read_varint();
  const uint64_t miniblocks = read_varint();
  const uint64_t total = read_varint();
  last_value_ = zigzag_decode(read_varint());
  if (block_size == 0 || block_size % 128 != 0 || block_size > static_cast<uint64_t>(kMaxBlockSize))
    throw_corrupt("a DELTA_BINARY_PACKED block size of " + std::to_string(block_size) +
                  " is not a positive multiple of 128 (at most " + std::to_string(kMaxBlockSize) + ")");
  if (miniblocks == 0 || block_size % miniblocks != 0 || (block_size / miniblocks) % 32 != 0)
    throw_corrupt("a DELTA_BINARY_PACKED block of " + std::to_string(block_size) + " values cannot have " +
                  std::to_string(miniblocks) + " miniblocks");
  if (total > static_cast<uint64_t>(INT32_MAX))
    throw_corrupt("a DELTA_BINARY_PACKED stream claims " + std::to_string(total) + " values");
  values_per_miniblock_ = static_cast<int64_t>(block_size / miniblocks);
  miniblocks_per_block_ = static_cast<int64_t>(miniblocks);
  total_values_ = static_cast<int64_t>(total);
  miniblock_index_ = miniblocks_per_block_;  // the first block header is read on demand
}

void DeltaBinaryPackedDecoder::load_miniblock() {
  if (miniblock_index_ == miniblocks_per_block_) {
    min_delta_ = zigzag_decode(read_varint());
    if (static_cast<size_t>(miniblocks_per_block_) > size_ - position_)
      throw_corrupt("a DELTA_BINARY_PACKED block ends inside its bit widths");
    bit_widths_.assign(data_ + position_, data_ + position_ + miniblocks_per_block_);
    position_ += static_cast<size_t>(miniblocks_per_block_);
    miniblock_index_ = 0;
  }
  const int width = bit_widths_[static_cast<size_t>(miniblock_index_++)];
  if (width > 64) throw_corrupt("a DELTA_BINARY_PACKED miniblock has bit width " + std::to_string(width));
  const int64_t needed_values = std::min(values_per_miniblock_, total_values_ - emitted_);
  const size_t needed_bytes = static_cast<size_t>((needed_values * width + 7) / 8);
  if (needed_bytes > size_ - position_) throw_corrupt("a DELTA_BINARY_PACKED miniblock is truncated");
  const size_t full_bytes = static_cast<size_t>(values_per_miniblock_ * width / 8);
  const size_t available = std::min(full_bytes, size_ - position_);
  deltas_.resize(static_cast<size_t>(values_per_miniblock_));
  unpack_bits64(data_ + position_, available, width, values_per_miniblock_, deltas_.data());
  position_ += available;
  delta_position_ = 0;
  deltas_available_ = needed_values;
}

template <typename T>
void DeltaBinaryPackedDecoder::decode(T* out, int64_t count) {
  if (count > total_values_ - emitted_)
    throw_corrupt("a DELTA_BINARY_PACKED stream holds " + std::to_string(total_values_) + " values, fewer than needed");
  int64_t produced = 0;
  if (count > 0 && emitted_ == 0) {
    out[produced++] = static_cast<T>(last_value_);
    ++emitted_;
  }
  while (produced < count) {
    if (delta_position_ == deltas_available_) load_miniblock();
    const int64_t n = std::min(count - produced, deltas_available_ - delta_position_);
    const uint64_t* deltas = deltas_.data() + delta_position_;
    uint64_t value = last_value_;
    for (int64_t i = 0; i < n; ++i) {
      value += min_delta_ + deltas[i];
      out[produced + i] = static_cast<T>(value);
    }
    last_value_ = value;
    delta_position_ += n;
    produced += n;
    emitted_ += n;
  }
}

template void DeltaBinaryPackedDecoder::decode<int32_t>(int32_t*, int64_t);
template void DeltaBinaryPackedDecoder::decode<int64_t>(int64_t*, int64_t);
template void DeltaBinaryPackedDecoder::decode<uint32_t>(uint32_t*, int64_t);

namespace {

// Decodes all lengths of a DELTA_LENGTH_BYTE_ARRAY prefix; returns where the
// bytes start (relative to data).
size_t decode_lengths(const uint8_t* data, size_t size, int64_t count, std::vector<int32_t>& lengths,
                      const char* what) {
  DeltaBinaryPackedDecoder decoder(data, size);
  // Writers encode exactly one length per value of the page; checking this
  // before allocating keeps a corrupt count from forcing a huge allocation.
  if (decoder.total_values() != count)
    throw_corrupt(std::string(what) + " holds " + std::to_string(decoder.total_values()) + " lengths but " +
                  std::to_string(count) + " values are expected");
  lengths.resize(static_cast<size_t>(decoder.total_values()));
  decoder.decode(lengths.data(), decoder.total_values());
  for (int32_t length : lengths)
    if (length < 0) throw_corrupt(std::string(what) + " has a negative length " + std::to_string(length));
  return decoder.position();
}

}  // namespace

void decode_delta_binary_packed(const EncodedValues& input, int64_t count, PhysicalValues& out) {
  if (count <= 0) return;
  DeltaBinaryPackedDecoder decoder(input.data, input.size);
  if (out.type() == PhysicalType::Int32) {
    decoder.decode(reinterpret_cast<int32_t*>(out.extend(count)), count);
  } else if (out.type() == PhysicalType::Int64) {
    decoder.decode(reinterpret_cast<int64_t*>(out.extend(count)), count);
  } else {
    throw_corrupt("DELTA_BINARY_PACKED is used for a " + physical_type_name(out.type()) + " column");
  }
}

void decode_delta_length_byte_array(const EncodedValues& input, int64_t count, PhysicalValues& out) {
  if (count <= 0) return;
  if (out.type() != PhysicalType::ByteArray)
    throw_corrupt("DELTA_LENGTH_BYTE_ARRAY is used for a " + physical_type_name(out.type()) + " column");
  std::vector<int32_t> lengths;
  const size_t start = decode_lengths(input.data, input.size, count, lengths, "a DELTA_LENGTH_BYTE_ARRAY page");
  const uint8_t* p = input.data + start;
  size_t remaining = input.size - start;
  auto* views = reinterpret_cast<StringView*>(out.extend(count));
  PageStringViews view_of(input, out);
  for (int64_t i = 0; i < count; ++i) {
    const auto length = static_cast<size_t>(lengths[static_cast<size_t>(i)]);
    if (length > remaining) throw_corrupt("a DELTA_LENGTH_BYTE_ARRAY value overruns its page");
    views[i] = view_of(p, length);
    p += length;
    remaining -= length;
  }
}

void decode_delta_byte_array(const EncodedValues& input, int64_t count, PhysicalValues& out) {
  if (count <= 0) return;
  const bool fixed = out.type() == PhysicalType::FixedLenByteArray;
  if (!fixed && out.type() != PhysicalType::ByteArray)
    throw_corrupt("DELTA_BYTE_ARRAY is used for a " + physical_type_name(out.type()) + " column");
  std::vector<int32_t> prefixes;
  const size_t suffix_start = decode_lengths(input.data, input.size, count, prefixes, "a DELTA_BYTE_ARRAY page");
  std::vector<int32_t> suffixes;
  const size_t bytes_start = suffix_start + decode_lengths(input.data + suffix_start, input.size - suffix_start, count,
                                                           suffixes, "a DELTA_BYTE_ARRAY page");
  const uint8_t* p = input.data + bytes_start;
  size_t remaining = input.size - bytes_start;

  // Rebuild every value into one new buffer (values share prefixes, so they
  // cannot point into the page).
  constexpr uint64_t kMaxBytes = uint64_t{1} << 31;
  std::string joined;
  std::vector<uint32_t> offsets(static_cast<size_t>(count) + 1, 0);
  size_t previous_offset = 0;
  size_t previous_length = 0;
  for (int64_t i = 0; i < count; ++i) {
    const auto prefix = static_cast<size_t>(prefixes[static_cast<size_t>(i)]);
    const auto suffix = static_cast<size_t>(suffixes[static_cast<size_t>(i)]);
    if (prefix > previous_length)
      throw_corrupt("a DELTA_BYTE_ARRAY value shares a prefix of " + std::to_string(prefix) +
                    " bytes with a previous value of " + std::to_string(previous_length) + " bytes");
    if (suffix > remaining) throw_corrupt("a DELTA_BYTE_ARRAY suffix overruns its page");
    if (joined.size() + prefix + suffix > kMaxBytes)
      throw_unsupported("a DELTA_BYTE_ARRAY page that expands to more than 2 GiB");
    if (fixed && prefix + suffix != static_cast<size_t>(out.value_width()))
      throw_corrupt("a DELTA_BYTE_ARRAY value of a FIXED_LEN_BYTE_ARRAY(" + std::to_string(out.value_width()) +
                    ") column has " + std::to_string(prefix + suffix) + " bytes");
    const size_t offset = joined.size();
    joined.resize(offset + prefix + suffix);
    // The prefix comes from the previous value, which ends at `offset`.
    if (prefix > 0) std::memcpy(joined.data() + offset, joined.data() + previous_offset, prefix);
    if (suffix > 0) std::memcpy(joined.data() + offset + prefix, p, suffix);
    p += suffix;
    remaining -= suffix;
    previous_offset = offset;
    previous_length = prefix + suffix;
    offsets[static_cast<size_t>(i) + 1] = static_cast<uint32_t>(joined.size());
  }
  if (fixed) {
    std::memcpy(out.extend(count), joined.data(), joined.size());
    return;
  }
  BufferPtr buffer = Buffer::copy_of(joined.data(), static_cast<int64_t>(joined.size()));
  const uint32_t buffer_index = out.add_data_buffer(buffer);
  auto* views = reinterpret_cast<StringView*>(out.extend(count));
  for (int64_t i = 0; i < count; ++i) {
    const uint32_t begin = offsets[static_cast<size_t>(i)];
    const uint32_t end = offsets[static_cast<size_t>(i) + 1];
    const std::string_view text(reinterpret_cast<const char*>(buffer->data()) + begin, end - begin);
    views[i] = text.size() <= StringView::kInlineSize ? StringView::make_inline(text)
                                                      : StringView::make_ref(text, buffer_index, begin);
  }
}

}  // namespace strata::parquet
