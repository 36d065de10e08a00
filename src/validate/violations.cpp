#include "validate/internal/violations.hpp"

#include <algorithm>

namespace strata::validate_internal {

namespace {

// Buffers are padded to whole 64-bit words (core/bitmap.hpp), so the last
// word of a bitmap may be read whole.
uint64_t load_word(const uint8_t* bits, int64_t word) {
  uint64_t value;
  std::memcpy(&value, bits + word * 8, 8);
  return value;
}

template <typename WordFn>
Violations build(int64_t length, WordFn&& word_of) {
  const int64_t words = (length + 63) / 64;
  BufferPtr bits = Buffer::allocate(words * 8);
  int64_t count = 0;
  for (int64_t w = 0; w < words; ++w) {
    uint64_t word = word_of(w);
    const int64_t remaining = length - w * 64;
    if (remaining < 64) word &= (uint64_t{1} << remaining) - 1;
    count += std::popcount(word);
    std::memcpy(bits->data() + w * 8, &word, 8);
  }
  if (count == 0) return {};
  return {std::move(bits), count};
}

}  // namespace

Violations violations_where_false(const Array& pass) {
  const int64_t length = pass.length();
  if (length == 0 || pass.type().id() == TypeId::Null || pass.null_count() == length) return {};
  const uint8_t* values = pass.bool_bits();
  const uint8_t* validity = pass.validity_bits();
  if (validity == nullptr || pass.null_count() == 0)
    return build(length, [&](int64_t w) { return ~load_word(values, w); });
  return build(length, [&](int64_t w) { return ~load_word(values, w) & load_word(validity, w); });
}

Violations violations_where_null(const Array& values) {
  const int64_t length = values.length();
  if (values.null_count() == 0) return {};
  const uint8_t* validity = values.validity_bits();
  if (validity == nullptr) return build(length, [](int64_t) { return ~uint64_t{0}; });  // Null type
  return build(length, [&](int64_t w) { return ~load_word(validity, w); });
}

Violations violations_from_bits(BufferPtr bits, int64_t length) {
  if (!bits || length == 0) return {};
  return build(length, [&](int64_t w) { return load_word(bits->data(), w); });
}

}  // namespace strata::validate_internal
