#include "strata/core/bitmap.hpp"

#include <algorithm>

namespace strata::bitmap {

int64_t count_set(const uint8_t* bits, int64_t length) {
  int64_t count = 0;
  const int64_t words = length / 64;
  for (int64_t w = 0; w < words; ++w) {
    uint64_t word;
    std::memcpy(&word, bits + w * 8, 8);
    count += std::popcount(word);
  }
  for (int64_t i = words * 64; i < length; ++i) count += get(bits, i);
  return count;
}

BufferPtr make_zeroed(int64_t length) { return Buffer::zeroed(bytes_for(length)); }

BufferPtr make_all_set(int64_t length) {
  auto buffer = Buffer::allocate(bytes_for(length));
  if (length > 0) {
    std::memset(buffer->data(), 0xff, static_cast<size_t>(bytes_for(length)));
    // Keep bits past the end cleared so word-level popcounts stay exact.
    if (length % 8 != 0) buffer->data()[length / 8] &= static_cast<uint8_t>((1u << (length % 8)) - 1);
  }
  return buffer;
}

BufferPtr and_bitmaps(const BufferPtr& a, const BufferPtr& b, int64_t length) {
  if (!a && !b) return nullptr;
  if (!a) return Buffer::copy_of(b->data(), bytes_for(length));
  if (!b) return Buffer::copy_of(a->data(), bytes_for(length));
  auto out = Buffer::allocate(bytes_for(length));
  for (int64_t i = 0; i < bytes_for(length); ++i) out->data()[i] = a->data()[i] & b->data()[i];
  return out;
}

void copy_bits(const uint8_t* src, int64_t src_offset, uint8_t* dst, int64_t dst_offset,
               int64_t length) {
  if (src_offset % 8 == 0 && dst_offset % 8 == 0) {
    const int64_t whole = length / 8;
    std::memcpy(dst + dst_offset / 8, src + src_offset / 8, static_cast<size_t>(whole));
    for (int64_t i = whole * 8; i < length; ++i) set_to(dst, dst_offset + i, get(src, src_offset + i));
    return;
  }
  for (int64_t i = 0; i < length; ++i) set_to(dst, dst_offset + i, get(src, src_offset + i));
}

}  // namespace strata::bitmap
