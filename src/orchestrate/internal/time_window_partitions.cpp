#include "orchestrate/internal/time_window_partitions.hpp"

#include <cstdio>

#include "strata/core/error.hpp"
#include "strata/core/temporal.hpp"
#include "strata/orchestrate/events.hpp"

namespace strata::internal {

namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kMicros = 1000000;

const char* cadence_name(Cadence cadence) {
  switch (cadence) {
    case Cadence::Hourly: return "hourly";
    case Cadence::Daily: return "daily";
    case Cadence::Weekly: return "weekly";
    case Cadence::Monthly: return "monthly";
  }
  return "daily";
}

/// Parses "YYYY-MM-DD", optionally followed by "-HH:MM", " HH:MM" or
/// "THH:MM[:SS]", into local seconds.
std::optional<int64_t> parse_local_time(const std::string& text) {
  if (text.size() < 10) return std::nullopt;
  const std::optional<int32_t> days = temporal::parse_date(text.substr(0, 10));
  if (!days) return std::nullopt;
  int64_t seconds = static_cast<int64_t>(*days) * kDay;
  if (text.size() == 10) return seconds;
  const char separator = text[10];
  if (separator != '-' && separator != ' ' && separator != 'T') return std::nullopt;
  const std::optional<int64_t> nanos = temporal::parse_time(text.substr(11));
  if (!nanos || *nanos % 1000000000 != 0) return std::nullopt;
  return seconds + *nanos / 1000000000;
}

int sunday_based_weekday(int64_t days) { return static_cast<int>((temporal::weekday_from_days(days) + 1) % 7); }

}  // namespace

bool is_time_window_kind(const std::string& kind) {
  return kind == "hourly" || kind == "daily" || kind == "weekly" || kind == "monthly";
}

TimeWindowPartitions::TimeWindowPartitions(Cadence cadence, const std::string& start, const TimeWindowOptions& options)
    : cadence_(cadence),
      zone_(TimeZone::load(options.timezone)),
      week_start_(options.week_start),
      start_text_(start),
      end_text_(options.end) {
  const std::string what = std::string(cadence_name(cadence)) + " partitions";
  if (week_start_ < 0 || week_start_ > 6)
    throw InvalidInputError(what + ": week_start must be 0 (Sunday) to 6 (Saturday), not " + std::to_string(week_start_));
  const std::optional<int64_t> parsed_start = parse_local_time(start);
  if (!parsed_start)
    throw InvalidInputError(what + ": start '" + start + "' is not a date like 2024-01-31" +
                            (cadence == Cadence::Hourly ? " or a time like 2024-01-31-06:00" : ""));
  const int64_t floor = floor_boundary(*parsed_start);
  first_ = floor == *parsed_start ? floor : next_boundary(floor);
  if (!options.end.empty()) {
    end_ = parse_local_time(options.end);
    if (!end_) throw InvalidInputError(what + ": end '" + options.end + "' is not a date like 2025-01-01");
    if (*end_ < next_boundary(first_))
      throw InvalidInputError(what + ": end '" + options.end + "' leaves no complete window after start '" + start +
                              "'");
  }
}

std::string TimeWindowPartitions::kind() const { return cadence_name(cadence_); }

std::string TimeWindowPartitions::describe() const {
  std::string text = std::string(cadence_name(cadence_)) + " from " + format_key(first_);
  if (!end_text_.empty()) text += " to " + end_text_;
  text += " (" + zone_.name();
  if (cadence_ == Cadence::Weekly && week_start_ != 0) text += ", weeks start on day " + std::to_string(week_start_);
  return text + ")";
}

int64_t TimeWindowPartitions::floor_boundary(int64_t local) const {
  const int64_t days = temporal::floor_div(local, kDay);
  switch (cadence_) {
    case Cadence::Hourly: return temporal::floor_div(local, 3600) * 3600;
    case Cadence::Daily: return days * kDay;
    case Cadence::Weekly: return (days - (sunday_based_weekday(days) - week_start_ + 7) % 7) * kDay;
    case Cadence::Monthly: {
      const temporal::CivilDate date = temporal::civil_from_days(days);
      return temporal::days_from_civil(date.year, date.month, 1) * kDay;
    }
  }
  return local;
}

int64_t TimeWindowPartitions::next_boundary(int64_t boundary) const {
  switch (cadence_) {
    case Cadence::Hourly: return boundary + 3600;
    case Cadence::Daily: return boundary + kDay;
    case Cadence::Weekly: return boundary + 7 * kDay;
    case Cadence::Monthly: {
      const temporal::CivilDate date = temporal::civil_from_days(temporal::floor_div(boundary, kDay));
      const int64_t year = date.year + (date.month == 12 ? 1 : 0);
      const unsigned month = date.month == 12 ? 1 : date.month + 1;
      return temporal::days_from_civil(year, month, 1) * kDay;
    }
  }
  return boundary;
}

int64_t TimeWindowPartitions::instant_us(int64_t local) const {
  // A gap lasts at most a few hours and ends on a whole minute: the first
  // local minute that exists is where it ends.
  for (int64_t shift = 0; shift <= 6 * 3600; shift += 60)
    if (std::optional<int64_t> utc = zone_.to_utc(local + shift, AmbiguousTime::Earliest)) return *utc * kMicros;
  throw InvalidInputError("local time " + format_key(local) + " does not exist in time zone " + zone_.name());
}

bool TimeWindowPartitions::exists(int64_t boundary) const {
  // An hour skipped by a daylight-saving jump is no partition.
  return cadence_ != Cadence::Hourly || zone_.to_utc(boundary).has_value();
}

int64_t TimeWindowPartitions::window_end(int64_t boundary) const {
  // The window ends where the next partition starts, so that windows tile
  // time even around a skipped hour (30 minutes in some zones).
  int64_t next = next_boundary(boundary);
  while (!exists(next)) next = next_boundary(next);
  return next;
}

bool TimeWindowPartitions::has_ended(int64_t boundary, int64_t now) const {
  return end_ ? next_boundary(boundary) <= *end_ : instant_us(window_end(boundary)) <= now;
}

bool TimeWindowPartitions::is_partition(int64_t boundary, const PartitionContext& context) const {
  return boundary >= first_ && exists(boundary) && has_ended(boundary, now_of(context));
}

std::string TimeWindowPartitions::format_key(int64_t boundary) const {
  const int64_t days = temporal::floor_div(boundary, kDay);
  std::string text = temporal::format_date(days);
  if (cadence_ == Cadence::Hourly) {
    const int64_t seconds = boundary - days * kDay;
    char buffer[16];
    std::snprintf(buffer, sizeof(buffer), "-%02d:%02d", static_cast<int>(seconds / 3600),
                  static_cast<int>(seconds % 3600 / 60));
    text += buffer;
  }
  return text;
}

std::optional<int64_t> TimeWindowPartitions::parse_key(const std::string& key) const {
  const size_t expected = cadence_ == Cadence::Hourly ? 16 : 10;
  if (key.size() != expected || (cadence_ == Cadence::Hourly && key[10] != '-')) return std::nullopt;
  const std::optional<int64_t> local = parse_local_time(key);
  if (!local || floor_boundary(*local) != *local || format_key(*local) != key) return std::nullopt;
  return local;
}

std::vector<std::string> TimeWindowPartitions::keys(const PartitionContext& context) const {
  std::vector<std::string> out;
  const int64_t now = now_of(context);
  for (int64_t boundary = first_; has_ended(boundary, now); boundary = next_boundary(boundary))
    if (exists(boundary)) out.push_back(format_key(boundary));
  return out;
}

bool TimeWindowPartitions::has_key(const std::string& key, const PartitionContext& context) const {
  const std::optional<int64_t> local = parse_key(key);
  return local && is_partition(*local, context);
}

std::optional<TimeWindow> TimeWindowPartitions::time_window(const std::string& key) const {
  const std::optional<int64_t> local = parse_key(key);
  if (!local || !exists(*local)) throw InvalidInputError("'" + key + "' is not a window of " + describe());
  return TimeWindow{instant_us(*local), instant_us(window_end(*local))};
}

std::vector<std::string> TimeWindowPartitions::keys_overlapping(const TimeWindow& window,
                                                               const PartitionContext& context) const {
  std::vector<std::string> out;
  const int64_t now = now_of(context);
  const int64_t start_seconds = temporal::floor_div(window.start_us, kMicros);
  int64_t boundary = std::max(first_, floor_boundary(zone_.to_local(start_seconds)));
  for (; has_ended(boundary, now) && instant_us(boundary) < window.end_us; boundary = next_boundary(boundary))
    if (exists(boundary) && instant_us(window_end(boundary)) > window.start_us) out.push_back(format_key(boundary));
  return out;
}

int64_t TimeWindowPartitions::now_of(const PartitionContext& context) {
  return context.now_us != 0 ? context.now_us : now_us();
}

}  // namespace strata::internal

namespace strata {

namespace {

PartitionsPtr make_time_window(internal::Cadence cadence, const std::string& start, const TimeWindowOptions& options) {
  return std::make_shared<internal::TimeWindowPartitions>(cadence, start, options);
}

}  // namespace

PartitionsPtr hourly_partitions(const std::string& start, const TimeWindowOptions& options) {
  return make_time_window(internal::Cadence::Hourly, start, options);
}
PartitionsPtr daily_partitions(const std::string& start, const TimeWindowOptions& options) {
  return make_time_window(internal::Cadence::Daily, start, options);
}
PartitionsPtr weekly_partitions(const std::string& start, const TimeWindowOptions& options) {
  return make_time_window(internal::Cadence::Weekly, start, options);
}
PartitionsPtr monthly_partitions(const std::string& start, const TimeWindowOptions& options) {
  return make_time_window(internal::Cadence::Monthly, start, options);
}

std::vector<std::string> keys_overlapping(const PartitionsDefinition& definition, const TimeWindow& window,
                                          const PartitionContext& context) {
  const auto* time_windows = dynamic_cast<const internal::TimeWindowPartitions*>(&definition);
  if (!time_windows) throw InvalidInputError(definition.describe() + " has no time windows");
  return time_windows->keys_overlapping(window, context);
}

}  // namespace strata
