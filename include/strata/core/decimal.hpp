#pragma once
// Decimal values are 128-bit integers scaled by 10^scale.
#include <optional>
#include <string>
#include <string_view>

#include "strata/core/scalar.hpp"

namespace strata::decimal {

/// 10^exponent for 0 <= exponent <= 38.
Int128 power_of_ten(int exponent);
/// "-123.4500" for unscaled -1234500 at scale 4.
std::string format(Int128 unscaled, int scale);
/// Parses "[-+]digits[.digits]" to an unscaled value at `scale`, rounding
/// half away from zero; nullopt when malformed or beyond `precision` digits.
std::optional<Int128> parse(std::string_view text, int precision, int scale);
/// Largest absolute unscaled value with `precision` digits.
inline Int128 max_for_precision(int precision) { return power_of_ten(precision) - 1; }

}  // namespace strata::decimal
