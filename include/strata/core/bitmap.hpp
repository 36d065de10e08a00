#pragma once
// Bit-level helpers for validity bitmaps and boolean values, in Arrow's
// least-significant-bit-first order. Bitmaps are read as 64-bit words where
// possible; buffers are padded so whole-word reads at the tail are safe.
#include <bit>
#include <cstdint>
#include <cstring>

#include "strata/core/memory.hpp"

namespace strata::bitmap {

inline bool get(const uint8_t* bits, int64_t i) { return (bits[i >> 3] >> (i & 7)) & 1; }
inline void set(uint8_t* bits, int64_t i) { bits[i >> 3] |= static_cast<uint8_t>(1u << (i & 7)); }
inline void clear(uint8_t* bits, int64_t i) { bits[i >> 3] &= static_cast<uint8_t>(~(1u << (i & 7))); }
inline void set_to(uint8_t* bits, int64_t i, bool value) {
  bits[i >> 3] = static_cast<uint8_t>((bits[i >> 3] & ~(1u << (i & 7))) | (unsigned(value) << (i & 7)));
}
inline int64_t bytes_for(int64_t bit_count) { return (bit_count + 7) / 8; }

/// Number of set bits among the first `length` bits.
int64_t count_set(const uint8_t* bits, int64_t length);

/// A zeroed bitmap buffer for `length` bits.
BufferPtr make_zeroed(int64_t length);
/// A bitmap buffer with the first `length` bits set.
BufferPtr make_all_set(int64_t length);

/// dst[i] = a[i] & b[i] for the first `length` bits, where a missing (null)
/// input means all-set. Returns nullptr when both are missing.
BufferPtr and_bitmaps(const BufferPtr& a, const BufferPtr& b, int64_t length);

/// Copies `length` bits from src starting at src_offset to dst at dst_offset.
void copy_bits(const uint8_t* src, int64_t src_offset, uint8_t* dst, int64_t dst_offset,
               int64_t length);

}  // namespace strata::bitmap
