// The POSIX TZ rule of a TZif footer (RFC 8536 section 3.3, with the version 3
// extensions: rule times from -167 to 167 hours, and quoted names like <+03>).
#include <algorithm>
#include <array>
#include <cctype>

#include "core/internal/zone_rules.hpp"
#include "strata/core/temporal.hpp"

namespace strata::detail {
namespace {

constexpr int64_t kSecondsPerDay = 86400;
// Rule instants are computed for years near the instant asked about; clamping
// the instant keeps the year arithmetic far from int64 overflow (about 30
// million years either way, where the rule is as good as anywhere).
constexpr int64_t kRuleLimitSeconds = int64_t{1} << 50;

class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool done() const { return pos_ == text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  bool accept(char c) {
    if (peek() != c || done()) return false;
    ++pos_;
    return true;
  }

  /// An abbreviation: three or more letters, or <...> of letters, digits, '+' and '-'.
  std::optional<std::string> name() {
    std::string out;
    if (accept('<')) {
      while (!done() && peek() != '>') {
        const char c = peek();
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-') return std::nullopt;
        out += c;
        ++pos_;
      }
      if (!accept('>') || out.empty()) return std::nullopt;
      return out;
    }
    while (std::isalpha(static_cast<unsigned char>(peek()))) out += text_[pos_++];
    if (out.size() < 3) return std::nullopt;
    return out;
  }

  /// An unsigned number of at most `max_digits` digits.
  std::optional<int> number(int max_digits) {
    int value = 0, digits = 0;
    while (std::isdigit(static_cast<unsigned char>(peek()))) {
      if (++digits > max_digits) return std::nullopt;
      value = value * 10 + (text_[pos_++] - '0');
    }
    if (digits == 0) return std::nullopt;
    return value;
  }

  /// [+-]hh[:mm[:ss]] in seconds, hours at most `max_hours`.
  std::optional<int32_t> signed_hms(int max_hours) {
    int sign = 1;
    if (accept('-')) {
      sign = -1;
    } else {
      accept('+');
    }
    const auto hours = number(3);
    if (!hours || *hours > max_hours) return std::nullopt;
    int minutes = 0, seconds = 0;
    if (accept(':')) {
      const auto m = number(2);
      if (!m || *m > 59) return std::nullopt;
      minutes = *m;
      if (accept(':')) {
        const auto s = number(2);
        if (!s || *s > 59) return std::nullopt;
        seconds = *s;
      }
    }
    return sign * (*hours * 3600 + minutes * 60 + seconds);
  }

  std::optional<RuleDate> date() {
    RuleDate date;
    if (accept('J')) {
      const auto day = number(3);
      if (!day || *day < 1 || *day > 365) return std::nullopt;
      date.kind = RuleDate::Kind::JulianNoLeap;
      date.day = *day;
    } else if (accept('M')) {
      const auto month = number(2);
      if (!month || *month < 1 || *month > 12 || !accept('.')) return std::nullopt;
      const auto week = number(1);
      if (!week || *week < 1 || *week > 5 || !accept('.')) return std::nullopt;
      const auto weekday = number(1);
      if (!weekday || *weekday > 6) return std::nullopt;
      date.kind = RuleDate::Kind::MonthWeekDay;
      date.month = *month;
      date.week = *week;
      date.weekday = *weekday;
    } else {
      const auto day = number(3);
      if (!day || *day > 365) return std::nullopt;
      date.kind = RuleDate::Kind::ZeroBasedDay;
      date.day = *day;
    }
    if (accept('/')) {
      const auto time = signed_hms(167);
      if (!time) return std::nullopt;
      date.time = *time;
    }
    return date;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

/// Days since 1970-01-01 of `date` in `year`.
int64_t rule_day(const RuleDate& date, int64_t year) {
  using namespace temporal;
  const int64_t january_first = days_from_civil(year, 1, 1);
  switch (date.kind) {
    case RuleDate::Kind::JulianNoLeap:
      return january_first + date.day - 1 + (is_leap_year(year) && date.day >= 60 ? 1 : 0);
    case RuleDate::Kind::ZeroBasedDay:
      return january_first + date.day;
    case RuleDate::Kind::MonthWeekDay: {
      const auto month = static_cast<unsigned>(date.month);
      const int64_t first = days_from_civil(year, month, 1);
      const int first_weekday = static_cast<int>((weekday_from_days(first) + 1) % 7);  // Sunday = 0
      int64_t day = first + (date.weekday - first_weekday + 7) % 7 + 7 * (date.week - 1);
      const int64_t month_end = first + days_in_month(year, month);
      while (day >= month_end) day -= 7;  // week 5 means the last one
      return day;
    }
  }
  return january_first;
}

struct Change {
  int64_t utc;
  bool to_daylight;
};

/// The rule's changes in years [first_year, last_year], sorted; at equal instants the end of
/// daylight time comes first, so that "daylight all year" rules stay in daylight time.
std::vector<Change> changes_in_years(const PosixRule& rule, int64_t first_year, int64_t last_year) {
  std::vector<Change> changes;
  for (int64_t year = first_year; year <= last_year; ++year) {
    changes.push_back({rule_day(rule.start, year) * kSecondsPerDay + rule.start.time - rule.standard.utoff, true});
    changes.push_back({rule_day(rule.end, year) * kSecondsPerDay + rule.end.time - rule.daylight->utoff, false});
  }
  std::sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) {
    return a.utc != b.utc ? a.utc < b.utc : (!a.to_daylight && b.to_daylight);
  });
  return changes;
}

int64_t year_of(int64_t utc_seconds) {
  return temporal::civil_from_days(temporal::floor_div(utc_seconds, kSecondsPerDay)).year;
}

int64_t clamp_instant(int64_t utc_seconds) {
  return std::clamp(utc_seconds, -kRuleLimitSeconds, kRuleLimitSeconds);
}

}  // namespace

std::optional<PosixRule> parse_posix_rule(std::string_view text) {
  Cursor cursor(text);
  PosixRule rule;
  auto std_name = cursor.name();
  if (!std_name) return std::nullopt;
  const auto std_offset = cursor.signed_hms(24);
  if (!std_offset) return std::nullopt;
  rule.standard = {-*std_offset, false, std::move(*std_name)};
  if (cursor.done()) return rule;

  auto dst_name = cursor.name();
  if (!dst_name) return std::nullopt;
  LocalTimeType daylight{rule.standard.utoff + 3600, true, std::move(*dst_name)};
  if (!cursor.done() && cursor.peek() != ',') {
    const auto dst_offset = cursor.signed_hms(24);
    if (!dst_offset) return std::nullopt;
    daylight.utoff = -*dst_offset;
  }
  rule.daylight = std::move(daylight);
  if (cursor.done()) {
    // No dates: POSIX leaves them to the implementation; the tz reference code uses US rules.
    rule.start = {RuleDate::Kind::MonthWeekDay, 0, 3, 2, 0, 2 * 3600};
    rule.end = {RuleDate::Kind::MonthWeekDay, 0, 11, 1, 0, 2 * 3600};
    return rule;
  }
  if (!cursor.accept(',')) return std::nullopt;
  const auto start = cursor.date();
  if (!start || !cursor.accept(',')) return std::nullopt;
  const auto end = cursor.date();
  if (!end || !cursor.done()) return std::nullopt;
  rule.start = *start;
  rule.end = *end;
  return rule;
}

const LocalTimeType& posix_type_at(const PosixRule& rule, int64_t utc_seconds) {
  if (!rule.daylight) return rule.standard;
  const int64_t t = clamp_instant(utc_seconds);
  const int64_t year = year_of(t + rule.standard.utoff);
  // Rule times reach a week past the year's end, so two years back always holds a change before t.
  bool daylight = false;
  for (const Change& change : changes_in_years(rule, year - 2, year + 1)) {
    if (change.utc > t) break;
    daylight = change.to_daylight;
  }
  return daylight ? *rule.daylight : rule.standard;
}

void append_posix_changes(const PosixRule& rule, int64_t lo, int64_t hi, std::vector<int64_t>& out) {
  if (!rule.daylight || hi <= lo) return;
  lo = clamp_instant(lo);
  hi = clamp_instant(hi);
  for (const Change& change : changes_in_years(rule, year_of(lo) - 2, year_of(hi) + 1)) {
    if (change.utc > lo && change.utc <= hi) out.push_back(change.utc);
  }
}

}  // namespace strata::detail
