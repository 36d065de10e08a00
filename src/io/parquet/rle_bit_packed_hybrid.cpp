#include "io/parquet/rle_bit_packed_hybrid.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include "io/parquet/bit_unpacking.hpp"
#include "io/parquet/parquet_error.hpp"

namespace strata::parquet {

int bit_width_for(uint64_t max_value) { return max_value == 0 ? 0 : 64 - std::countl_zero(max_value); }

RleBitPackedDecoder::RleBitPackedDecoder(const uint8_t* data, size_t size, int bit_width)
    : data_(data), size_(size), bit_width_(bit_width) {
  if (bit_width < 0 || bit_width > 32)
    throw_corrupt("an RLE/bit-packed run has bit width " + std::to_string(bit_width) + " (at most 32 is allowed)");
}

bool RleBitPackedDecoder::skip_run_of(uint32_t value, int64_t count) {
  if (remaining_ == 0 && !next_run()) return false;
  if (literal_ || repeated_value_ != value || remaining_ < count) return false;
  remaining_ -= count;
  return true;
}

bool RleBitPackedDecoder::next_run() {
  if (position_ >= size_) return false;
  uint64_t header = 0;
  int shift = 0;
  while (true) {
    if (position_ >= size_) return false;
    const uint8_t byte = data_[position_++];
    header |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) break;
    shift += 7;
    if (shift > 35) throw_corrupt("an RLE/bit-packed run header is longer than 5 bytes");
  }
  if (header & 1) {
    const uint64_t groups = header >> 1;
    const size_t bytes_wanted = static_cast<size_t>(groups) * static_cast<size_t>(bit_width_);
    const size_t bytes = std::min(bytes_wanted, size_ - position_);
    literal_ = true;
    literal_data_ = data_ + position_;
    literal_size_ = bytes;
    literal_index_ = 0;
    // A truncated last run still yields the values whose bits are present.
    remaining_ = bit_width_ == 0 ? static_cast<int64_t>(groups * 8)
                                 : static_cast<int64_t>(std::min<uint64_t>(groups * 8, bytes * 8 / bit_width_));
    position_ += bytes;
  } else {
    const size_t value_bytes = static_cast<size_t>((bit_width_ + 7) / 8);
    if (value_bytes > size_ - position_) return false;
    uint32_t value = 0;
    for (size_t i = 0; i < value_bytes; ++i) value |= static_cast<uint32_t>(data_[position_ + i]) << (8 * i);
    position_ += value_bytes;
    if (bit_width_ < 32 && (value >> bit_width_) != 0)
      throw_corrupt("an RLE run repeats value " + std::to_string(value) + ", which does not fit in " +
                    std::to_string(bit_width_) + " bits");
    literal_ = false;
    repeated_value_ = value;
    remaining_ = static_cast<int64_t>(header >> 1);
  }
  return true;
}

template <typename T>
int64_t RleBitPackedDecoder::decode(T* out, int64_t count) {
  int64_t done = 0;
  uint32_t scratch[512];
  while (done < count) {
    if (remaining_ == 0 && !next_run()) break;
    const int64_t n = std::min(count - done, remaining_);
    if (n == 0) continue;
    if (!literal_) {
      std::fill(out + done, out + done + n, static_cast<T>(repeated_value_));
    } else {
      int64_t produced = 0;
      while (produced < n) {
        const int64_t index = literal_index_ + produced;
        const int64_t group_start = index / 8 * 8;
        const int64_t want = std::min<int64_t>(n - produced, 512 - (index - group_start));
        const int64_t unpack_count = (index - group_start + want + 7) / 8 * 8;
        const size_t byte_offset = static_cast<size_t>(group_start / 8) * static_cast<size_t>(bit_width_);
        const uint8_t* in = byte_offset < literal_size_ ? literal_data_ + byte_offset : literal_data_;
        const size_t in_size = byte_offset < literal_size_ ? literal_size_ - byte_offset : 0;
        if constexpr (sizeof(T) == sizeof(uint32_t)) {
          if (index == group_start && want % 8 == 0) {
            unpack_bits32(in, in_size, bit_width_, want, reinterpret_cast<uint32_t*>(out + done + produced));
            produced += want;
            continue;
          }
        }
        unpack_bits32(in, in_size, bit_width_, unpack_count, scratch);
        for (int64_t i = 0; i < want; ++i) out[done + produced + i] = static_cast<T>(scratch[index - group_start + i]);
        produced += want;
      }
      literal_index_ += n;
    }
    remaining_ -= n;
    done += n;
  }
  return done;
}

template int64_t RleBitPackedDecoder::decode<uint8_t>(uint8_t*, int64_t);
template int64_t RleBitPackedDecoder::decode<uint16_t>(uint16_t*, int64_t);
template int64_t RleBitPackedDecoder::decode<uint32_t>(uint32_t*, int64_t);

namespace {

void append_varint(uint64_t value, std::string& out) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

template <typename T>
int64_t equal_run(const T* values, int64_t begin, int64_t count) {
  int64_t end = begin + 1;
  while (end < count && values[end] == values[begin]) ++end;
  return end - begin;
}

// Whether at least `length` equal values start at `begin`.
template <typename T>
bool repeats_at(const T* values, int64_t begin, int64_t count, int64_t length) {
  if (count - begin < length) return false;
  for (int64_t k = 1; k < length; ++k)
    if (values[begin + k] != values[begin]) return false;
  return true;
}

}  // namespace

template <typename T>
void encode_rle_bit_packed(const T* values, int64_t count, int bit_width, std::string& out) {
  constexpr int64_t kMinRepeat = 8;
  const size_t value_bytes = static_cast<size_t>((bit_width + 7) / 8);
  uint32_t group[8];
  int64_t i = 0;
  while (i < count) {
    const int64_t run = equal_run(values, i, count);
    if (run >= kMinRepeat) {
      append_varint(static_cast<uint64_t>(run) << 1, out);
      const uint32_t value = static_cast<uint32_t>(values[i]);
      for (size_t b = 0; b < value_bytes; ++b) out.push_back(static_cast<char>(value >> (8 * b)));
      i += run;
      continue;
    }
    // A bit-packed run: whole groups of 8 until a long repeat starts at a
    // group boundary (or the input ends).
    int64_t end = i;
    while (end < count) {
      if (end > i && repeats_at(values, end, count, kMinRepeat)) break;
      end += 8;
    }
    const int64_t groups = (std::min(end, count) - i + 7) / 8;
    append_varint((static_cast<uint64_t>(groups) << 1) | 1, out);
    const size_t at = out.size();
    out.resize(at + static_cast<size_t>(groups) * static_cast<size_t>(bit_width));
    for (int64_t g = 0; g < groups; ++g) {
      for (int k = 0; k < 8; ++k) {
        const int64_t index = i + g * 8 + k;
        group[k] = index < count ? static_cast<uint32_t>(values[index]) : 0;
      }
      pack_bits32(group, 8, bit_width, reinterpret_cast<uint8_t*>(out.data() + at + g * bit_width));
    }
    i = std::min(end, count);
  }
}

template void encode_rle_bit_packed<uint8_t>(const uint8_t*, int64_t, int, std::string&);
template void encode_rle_bit_packed<uint32_t>(const uint32_t*, int64_t, int, std::string&);

}  // namespace strata::parquet
