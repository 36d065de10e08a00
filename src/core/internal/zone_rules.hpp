#pragma once
// The immutable rules of one time zone, as read from a TZif file (RFC 8536):
// a table of transitions and, for instants after the last one, the POSIX TZ
// rule of the file's footer.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::detail {

struct LocalTimeType {
  int32_t utoff = 0;  // seconds east of UTC
  bool is_dst = false;
  std::string abbreviation;
};

/// A day of the year in a POSIX TZ rule: "Jn", "n" or "Mm.w.d", with its "/time".
struct RuleDate {
  enum class Kind { JulianNoLeap, ZeroBasedDay, MonthWeekDay };
  Kind kind = Kind::MonthWeekDay;
  int day = 0;      // Jn: 1..365 (February 29 never counted); n: 0..365
  int month = 0;    // Mm.w.d: 1..12
  int week = 0;     // 1..5, 5 = the last such weekday of the month
  int weekday = 0;  // 0 = Sunday .. 6
  int32_t time = 2 * 3600;  // local seconds after midnight, -167h..167h
};

/// "std offset [dst [offset] [,start[/time],end[/time]]]".
struct PosixRule {
  LocalTimeType standard;
  std::optional<LocalTimeType> daylight;  // absent: standard time all year
  RuleDate start;  // when daylight time begins (in standard local time)
  RuleDate end;    // when it ends (in daylight local time)
};

/// nullopt when `text` does not follow the grammar.
std::optional<PosixRule> parse_posix_rule(std::string_view text);
/// The local time type `rule` gives at a UTC instant.
const LocalTimeType& posix_type_at(const PosixRule& rule, int64_t utc_seconds);
/// Appends the UTC instants in (lo, hi] at which `rule` switches type.
void append_posix_changes(const PosixRule& rule, int64_t lo, int64_t hi, std::vector<int64_t>& out);

struct ZoneRules {
  std::string name;
  std::vector<int64_t> transition_times;   // strictly ascending, UTC
  std::vector<uint8_t> transition_types;   // index into `types`, one per transition
  std::vector<LocalTimeType> types;        // never empty
  std::optional<PosixRule> footer;         // for instants after the last transition

  const LocalTimeType& type_at(int64_t utc_seconds) const;
  /// The UTC instants in (lo, hi] at which the local time type may change.
  std::vector<int64_t> changes_between(int64_t lo, int64_t hi) const;
};

/// Parses a TZif file (versions 1 to 4). Throws std::invalid_argument saying what is wrong;
/// the caller adds the zone's name and file.
ZoneRules parse_tzif(std::string_view bytes);

/// Largest |utoff| accepted, so that every instant of a local time lies within it of that time.
inline constexpr int32_t kMaxUtcOffset = 26 * 3600;

}  // namespace strata::detail
