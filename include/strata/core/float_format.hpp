#pragma once
// Floats as text, the way Python prints them: the shortest text that reads
// back to the same value, fixed notation for magnitudes in [1e-4, 1e16)
// with ".0" on integral values, scientific notation otherwise; "NaN",
// "inf" and "-inf" for the special values. Used by printing, casts to
// string and the CSV writer, so a value looks the same everywhere.
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

namespace strata {

inline constexpr size_t kFloatTextCapacity = 64;

/// Writes `value` into `buffer` (at least kFloatTextCapacity bytes) and
/// returns the text, which may also point at a static string.
template <typename T>
std::string_view format_float(T value, char* buffer) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  const T magnitude = std::fabs(value);
  const bool fixed = magnitude == 0 || (magnitude >= static_cast<T>(1e-4) && magnitude < static_cast<T>(1e16));
  auto result = std::to_chars(buffer, buffer + kFloatTextCapacity - 2, value,
                              fixed ? std::chars_format::fixed : std::chars_format::scientific);
  std::string_view text(buffer, static_cast<size_t>(result.ptr - buffer));
  if (fixed && text.find('.') == std::string_view::npos) {
    *result.ptr++ = '.';
    *result.ptr++ = '0';
    text = std::string_view(buffer, static_cast<size_t>(result.ptr - buffer));
  }
  return text;
}

template <typename T>
std::string format_float(T value) {
  char buffer[kFloatTextCapacity];
  return std::string(format_float(value, buffer));
}

}  // namespace strata
