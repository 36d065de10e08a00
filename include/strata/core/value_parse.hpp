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

/// "[+-]digits" in base 10 (leading zeros allowed: "007" is 7). Nullopt when
/// empty, when any other character appears, or when the value does not fit
/// in int64 (so "-9223372036854775808" parses, "9223372036854775808" fails).
std::optional<int64_t> parse_int64(std::string_view text);

/// "[+]digits" in base 10 up to 18446744073709551615. A minus sign fails,
/// even on "-0".
std::optional<uint64_t> parse_uint64(std::string_view text);

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
