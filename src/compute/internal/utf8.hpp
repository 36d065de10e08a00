#pragma once
// UTF-8 primitives for the string kernels: validation, code point counting
// and positioning, decoding and encoding. Strings are assumed to be valid
// UTF-8 except where validity is checked explicitly (Binary -> String).
#include <cstdint>
#include <string>
#include <string_view>

namespace strata::compute::internal::utf8 {

/// True when the byte starts a code point (is not a continuation byte).
inline bool is_lead_byte(unsigned char byte) { return (byte & 0xC0) != 0x80; }

/// Number of code points.
inline int64_t count_code_points(std::string_view text) {
  int64_t count = 0;
  for (unsigned char byte : text) count += is_lead_byte(byte);
  return count;
}

/// Byte offset of code point `index` (the size when index >= count).
inline size_t byte_offset(std::string_view text, int64_t index) {
  size_t pos = 0;
  for (int64_t seen = 0; pos < text.size(); ++pos) {
    if (is_lead_byte(static_cast<unsigned char>(text[pos]))) {
      if (seen == index) return pos;
      ++seen;
    }
  }
  return text.size();
}

/// Decodes the code point at `pos` and advances past it. Malformed bytes
/// decode as themselves (one byte each), so no input is lost.
inline uint32_t decode(std::string_view text, size_t& pos) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  int length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || pos + static_cast<size_t>(length) > text.size()) {
    ++pos;
    return byte;
  }
  uint32_t code = length == 1 ? byte : byte & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[pos + static_cast<size_t>(k)]);
    if ((next & 0xC0) != 0x80) {
      ++pos;
      return byte;
    }
    code = (code << 6) | (next & 0x3F);
  }
  pos += static_cast<size_t>(length);
  return code;
}

/// Appends the UTF-8 encoding of `code`.
inline void encode(uint32_t code, std::string& out) {
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

/// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or
/// code points above U+10FFFF).
inline bool is_valid(std::string_view text) {
  size_t pos = 0;
  const size_t size = text.size();
  while (pos < size) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      ++pos;
      continue;
    }
    int length;
    uint32_t minimum;
    if ((byte >> 5) == 0x6) {
      length = 2;
      minimum = 0x80;
    } else if ((byte >> 4) == 0xE) {
      length = 3;
      minimum = 0x800;
    } else if ((byte >> 3) == 0x1E) {
      length = 4;
      minimum = 0x10000;
    } else {
      return false;
    }
    if (pos + static_cast<size_t>(length) > size) return false;
    uint32_t code = byte & (0x7F >> length);
    for (int k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[pos + static_cast<size_t>(k)]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    pos += static_cast<size_t>(length);
  }
  return true;
}

}  // namespace strata::compute::internal::utf8
