// str.to_lowercase / str.to_uppercase: simple one-to-one case mapping (the
// coverage is listed in string_functions.hpp).
#include "compute/internal/string_kernel_support.hpp"
#include "compute/internal/utf8.hpp"
#include "strata/core/builder.hpp"

namespace strata::compute {

namespace {

uint32_t lower_code_point(uint32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;           // Latin-1
  if (c == 0x130) return 'i';                                        // dotted capital I
  if (c >= 0x100 && c <= 0x137 && c != 0x131) return c % 2 == 0 ? c + 1 : c;
  if (c >= 0x139 && c <= 0x148) return c % 2 == 1 ? c + 1 : c;
  if (c >= 0x14A && c <= 0x177) return c % 2 == 0 ? c + 1 : c;
  if (c == 0x178) return 0xFF;
  if (c >= 0x179 && c <= 0x17E) return c % 2 == 1 ? c + 1 : c;
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;        // Greek
  if (c >= 0x410 && c <= 0x42F) return c + 32;                       // Cyrillic
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

uint32_t upper_code_point(uint32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z' ? c - 32 : c;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
  if (c == 0xFF) return 0x178;
  if (c == 0x131) return 'I';                                        // dotless small i
  if (c == 0x17F) return 'S';                                        // long s
  if (c >= 0x101 && c <= 0x137) return c % 2 == 1 ? c - 1 : c;
  if (c >= 0x13A && c <= 0x148) return c % 2 == 0 ? c - 1 : c;
  if (c >= 0x14B && c <= 0x177) return c % 2 == 1 ? c - 1 : c;
  if (c >= 0x17A && c <= 0x17E) return c % 2 == 0 ? c - 1 : c;
  if (c == 0x3C2) return 0x3A3;                                      // final sigma
  if (c >= 0x3B1 && c <= 0x3C9) return c - 32;
  if (c >= 0x430 && c <= 0x44F) return c - 32;
  if (c >= 0x450 && c <= 0x45F) return c - 80;
  return c;
}

template <bool Lower>
Array map_case(const Array& strings) {
  StringBuilder builder;
  builder.reserve(strings.length());
  std::string scratch;
  for (int64_t i = 0; i < strings.length(); ++i) {
    if (strings.is_null(i)) {
      builder.append_null();
      continue;
    }
    const std::string_view text = strings.string_at(i);
    // Most strings are ASCII and many are already in the target case: those
    // are shared, not copied.
    bool ascii = true, changes = false;
    for (unsigned char byte : text) {
      ascii &= byte < 0x80;
      changes |= Lower ? (byte >= 'A' && byte <= 'Z') : (byte >= 'a' && byte <= 'z');
    }
    if (ascii && !changes) {
      builder.append_view_from(strings, i);
      continue;
    }
    scratch.clear();
    if (ascii) {
      for (char c : text) scratch.push_back(static_cast<char>(Lower ? lower_code_point(static_cast<unsigned char>(c))
                                                                     : upper_code_point(static_cast<unsigned char>(c))));
    } else {
      for (size_t pos = 0; pos < text.size();) {
        const size_t begin = pos;
        const uint32_t code = internal::utf8::decode(text, pos);
        const uint32_t mapped = Lower ? lower_code_point(code) : upper_code_point(code);
        if (mapped == code) scratch.append(text.substr(begin, pos - begin));  // keeps malformed bytes as they are
        else internal::utf8::encode(mapped, scratch);
      }
    }
    builder.append(std::string_view(scratch));
  }
  return builder.finish();
}

}  // namespace

Array str_to_lowercase(const Array& input) {
  return internal::run_string_kernel(StringFunction::ToLowercase, input, map_case<true>);
}

Array str_to_uppercase(const Array& input) {
  return internal::run_string_kernel(StringFunction::ToUppercase, input, map_case<false>);
}

}  // namespace strata::compute
