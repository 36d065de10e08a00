#pragma once
// Parsing single values from text, shared by the CSV reader and the
// string -> number/bool casts. Every function takes the exact text of one
// value (no surrounding whitespace is skipped), never allocates and never
// throws; failure, including overflow, is std::nullopt.
//
// Dates, times and timestamps are parsed by strata::temporal::parse_date,
// parse_time and parse_timestamp (core/temporal.hpp); decimals by
// strata::decimal::parse (core/decimal.hpp).
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <type_traits>

namespace strata {

namespace value_parse_detail {

// Base-10 digits as a uint64; nullopt when empty, on a non-digit, or on
// overflow. Inline: readers call it once per field.
inline std::optional<uint64_t> parse_magnitude(const char* begin, const char* end) {
  if (begin == end) return std::nullopt;
  uint64_t value = 0;
  // Up to 19 digits cannot overflow a uint64 (10^19 - 1 < 2^64).
  const char* fast_end = end - begin > 19 ? begin + 19 : end;
  const char* p = begin;
  for (; p < fast_end; ++p) {
    const unsigned digit = static_cast<unsigned char>(*p) - unsigned{'0'};
    if (digit > 9) return std::nullopt;
    value = value * 10 + digit;
  }
  for (; p < end; ++p) {
    const unsigned digit = static_cast<unsigned char>(*p) - unsigned{'0'};
    if (digit > 9) return std::nullopt;
    if (__builtin_mul_overflow(value, uint64_t{10}, &value) ||
        __builtin_add_overflow(value, uint64_t{digit}, &value))
      return std::nullopt;
  }
  return value;
}

}  // namespace value_parse_detail

/// "[+-]digits" in base 10 (leading zeros allowed: "007" is 7). Nullopt when
/// empty, when any other character appears, or when the value does not fit
/// in int64 (so "-9223372036854775808" parses, "9223372036854775808" fails).
inline std::optional<int64_t> parse_int64(std::string_view text) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  bool negative = false;
  if (begin != end && (*begin == '-' || *begin == '+')) {
    negative = *begin == '-';
    ++begin;
  }
  const auto magnitude = value_parse_detail::parse_magnitude(begin, end);
  if (!magnitude) return std::nullopt;
  constexpr uint64_t kMaxPositive = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (negative) {
    if (*magnitude > kMaxPositive + 1) return std::nullopt;
    // Negate in unsigned arithmetic: well defined even for 2^63.
    return static_cast<int64_t>(uint64_t{0} - *magnitude);
  }
  if (*magnitude > kMaxPositive) return std::nullopt;
  return static_cast<int64_t>(*magnitude);
}

/// "[+]digits" in base 10 up to 18446744073709551615. A minus sign fails,
/// even on "-0".
inline std::optional<uint64_t> parse_uint64(std::string_view text) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') ++begin;
  return value_parse_detail::parse_magnitude(begin, end);
}

/// A decimal or scientific floating-point number ("1", "-2.5", "1e-3",
/// ".5", "5."), an optional leading '+', or inf / infinity / nan with an
/// optional sign, in any letter case. Correctly rounded. Magnitudes beyond
/// the double range give ±inf, below it ±0 (as strtod does). Hexadecimal
/// floats are not accepted.
std::optional<double> parse_float64(std::string_view text);

/// Same grammar as parse_float64, rounded once, directly to float.
std::optional<float> parse_float32(std::string_view text);

/// "true" or "false" in any letter case; nothing else ("T", "1", "yes" fail).
std::optional<bool> parse_bool(std::string_view text);

/// An integer of type T (any of int8..int64, uint8..uint64) with the grammar
/// of parse_int64 / parse_uint64; nullopt when out of T's range.
template <typename T>
std::optional<T> parse_integer(std::string_view text) {
  static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>);
  if constexpr (std::is_signed_v<T>) {
    const auto value = parse_int64(text);
    if (!value || *value < std::numeric_limits<T>::min() || *value > std::numeric_limits<T>::max())
      return std::nullopt;
    return static_cast<T>(*value);
  } else {
    const auto value = parse_uint64(text);
    if (!value || *value > std::numeric_limits<T>::max()) return std::nullopt;
    return static_cast<T>(*value);
  }
}

}  // namespace strata
