#pragma once
// Loop drivers shared by the element-wise kernels: broadcasting of one-row
// operands, validity combination, result allocation and bit packing. The
// drivers are templates over the per-value operation, so the operation is
// inlined into a tight loop over raw value pointers (no per-row call).
//
// Broadcasting: a binary kernel accepts operands of equal length, or one
// operand of one row (a literal or an aggregate) repeated for every row of
// the other.
#include <algorithm>
#include <bit>
#include <cstring>
#include <string>
#include <string_view>

#include "strata/core/array.hpp"
#include "strata/core/bitmap.hpp"

namespace strata::compute::internal {

/// Result length of a binary kernel; throws InvalidInputError when the
/// lengths differ and neither operand has one row.
int64_t broadcast_length(const Array& left, const Array& right, std::string_view operation);

/// True when `array` holds one value to be repeated for every row.
inline bool is_single(const Array& array) { return array.length() == 1; }

/// The validity of `array` over `length` rows (a one-row array repeated);
/// nullptr when every row is valid. The buffer may be shared with `array`:
/// copy it before modifying.
BufferPtr expanded_validity(const Array& array, int64_t length);

/// AND of both operands' expanded validity; nullptr when all rows are valid.
/// The buffer may be shared with an operand: copy before modifying.
BufferPtr combined_validity(const Array& left, const Array& right, int64_t length);

/// A private, modifiable copy of `validity` (all set when nullptr).
BufferPtr writable_validity(const BufferPtr& validity, int64_t length);

/// Wraps buffers into an array and counts its nulls.
Array make_result(DataType type, int64_t length, BufferPtr values, BufferPtr validity);

/// Uninitialised storage for `length` values of T.
template <typename T>
BufferPtr allocate_values(int64_t length) {
  return Buffer::allocate(length * static_cast<int64_t>(sizeof(T)));
}

/// Reads 64 bits of a bitmap starting at bit word_index * 64. Buffers are
/// padded, so reading the last word whole is safe.
inline uint64_t load_word(const uint8_t* bits, int64_t word_index) {
  uint64_t word;
  std::memcpy(&word, bits + word_index * 8, 8);
  return word;
}

/// A bit-packed buffer of `length` bits where bit i = predicate(i).
template <typename Predicate>
BufferPtr pack_bits(int64_t length, Predicate&& predicate) {
  const int64_t words = (length + 63) / 64;
  BufferPtr buffer = Buffer::allocate(words * 8);
  // Whole words: 64 answers as bytes first (a loop the compiler vectorizes),
  // then each 8 bytes of 0/1 become 8 bits with one multiplication (byte i
  // lands on bit 56 + i, and no other partial product reaches those bits).
  static_assert(std::endian::native == std::endian::little, "bytes are read as little-endian words");
  const int64_t full_words = length / 64;
  for (int64_t w = 0; w < full_words; ++w) {
    uint8_t flags[64];
    for (int64_t j = 0; j < 64; ++j)
      flags[j] = static_cast<uint8_t>(static_cast<bool>(predicate(w * 64 + j)));
    uint64_t word = 0;
    for (int g = 0; g < 8; ++g) {
      uint64_t bytes;
      std::memcpy(&bytes, flags + g * 8, 8);
      word |= ((bytes * 0x0102040810204080ULL) >> 56) << (g * 8);
    }
    std::memcpy(buffer->data() + w * 8, &word, 8);
  }
  if (full_words < words) {
    const int64_t begin = full_words * 64;
    uint64_t word = 0;
    for (int64_t j = 0; j < length - begin; ++j)
      word |= static_cast<uint64_t>(static_cast<bool>(predicate(begin + j))) << j;
    std::memcpy(buffer->data() + full_words * 8, &word, 8);
  }
  buffer->resize(bitmap::bytes_for(length));
  return buffer;
}

/// A bitmap of `length` bits computed 64 at a time: word w = fn(w), with
/// the bits past `length` cleared.
template <typename WordFn>
BufferPtr pack_words(int64_t length, WordFn&& fn) {
  const int64_t words = (length + 63) / 64;
  BufferPtr buffer = Buffer::allocate(words * 8);
  for (int64_t w = 0; w < words; ++w) {
    uint64_t word = fn(w);
    const int64_t remaining = length - w * 64;
    if (remaining < 64) word &= (uint64_t{1} << remaining) - 1;
    std::memcpy(buffer->data() + w * 8, &word, 8);
  }
  buffer->resize(bitmap::bytes_for(length));
  return buffer;
}

/// out[i] = fn(left[i], right[i]) with one-row operands repeated.
template <typename L, typename R, typename Out, typename Fn>
inline void map_binary(const L* left, bool left_single, const R* right, bool right_single, Out* out,
                       int64_t length, Fn&& fn) {
  if (left_single && !right_single) {
    const L a = left[0];
    for (int64_t i = 0; i < length; ++i) out[i] = fn(a, right[i]);
  } else if (right_single && !left_single) {
    const R b = right[0];
    for (int64_t i = 0; i < length; ++i) out[i] = fn(left[i], b);
  } else {
    for (int64_t i = 0; i < length; ++i) out[i] = fn(left[i], right[i]);
  }
}

/// Bit i = fn(left[i], right[i]) with one-row operands repeated.
template <typename L, typename R, typename Fn>
inline BufferPtr map_binary_bits(const L* left, bool left_single, const R* right, bool right_single,
                                 int64_t length, Fn&& fn) {
  if (left_single && !right_single) {
    const L a = left[0];
    return pack_bits(length, [&](int64_t i) { return fn(a, right[i]); });
  }
  if (right_single && !left_single) {
    const R b = right[0];
    return pack_bits(length, [&](int64_t i) { return fn(left[i], b); });
  }
  return pack_bits(length, [&](int64_t i) { return fn(left[i], right[i]); });
}

/// The first row valid in `validity` (nullptr = all valid) for which
/// failed(row) holds, or -1. Used after a loop flagged a failure, to report
/// the first real one (values under nulls are ignored).
template <typename Failed>
int64_t first_valid_failure(const uint8_t* validity, int64_t length, Failed&& failed) {
  for (int64_t i = 0; i < length; ++i)
    if ((validity == nullptr || bitmap::get(validity, i)) && failed(i)) return i;
  return -1;
}

/// Rendering of value `row` of `array` for error messages (a one-row
/// operand is read at row 0).
std::string operand_text(const Array& array, int64_t row);

}  // namespace strata::compute::internal
