#include "io/parquet/bit_unpacking.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

#include "strata/core/error.hpp"

namespace strata::parquet {

namespace {

// One group is 8 values, which occupy exactly `Width` bytes. The fast path
// loads 8 (or 16) bytes per value with memcpy, so it needs that much slack
// after the group; the tail goes through a zero-padded copy.
template <int Width>
void unpack_groups32(const uint8_t* input, size_t input_size, int64_t groups, uint32_t* output) {
  constexpr uint64_t mask = Width == 32 ? 0xffffffffULL : ((uint64_t{1} << Width) - 1);
  int64_t group = 0;
  const int64_t fast_groups = input_size >= 8 ? static_cast<int64_t>((input_size - 8) / Width) : 0;
  for (; group < groups && group < fast_groups; ++group) {
    const uint8_t* base = input + group * Width;
    for (int i = 0; i < 8; ++i) {
      const int bit = i * Width;
      uint64_t word;
      std::memcpy(&word, base + bit / 8, 8);
      output[group * 8 + i] = static_cast<uint32_t>((word >> (bit % 8)) & mask);
    }
  }
  for (; group < groups; ++group) {
    uint8_t padded[Width + 8] = {};
    const size_t offset = static_cast<size_t>(group) * Width;
    if (offset < input_size) std::memcpy(padded, input + offset, std::min<size_t>(Width, input_size - offset));
    for (int i = 0; i < 8; ++i) {
      const int bit = i * Width;
      uint64_t word;
      std::memcpy(&word, padded + bit / 8, 8);
      output[group * 8 + i] = static_cast<uint32_t>((word >> (bit % 8)) & mask);
    }
  }
}

template <int Width>
void unpack_groups64(const uint8_t* input, size_t input_size, int64_t groups, uint64_t* output) {
  using U128 = unsigned __int128;
  constexpr uint64_t mask = Width == 64 ? ~uint64_t{0} : ((uint64_t{1} << Width) - 1);
  int64_t group = 0;
  const int64_t fast_groups = input_size >= 16 ? static_cast<int64_t>((input_size - 16) / Width) : 0;
  for (; group < groups && group < fast_groups; ++group) {
    const uint8_t* base = input + group * Width;
    for (int i = 0; i < 8; ++i) {
      const int bit = i * Width;
      U128 word;
      std::memcpy(&word, base + bit / 8, 16);
      output[group * 8 + i] = static_cast<uint64_t>(word >> (bit % 8)) & mask;
    }
  }
  for (; group < groups; ++group) {
    uint8_t padded[Width + 16] = {};
    const size_t offset = static_cast<size_t>(group) * Width;
    if (offset < input_size) std::memcpy(padded, input + offset, std::min<size_t>(Width, input_size - offset));
    for (int i = 0; i < 8; ++i) {
      const int bit = i * Width;
      U128 word;
      std::memcpy(&word, padded + bit / 8, 16);
      output[group * 8 + i] = static_cast<uint64_t>(word >> (bit % 8)) & mask;
    }
  }
}

template <typename T, typename Fn, size_t... Widths>
void dispatch_width(int bit_width, Fn&& fn, std::index_sequence<Widths...>) {
  const bool found = ((bit_width == static_cast<int>(Widths + 1) ? (fn(std::integral_constant<int, Widths + 1>{}), true)
                                                                 : false) ||
                      ...);
  if (!found) throw InternalError("bit width out of range: " + std::to_string(bit_width));
}

}  // namespace

void unpack_bits32(const uint8_t* input, size_t input_size, int bit_width, int64_t count, uint32_t* output) {
  if (bit_width < 0 || bit_width > 32) throw InternalError("unpack_bits32 bit width " + std::to_string(bit_width));
  if (count <= 0) return;
  if (bit_width == 0) {
    std::memset(output, 0, static_cast<size_t>(count) * sizeof(uint32_t));
    return;
  }
  const int64_t full_groups = count / 8;
  const int64_t rest = count % 8;
  auto run = [&](const uint8_t* in, size_t in_size, int64_t groups, uint32_t* out) {
    dispatch_width<uint32_t>(bit_width, [&](auto width) { unpack_groups32<decltype(width)::value>(in, in_size, groups, out); },
                             std::make_index_sequence<32>{});
  };
  run(input, input_size, full_groups, output);
  if (rest > 0) {
    uint32_t tail[8];
    const size_t offset = static_cast<size_t>(full_groups) * static_cast<size_t>(bit_width);
    if (offset < input_size) run(input + offset, input_size - offset, 1, tail);
    else std::memset(tail, 0, sizeof(tail));
    std::memcpy(output + full_groups * 8, tail, static_cast<size_t>(rest) * sizeof(uint32_t));
  }
}

void unpack_bits64(const uint8_t* input, size_t input_size, int bit_width, int64_t count, uint64_t* output) {
  if (bit_width < 0 || bit_width > 64) throw InternalError("unpack_bits64 bit width " + std::to_string(bit_width));
  if (count <= 0) return;
  if (bit_width == 0) {
    std::memset(output, 0, static_cast<size_t>(count) * sizeof(uint64_t));
    return;
  }
  const int64_t full_groups = count / 8;
  const int64_t rest = count % 8;
  auto run = [&](const uint8_t* in, size_t in_size, int64_t groups, uint64_t* out) {
    dispatch_width<uint64_t>(bit_width, [&](auto width) { unpack_groups64<decltype(width)::value>(in, in_size, groups, out); },
                             std::make_index_sequence<64>{});
  };
  run(input, input_size, full_groups, output);
  if (rest > 0) {
    uint64_t tail[8];
    const size_t offset = static_cast<size_t>(full_groups) * static_cast<size_t>(bit_width);
    if (offset < input_size) run(input + offset, input_size - offset, 1, tail);
    else std::memset(tail, 0, sizeof(tail));
    std::memcpy(output + full_groups * 8, tail, static_cast<size_t>(rest) * sizeof(uint64_t));
  }
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
