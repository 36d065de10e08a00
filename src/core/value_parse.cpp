#include "strata/core/value_parse.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <system_error>

namespace strata {

namespace {

bool equals_ignoring_case(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// from_chars reports out-of-range without a value; strtod gives the IEEE
// result (±inf or ±0 / a subnormal). Only reached for syntactically valid
// numbers, so the text is short in practice; longer inputs are rejected
// rather than allocating.
template <typename T>
std::optional<T> parse_out_of_range(std::string_view text) {
  char buffer[256];
  if (text.size() >= sizeof buffer) return std::nullopt;
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  if constexpr (std::is_same_v<T, float>) return std::strtof(buffer, nullptr);
  else return std::strtod(buffer, nullptr);
}

template <typename T>
std::optional<T> parse_floating(std::string_view text) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  // from_chars rejects a leading '+'; accept it, but not "+-1" or "++1".
  if (begin != end && *begin == '+') {
    ++begin;
    if (begin != end && (*begin == '-' || *begin == '+')) return std::nullopt;
  }
  if (begin == end) return std::nullopt;
  T value{};
  const auto result = std::from_chars(begin, end, value, std::chars_format::general);
  if (result.ptr != end) return std::nullopt;
  if (result.ec == std::errc::result_out_of_range) return parse_out_of_range<T>(text);
  if (result.ec != std::errc()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<double> parse_float64(std::string_view text) { return parse_floating<double>(text); }

std::optional<float> parse_float32(std::string_view text) { return parse_floating<float>(text); }

std::optional<bool> parse_bool(std::string_view text) {
  if (equals_ignoring_case(text, "true")) return true;
  if (equals_ignoring_case(text, "false")) return false;
  return std::nullopt;
}

}  // namespace strata
