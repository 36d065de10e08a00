#pragma once
// IANA time zones read from the system's compiled zone files (TZif, RFC 8536),
// because the standard library in use has no std::chrono time zone database.
// Time-window partitions (daily, hourly, weekly, monthly windows in a zone)
// convert between UTC instants and local wall-clock times through this.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace strata {

/// What to_utc does with a local time that occurs twice (a DST fall-back).
enum class AmbiguousTime { Earliest, Latest };

namespace detail {
struct ZoneRules;
}

class TimeZone {
 public:
  /// UTC (no file needed).
  static TimeZone utc();
  /// An IANA name ("Europe/Paris", "America/New_York", "UTC", "Etc/GMT+5") read from $TZDIR or
  /// /usr/share/zoneinfo, or a fixed offset "+05:30" / "-08:00" / "+0530" / "+05" / "Z".
  /// "UTC" and "Z" need no file.
  /// Throws InvalidInputError naming the zone for unknown names (with the closest known name
  /// when one is near), refused names (empty, "..", absolute, characters other than
  /// [A-Za-z0-9_+-/]) and malformed or truncated files. Loaded zones are cached (thread-safe)
  /// per zone directory, so loading the same zone again is cheap.
  static TimeZone load(const std::string& name);

  /// The name it was loaded by; fixed offsets are named canonically ("+05:30"), "Z" is "UTC".
  const std::string& name() const;
  /// Seconds to add to UTC to get local time, at the instant `utc_seconds` (Unix seconds).
  int32_t offset_at(int64_t utc_seconds) const;
  /// The abbreviation in force then ("EST", "CEST"), or "" when the file gives none.
  std::string abbreviation_at(int64_t utc_seconds) const;
  /// The UTC instant of local wall-clock time `local_seconds` (seconds since 1970-01-01T00:00 in
  /// local civil time). nullopt when that local time does not exist (skipped by a DST gap); for a
  /// time that occurs twice, `choose` picks the earlier or later instant.
  std::optional<int64_t> to_utc(int64_t local_seconds,
                                AmbiguousTime choose = AmbiguousTime::Earliest) const;
  /// Local civil seconds of a UTC instant (utc_seconds + offset_at(utc_seconds)), saturating
  /// at the int64 range.
  int64_t to_local(int64_t utc_seconds) const;

 private:
  explicit TimeZone(std::shared_ptr<const detail::ZoneRules> rules) : rules_(std::move(rules)) {}
  std::shared_ptr<const detail::ZoneRules> rules_;  // immutable, shared by copies and the cache
};

}  // namespace strata
