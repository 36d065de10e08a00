#include "io/parquet/level_decoding.hpp"

#include <algorithm>
#include <cstring>

#include "io/parquet/parquet_error.hpp"
#include "io/parquet/rle_bit_packed_hybrid.hpp"

namespace strata::parquet {

namespace {

void decode_hybrid(const uint8_t* data, size_t size, int max_level, int64_t count, uint8_t* out) {
  RleBitPackedDecoder decoder(data, size, bit_width_for(static_cast<uint64_t>(max_level)));
  const int64_t decoded = decoder.decode(out, count);
  if (decoded < count)
    throw_corrupt("a data page holds " + std::to_string(decoded) + " repetition/definition levels but " +
                  std::to_string(count) + " are expected");
}

void check_max(const uint8_t* levels, int64_t count, int max_level) {
  uint8_t highest = 0;
  for (int64_t i = 0; i < count; ++i) highest = std::max(highest, levels[i]);
  if (highest > max_level)
    throw_corrupt("a data page has level " + std::to_string(highest) + " where the schema allows at most " +
                  std::to_string(max_level));
}

}  // namespace

size_t decode_levels_v1(Encoding encoding, const uint8_t* data, size_t size, int max_level, int64_t count,
                        uint8_t* out) {
  if (count <= 0) return encoding == Encoding::Rle && size >= 4 ? 4 : 0;
  if (encoding == Encoding::Rle) {
    if (size < 4) throw_corrupt("a data page ends before its levels' length prefix");
    uint32_t length;
    std::memcpy(&length, data, 4);
    if (length > size - 4)
      throw_corrupt("a data page's levels claim " + std::to_string(length) + " bytes but only " +
                    std::to_string(size - 4) + " remain");
    decode_hybrid(data + 4, length, max_level, count, out);
    check_max(out, count, max_level);
    return 4 + size_t{length};
  }
  if (encoding == Encoding::BitPacked) {
    // The deprecated BIT_PACKED encoding packs from the most significant bit.
    const int width = bit_width_for(static_cast<uint64_t>(max_level));
    const size_t bytes = static_cast<size_t>((count * width + 7) / 8);
    if (bytes > size) throw_corrupt("a data page's BIT_PACKED levels are truncated");
    for (int64_t i = 0; i < count; ++i) {
      int value = 0;
      for (int b = 0; b < width; ++b) {
        const int64_t bit = i * width + b;
        value = (value << 1) | ((data[bit / 8] >> (7 - bit % 8)) & 1);
      }
      out[i] = static_cast<uint8_t>(value);
    }
    check_max(out, count, max_level);
    return bytes;
  }
  throw_unsupported("levels encoded as " + encoding_name(encoding));
}

bool uniform_levels_v1(Encoding encoding, const uint8_t* data, size_t size, int max_level, int64_t count, int level,
                       size_t& used) {
  if (encoding != Encoding::Rle || count <= 0 || size < 4) return false;
  uint32_t length;
  std::memcpy(&length, data, 4);
  if (length > size - 4 || !uniform_levels_v2(data + 4, length, max_level, count, level)) return false;
  used = 4 + size_t{length};
  return true;
}

bool uniform_levels_v2(const uint8_t* data, size_t size, int max_level, int64_t count, int level) {
  if (count <= 0 || level > max_level) return false;
  RleBitPackedDecoder decoder(data, size, bit_width_for(static_cast<uint64_t>(max_level)));
  return decoder.skip_run_of(static_cast<uint32_t>(level), count);
}

void decode_levels_v2(const uint8_t* data, size_t size, int max_level, int64_t count, uint8_t* out) {
  if (count <= 0) return;
  decode_hybrid(data, size, max_level, count, out);
  check_max(out, count, max_level);
}

}  // namespace strata::parquet
