#pragma once
// Canonical key values and their hashes. Group-by, unique and joins treat
// NaN as equal to NaN and -0.0 as equal to 0.0, so floats are canonicalised
// before they are hashed or compared bitwise.
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "strata/core/hash.hpp"
#include "strata/core/scalar.hpp"
#include "strata/core/string_view.hpp"

namespace strata::compute::internal {

/// The bit pattern a key value is compared by: the value itself for
/// integers and decimals; for floats, the bits of the value with every NaN
/// made one quiet NaN and -0.0 made 0.0.
template <typename T> struct KeyBitsOf { using type = T; };
template <> struct KeyBitsOf<float> { using type = uint32_t; };
template <> struct KeyBitsOf<double> { using type = uint64_t; };
template <typename T> using KeyBits = typename KeyBitsOf<T>::type;

template <typename T>
inline KeyBits<T> key_bits(T value) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(value)) value = std::numeric_limits<T>::quiet_NaN();
    if (value == T{0}) value = T{0};
    return std::bit_cast<KeyBits<T>>(value);
  } else {
    return value;
  }
}

template <typename T>
inline T from_key_bits(KeyBits<T> bits) {
  if constexpr (std::is_floating_point_v<T>) return std::bit_cast<T>(bits);
  else return bits;
}

template <typename K>
inline uint64_t hash_key_bits(K bits) {
  if constexpr (std::is_same_v<K, Int128>) {
    const auto value = static_cast<unsigned __int128>(bits);
    return hashing::combine(hashing::mix64(static_cast<uint64_t>(value)), static_cast<uint64_t>(value >> 64));
  } else {
    return hashing::mix64(static_cast<uint64_t>(bits) + 0x9e3779b97f4a7c15ULL);
  }
}

/// The hash of a tuple of `width` column ids (the composite key of a row).
inline uint64_t hash_id_tuple(const uint32_t* tuple, size_t width) {
  uint64_t h = 0x51ed270b27c0ffeeULL;
  for (size_t c = 0; c < width; ++c) h = (h ^ tuple[c]) * 0x9e3779b97f4a7c15ULL;
  return hashing::mix64(h);
}

/// Whether two tuples of `width` column ids are equal (a plain loop: the
/// widths are small, and memcmp's call costs more than the compares).
inline bool same_id_tuple(const uint32_t* a, const uint32_t* b, size_t width) {
  for (size_t c = 0; c < width; ++c)
    if (a[c] != b[c]) return false;
  return true;
}

/// The last 8 bytes of a view: for inline strings, bytes 4..11 of the text
/// (zero-padded, as StringView guarantees).
inline uint64_t view_tail(const StringView& view) {
  uint64_t word;
  std::memcpy(&word, reinterpret_cast<const char*>(&view) + 8, 8);
  return word;
}

/// Hash of a string given its view and, for non-inline strings, its bytes.
/// Equal strings hash equally: a string's size decides whether it is inline.
inline uint64_t hash_string(const StringView& view, const char* bytes) {
  if (view.is_inline()) {
    // One 64x64->128 multiply folded to 64 bits mixes all 16 bytes into
    // both halves (the table index uses the low bits, the tag the high
    // bits). The constant's low half exceeds any inline size, so the left
    // factor is never zero.
    const unsigned __int128 product =
        static_cast<unsigned __int128>(view.size_and_prefix() ^ 0xa0761d6478bd642fULL) *
        (view_tail(view) ^ 0xe7037ed1a0b428dbULL);
    return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64) ^ view.size_and_prefix();
  }
  return hashing::bytes(bytes, view.size);
}

}  // namespace strata::compute::internal
