#pragma once
// Calendar arithmetic on the proleptic Gregorian calendar, shared by CSV
// parsing, printing and the temporal kernels. Days count from 1970-01-01.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "strata/core/types.hpp"

namespace strata::temporal {

struct CivilDate {
  int64_t year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

int64_t days_from_civil(int64_t year, unsigned month, unsigned day);
CivilDate civil_from_days(int64_t days);
/// 0 = Monday .. 6 = Sunday (ISO order).
unsigned weekday_from_days(int64_t days);
bool is_leap_year(int64_t year);
unsigned days_in_month(int64_t year, unsigned month);

/// floor(a / b) and the matching non-negative remainder, for b > 0.
inline int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
inline int64_t floor_mod(int64_t a, int64_t b) {
  const int64_t r = a % b;
  return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}

/// Parses YYYY-MM-DD. Returns days since the epoch.
std::optional<int32_t> parse_date(std::string_view text);
/// Parses "YYYY-MM-DD[T| ]HH:MM[:SS[.fffffffff]][Z|±HH:MM]" into the given
/// unit. A trailing offset converts to UTC. A bare date is midnight.
std::optional<int64_t> parse_timestamp(std::string_view text, TimeUnit unit);
/// Parses HH:MM[:SS[.fffffffff]] into nanoseconds since midnight.
std::optional<int64_t> parse_time(std::string_view text);

std::string format_date(int64_t days);
std::string format_timestamp(int64_t value, TimeUnit unit);
std::string format_time(int64_t nanoseconds);
std::string format_duration(int64_t value, TimeUnit unit);

}  // namespace strata::temporal
