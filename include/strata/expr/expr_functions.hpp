#pragma once
// The names of ExprKind::Function nodes and how each stores its parameters,
// for the layers that inspect or rewrite expressions (the optimizer,
// group-by). Build these nodes through expr.hpp only.
//
//   name                 inputs              parameters
//   neg, not             x
//   is_null, is_not_null x
//   fill_null            x, value
//   is_in                x                   scalars: the values
//   between              x, low, high        (inclusive both ends)
//   abs, floor, ceil, sqrt, log, exp  x
//   round                x                   integers[0]: decimals
//   pow                  x, exponent
//   str.len_chars, str.len_bytes, str.to_lowercase, str.to_uppercase  x
//   str.contains         x                   strings[0]: pattern; flag: regex
//   str.starts_with, str.ends_with, str.strip, str.split  x  strings[0]
//   str.replace          x                   strings[0]: pattern, strings[1]:
//                                            replacement; flag: regex
//   str.slice            x                   integers[0]: offset,
//                                            integers[1] (optional): length
//   dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.weekday,
//   dt.truncate_day, dt.truncate_month  x
#include <string_view>

namespace strata::expr_functions {

inline constexpr std::string_view kNegate = "neg";
inline constexpr std::string_view kNot = "not";
inline constexpr std::string_view kIsNull = "is_null";
inline constexpr std::string_view kIsNotNull = "is_not_null";
inline constexpr std::string_view kFillNull = "fill_null";
inline constexpr std::string_view kIsIn = "is_in";
inline constexpr std::string_view kBetween = "between";

}  // namespace strata::expr_functions
