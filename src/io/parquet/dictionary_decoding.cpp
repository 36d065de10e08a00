#include "io/parquet/dictionary_decoding.hpp"

#include <algorithm>
#include <cstring>

#include "io/parquet/parquet_error.hpp"
#include "io/parquet/rle_bit_packed_hybrid.hpp"
#include "strata/core/bitmap.hpp"

namespace strata::parquet {

void decode_dictionary_indices(const EncodedValues& input, int64_t count, int64_t dictionary_size, uint32_t* out) {
  if (count <= 0) return;
  if (input.size < 1) throw_corrupt("a dictionary-encoded page has no index bit width");
  const int bit_width = input.data[0];
  if (bit_width > 32) throw_corrupt("a dictionary-encoded page has index bit width " + std::to_string(bit_width));
  RleBitPackedDecoder decoder(input.data + 1, input.size - 1, bit_width);
  const int64_t decoded = decoder.decode(out, count);
  if (decoded < count)
    throw_corrupt("a dictionary-encoded page holds " + std::to_string(decoded) + " indices but " +
                  std::to_string(count) + " values are expected");
  uint32_t max_index = 0;
  for (int64_t i = 0; i < count; ++i) max_index = std::max(max_index, out[i]);
  if (static_cast<int64_t>(max_index) >= dictionary_size)
    throw_corrupt("dictionary index " + std::to_string(max_index) + " is out of range for a dictionary of " +
                  std::to_string(dictionary_size) + " values");
}

namespace {

template <size_t Width>
void gather_fixed(const uint8_t* dictionary, const uint32_t* indices, int64_t count, uint8_t* out) {
  for (int64_t i = 0; i < count; ++i) std::memcpy(out + i * Width, dictionary + size_t{indices[i]} * Width, Width);
}

}  // namespace

void gather_from_dictionary(const PhysicalValues& dictionary, const uint32_t* indices, int64_t count,
                            PhysicalValues& out) {
  if (count <= 0) return;
  const int width = dictionary.value_width();
  if (width == 0) {
    const uint8_t* bits = dictionary.data();
    for (int64_t i = 0; i < count; ++i) out.append_repeated_bit(bitmap::get(bits, indices[i]), 1);
    return;
  }
  uint8_t* target = out.extend(count);
  switch (width) {
    case 4: gather_fixed<4>(dictionary.data(), indices, count, target); return;
    case 8: gather_fixed<8>(dictionary.data(), indices, count, target); return;
    case 12: gather_fixed<12>(dictionary.data(), indices, count, target); return;
    case 16: gather_fixed<16>(dictionary.data(), indices, count, target); return;
    default:
      for (int64_t i = 0; i < count; ++i)
        std::memcpy(target + i * width, dictionary.data() + size_t{indices[i]} * width, static_cast<size_t>(width));
      return;
  }
}

}  // namespace strata::parquet
