#include "io/csv/utf8_validation.hpp"

#include <cstdint>
#include <cstring>

namespace strata::csv {

namespace {

// Length of the well-formed sequence starting at text[pos], or 0 when the
// bytes there are not valid UTF-8 (Unicode table 3-7).
size_t sequence_length(std::string_view text, size_t pos) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
  const uint8_t lead = byte(pos);
  const size_t remaining = text.size() - pos;
  const auto continuation = [&](size_t i, uint8_t low = 0x80, uint8_t high = 0xBF) {
    return byte(pos + i) >= low && byte(pos + i) <= high;
  };
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return remaining >= 2 && continuation(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (remaining < 3) return 0;
    const uint8_t low = lead == 0xE0 ? 0xA0 : 0x80;   // no overlong forms
    const uint8_t high = lead == 0xED ? 0x9F : 0xBF;  // no surrogates
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (remaining < 4) return 0;
    const uint8_t low = lead == 0xF0 ? 0x90 : 0x80;   // no overlong forms
    const uint8_t high = lead == 0xF4 ? 0x8F : 0xBF;  // at most U+10FFFF
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

bool is_ascii_word(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, 8);
  return (word & 0x8080808080808080ULL) == 0;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (pos + 8 <= text.size() && is_ascii_word(text.data() + pos)) {
      pos += 8;
      continue;
    }
    const size_t length = sequence_length(text, pos);
    if (length == 0) return false;
    pos += length;
  }
  return true;
}

void append_utf8_lossy(std::string_view text, std::string& out) {
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t length = sequence_length(text, pos);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++pos;
    } else {
      out.append(text.data() + pos, length);
      pos += length;
    }
  }
}

}  // namespace strata::csv
