#pragma once
// Fast non-cryptographic hashing for hash tables (group-by, join, unique).
// Not stable across versions: never persist these values.
#include <cstdint>
#include <cstring>
#include <string_view>

namespace strata::hashing {

/// Finalizer with good avalanche (the murmur3 / splitmix family constants).
inline uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

inline uint64_t combine(uint64_t seed, uint64_t value) {
  return mix64(seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2)));
}

/// Hash of a byte string: 8 bytes at a time, then the tail, then mixing.
inline uint64_t bytes(const void* data, size_t size, uint64_t seed = 0x51ed270b27c0ffeeULL) {
  const auto* p = static_cast<const unsigned char*>(data);
  uint64_t h = seed ^ (size * 0x9e3779b97f4a7c15ULL);
  while (size >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    h = (h ^ mix64(word)) * 0x100000001b3ULL;
    p += 8;
    size -= 8;
  }
  if (size > 0) {
    uint64_t tail = 0;
    std::memcpy(&tail, p, size);
    h = (h ^ mix64(tail)) * 0x100000001b3ULL;
  }
  return mix64(h);
}

inline uint64_t string(std::string_view text) { return bytes(text.data(), text.size()); }

/// The hash given to nulls, so that null keys group together.
inline constexpr uint64_t kNullHash = 0x6a09e667f3bcc909ULL;

}  // namespace strata::hashing
