#include "strata/core/decimal.hpp"

#include <algorithm>

namespace strata::decimal {

Int128 power_of_ten(int exponent) {
  Int128 value = 1;
  for (int i = 0; i < exponent; ++i) value *= 10;
  return value;
}

std::string format(Int128 unscaled, int scale) {
  const bool negative = unscaled < 0;
  // Work with the magnitude as unsigned so that the minimum value is safe.
  unsigned __int128 magnitude = negative ? -static_cast<unsigned __int128>(unscaled)
                                         : static_cast<unsigned __int128>(unscaled);
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  while (static_cast<int>(digits.size()) <= scale) digits.push_back('0');
  std::reverse(digits.begin(), digits.end());
  if (scale > 0) digits.insert(digits.end() - scale, '.');
  return negative ? "-" + digits : digits;
}

std::optional<Int128> parse(std::string_view text, int precision, int scale) {
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) negative = text[pos++] == '-';
  Int128 value = 0;
  int integer_digits = 0, fraction_digits = 0;
  bool any_digit = false, round_up = false;
  for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
    value = value * 10 + (text[pos] - '0');
    if (value != 0) ++integer_digits;
    any_digit = true;
    if (integer_digits > precision - scale) return std::nullopt;
  }
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
      any_digit = true;
      if (fraction_digits < scale) {
        value = value * 10 + (text[pos] - '0');
        ++fraction_digits;
      } else if (fraction_digits == scale) {
        round_up = text[pos] >= '5';
        ++fraction_digits;
      }
    }
  }
  if (!any_digit || pos != text.size()) return std::nullopt;
  for (int i = std::min(fraction_digits, scale); i < scale; ++i) value *= 10;
  if (round_up) value += 1;
  if (value > max_for_precision(precision)) return std::nullopt;
  return negative ? -value : value;
}

}  // namespace strata::decimal
