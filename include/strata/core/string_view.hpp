#pragma once
// 16-byte string views (Arrow's Utf8View layout), the representation of
// String and Binary values.
//
// Why views rather than offsets + data: filter, take, sort, join and
// group-by move rows around far more often than they create new strings.
// With views a gather copies 16 bytes per row and shares the character
// buffers, instead of re-copying every string; strings of up to 12 bytes
// (most keys and categories) live entirely inline, so hashing and equality
// touch no second cache line; and comparisons test the 4-byte prefix first.
#include <cstdint>
#include <cstring>
#include <string_view>

namespace strata {

struct StringView {
  static constexpr uint32_t kInlineSize = 12;

  uint32_t size;
  union {
    char inlined[12];  // size <= 12: the bytes themselves, zero-padded
    struct {
      char prefix[4];          // first four bytes, for fast comparison
      uint32_t buffer_index;   // which data buffer of the array
      uint32_t offset;         // byte offset inside that buffer
    } ref;
  };

  bool is_inline() const { return size <= kInlineSize; }

  /// A view of inline bytes; `text.size()` must be <= 12.
  static StringView make_inline(std::string_view text) {
    StringView view;
    std::memset(&view, 0, sizeof(view));
    view.size = static_cast<uint32_t>(text.size());
    if (!text.empty()) std::memcpy(view.inlined, text.data(), text.size());
    return view;
  }
  /// A view referencing bytes stored in data buffer `buffer_index`.
  static StringView make_ref(std::string_view text, uint32_t buffer_index, uint32_t offset) {
    StringView view;
    view.size = static_cast<uint32_t>(text.size());
    std::memcpy(view.ref.prefix, text.data(), 4);
    view.ref.buffer_index = buffer_index;
    view.ref.offset = offset;
    return view;
  }
  /// The first 8 bytes (size + prefix) as one word: equal words are necessary
  /// for equal strings.
  uint64_t size_and_prefix() const {
    uint64_t word;
    std::memcpy(&word, this, 8);
    return word;
  }
};
static_assert(sizeof(StringView) == 16, "StringView must be 16 bytes");

}  // namespace strata
