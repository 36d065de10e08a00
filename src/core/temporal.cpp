#include "strata/core/temporal.hpp"

#include <cstdio>

namespace strata::temporal {

// The day-number conversions use the well-known era-based algorithm for the
// proleptic Gregorian calendar (400-year eras of 146097 days).
int64_t days_from_civil(int64_t year, unsigned month, unsigned day) {
  year -= month <= 2;
  const int64_t era = floor_div(year, 400);
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate civil_from_days(int64_t days) {
  days += 719468;
  const int64_t era = floor_div(days, 146097);
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  const unsigned day = static_cast<unsigned>(day_of_year - (153 * mp + 2) / 5 + 1);
  const unsigned month = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  return {year_of_era + era * 400 + (month <= 2), month, day};
}

unsigned weekday_from_days(int64_t days) {
  // 1970-01-01 was a Thursday (ISO index 3).
  return static_cast<unsigned>(floor_mod(days + 3, 7));
}

bool is_leap_year(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned days_in_month(int64_t year, unsigned month) {
  static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

namespace {

bool read_digits(std::string_view text, size_t& pos, size_t count, int64_t& out) {
  if (pos + count > text.size()) return false;
  int64_t value = 0;
  for (size_t i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += count;
  out = value;
  return true;
}

std::optional<int64_t> parse_date_at(std::string_view text, size_t& pos) {
  int64_t year = 0, month = 0, day = 0;
  if (!read_digits(text, pos, 4, year) || pos >= text.size() || text[pos++] != '-') return std::nullopt;
  if (!read_digits(text, pos, 2, month) || pos >= text.size() || text[pos++] != '-') return std::nullopt;
  if (!read_digits(text, pos, 2, day)) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, static_cast<unsigned>(month)))
    return std::nullopt;
  return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

// HH:MM[:SS[.f{1,9}]] -> nanoseconds.
std::optional<int64_t> parse_time_at(std::string_view text, size_t& pos) {
  int64_t hour = 0, minute = 0, second = 0, fraction = 0;
  if (!read_digits(text, pos, 2, hour) || pos >= text.size() || text[pos++] != ':') return std::nullopt;
  if (!read_digits(text, pos, 2, minute)) return std::nullopt;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!read_digits(text, pos, 2, second)) return std::nullopt;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      int digits = 0;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (digits < 9) fraction = fraction * 10 + (text[pos] - '0');
        ++digits;
        ++pos;
      }
      if (digits == 0) return std::nullopt;
      for (int d = std::min(digits, 9); d < 9; ++d) fraction *= 10;
    }
  }
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return ((hour * 60 + minute) * 60 + second) * 1000000000LL + fraction;
}

}  // namespace

std::optional<int32_t> parse_date(std::string_view text) {
  size_t pos = 0;
  auto days = parse_date_at(text, pos);
  if (!days || pos != text.size()) return std::nullopt;
  return static_cast<int32_t>(*days);
}

std::optional<int64_t> parse_time(std::string_view text) {
  size_t pos = 0;
  auto nanos = parse_time_at(text, pos);
  if (!nanos || pos != text.size()) return std::nullopt;
  return nanos;
}

std::optional<int64_t> parse_timestamp(std::string_view text, TimeUnit unit) {
  size_t pos = 0;
  auto days = parse_date_at(text, pos);
  if (!days) return std::nullopt;
  int64_t nanos_of_day = 0;
  int64_t offset_seconds = 0;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != ' ') return std::nullopt;
    ++pos;
    auto time = parse_time_at(text, pos);
    if (!time) return std::nullopt;
    nanos_of_day = *time;
    if (pos < text.size()) {
      if (text[pos] == 'Z') {
        ++pos;
      } else if (text[pos] == '+' || text[pos] == '-') {
        const int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        int64_t hours = 0, minutes = 0;
        if (!read_digits(text, pos, 2, hours)) return std::nullopt;
        if (pos < text.size() && text[pos] == ':') ++pos;
        if (pos < text.size() && !read_digits(text, pos, 2, minutes)) return std::nullopt;
        offset_seconds = sign * (hours * 3600 + minutes * 60);
      }
    }
    if (pos != text.size()) return std::nullopt;
  }
  const int64_t per_second = units_per_second(unit);
  const int64_t seconds = *days * 86400 + nanos_of_day / 1000000000LL - offset_seconds;
  const int64_t sub = (nanos_of_day % 1000000000LL) / (1000000000LL / per_second);
  return seconds * per_second + sub;
}

std::string format_date(int64_t days) {
  const CivilDate date = civil_from_days(days);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(date.year), date.month, date.day);
  return buffer;
}

namespace {

std::string format_fraction(int64_t sub, TimeUnit unit) {
  if (sub == 0 || unit == TimeUnit::Second) return "";
  const int digits = unit == TimeUnit::Milli ? 3 : unit == TimeUnit::Micro ? 6 : 9;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, ".%0*lld", digits, static_cast<long long>(sub));
  return buffer;
}

}  // namespace

std::string format_time(int64_t nanoseconds) {
  const int64_t seconds = floor_div(nanoseconds, 1000000000LL);
  const int64_t sub = floor_mod(nanoseconds, 1000000000LL);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02lld:%02lld:%02lld", static_cast<long long>(seconds / 3600),
                static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
  return buffer + format_fraction(sub, TimeUnit::Nano);
}

std::string format_timestamp(int64_t value, TimeUnit unit) {
  const int64_t per_second = units_per_second(unit);
  // floor_mod rather than value - seconds * per_second: the product can
  // overflow for values near the ends of the int64 range.
  const int64_t seconds = floor_div(value, per_second);
  const int64_t sub = floor_mod(value, per_second);
  const int64_t days = floor_div(seconds, 86400);
  const int64_t second_of_day = floor_mod(seconds, 86400);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, " %02lld:%02lld:%02lld", static_cast<long long>(second_of_day / 3600),
                static_cast<long long>(second_of_day / 60 % 60), static_cast<long long>(second_of_day % 60));
  return format_date(days) + buffer + format_fraction(sub, unit);
}

std::string format_duration(int64_t value, TimeUnit unit) {
  return std::to_string(value) + time_unit_suffix(unit);
}

}  // namespace strata::temporal
