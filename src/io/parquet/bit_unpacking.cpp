#include "io/parquet/bit_unpacking.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <type_traits>
#include <utility>

#include "strata/core/error.hpp"

namespace strata::parquet {

namespace {

// One group is 8 values, which occupy exactly `Width` bytes. Each value is
// cut out of one little-endian load of a word wide enough for any width of
// T (64 bits for 32-bit values, 128 bits for 64-bit ones). The fast path
// loads straight from the input, so it needs a word of slack after the
// group; the tail goes through a zero-padded copy.
template <typename T, int Width>
void unpack_groups(const uint8_t* input, size_t input_size, int64_t groups, T* output) {
  using Word = std::conditional_t<sizeof(T) == 4, uint64_t, unsigned __int128>;
  constexpr int kValueBits = 8 * sizeof(T);
  constexpr T mask = Width == kValueBits ? ~T{0} : static_cast<T>((uint64_t{1} << Width) - 1);
  const auto unpack_group = [](const uint8_t* base, T* out) {
    for (int i = 0; i < 8; ++i) {
      const int bit = i * Width;
      Word word;
      std::memcpy(&word, base + bit / 8, sizeof(Word));
      out[i] = static_cast<T>(word >> (bit % 8)) & mask;
    }
  };
  int64_t group = 0;
  const int64_t fast_groups =
      input_size >= sizeof(Word) ? static_cast<int64_t>((input_size - sizeof(Word)) / Width) : 0;
  for (; group < groups && group < fast_groups; ++group) unpack_group(input + group * Width, output + group * 8);
  for (; group < groups; ++group) {
    uint8_t padded[Width + sizeof(Word)] = {};
    const size_t offset = static_cast<size_t>(group) * Width;
    if (offset < input_size) std::memcpy(padded, input + offset, std::min<size_t>(Width, input_size - offset));
    unpack_group(padded, output + group * 8);
  }
}

template <typename T, typename Fn, size_t... Widths>
void dispatch_width(int bit_width, Fn&& fn, std::index_sequence<Widths...>) {
  const bool found = ((bit_width == static_cast<int>(Widths + 1) ? (fn(std::integral_constant<int, Widths + 1>{}), true)
                                                                 : false) ||
                      ...);
  if (!found) throw InternalError("bit width out of range: " + std::to_string(bit_width));
}

template <typename T>
void unpack_bits(const uint8_t* input, size_t input_size, int bit_width, int64_t count, T* output) {
  constexpr int kValueBits = 8 * sizeof(T);
  if (bit_width < 0 || bit_width > kValueBits)
    throw InternalError("unpacking " + std::to_string(kValueBits) + "-bit values of bit width " +
                        std::to_string(bit_width));
  if (count <= 0) return;
  if (bit_width == 0) {
    std::memset(output, 0, static_cast<size_t>(count) * sizeof(T));
    return;
  }
  const int64_t full_groups = count / 8;
  const int64_t rest = count % 8;
  auto run = [&](const uint8_t* in, size_t in_size, int64_t groups, T* out) {
    dispatch_width<T>(bit_width, [&](auto width) { unpack_groups<T, decltype(width)::value>(in, in_size, groups, out); },
                      std::make_index_sequence<kValueBits>{});
  };
  run(input, input_size, full_groups, output);
  if (rest > 0) {
    T tail[8];
    const size_t offset = static_cast<size_t>(full_groups) * static_cast<size_t>(bit_width);
    if (offset < input_size) run(input + offset, input_size - offset, 1, tail);
    else std::memset(tail, 0, sizeof(tail));
    std::memcpy(output + full_groups * 8, tail, static_cast<size_t>(rest) * sizeof(T));
  }
}

}  // namespace

void unpack_bits32(const uint8_t* input, size_t input_size, int bit_width, int64_t count, uint32_t* output) {
  unpack_bits(input, input_size, bit_width, count, output);
}

void unpack_bits64(const uint8_t* input, size_t input_size, int bit_width, int64_t count, uint64_t* output) {
  unpack_bits(input, input_size, bit_width, count, output);
}

void pack_bits32(const uint32_t* values, int64_t count, int bit_width, uint8_t* output) {
  const size_t bytes = static_cast<size_t>((count * bit_width + 7) / 8);
  std::memset(output, 0, bytes);
  if (bit_width == 0) return;
  uint64_t buffer = 0;
  int buffered_bits = 0;
  size_t at = 0;
  const uint64_t mask = bit_width == 32 ? 0xffffffffULL : ((uint64_t{1} << bit_width) - 1);
  for (int64_t i = 0; i < count; ++i) {
    buffer |= (uint64_t{values[i]} & mask) << buffered_bits;
    buffered_bits += bit_width;
    while (buffered_bits >= 8) {
      output[at++] = static_cast<uint8_t>(buffer);
      buffer >>= 8;
      buffered_bits -= 8;
    }
  }
  if (buffered_bits > 0) output[at] = static_cast<uint8_t>(buffer);
}

}  // namespace strata::parquet
