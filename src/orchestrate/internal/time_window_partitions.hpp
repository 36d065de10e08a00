#pragma once
// Hourly, daily, weekly and monthly partitions. Windows are computed in the
// local civil time of a time zone ("local seconds": seconds since
// 1970-01-01T00:00 on the local wall clock) and turned into instants only at
// the edges, so that days stay days across daylight-saving changes.
#include <optional>
#include <string>

#include "strata/core/time_zone.hpp"
#include "strata/orchestrate/partitions.hpp"

namespace strata::internal {

enum class Cadence { Hourly, Daily, Weekly, Monthly };

bool is_time_window_kind(const std::string& kind);

class TimeWindowPartitions final : public PartitionsDefinition {
 public:
  TimeWindowPartitions(Cadence cadence, const std::string& start, const TimeWindowOptions& options);

  std::string kind() const override;
  std::string describe() const override;
  std::vector<std::string> keys(const PartitionContext& context) const override;
  bool has_key(const std::string& key, const PartitionContext& context) const override;
  /// Throws InvalidInputError when `key` is not a window start of this cadence.
  std::optional<TimeWindow> time_window(const std::string& key) const override;
  std::vector<std::string> keys_overlapping(const TimeWindow& window, const PartitionContext& context) const;

 private:
  /// The latest window boundary at or before `local`.
  int64_t floor_boundary(int64_t local) const;
  int64_t next_boundary(int64_t boundary) const;
  /// The instant a local time starts; a time skipped by a DST gap starts
  /// when the gap ends.
  int64_t instant_us(int64_t local) const;
  /// Whether the local time `boundary` exists (hourly windows can be skipped).
  bool exists(int64_t boundary) const;
  /// The start of the next existing window.
  int64_t window_end(int64_t boundary) const;
  /// Whether the window starting at `boundary` ends by the end (or by `now`, microseconds).
  bool has_ended(int64_t boundary, int64_t now) const;
  /// Whether the window starting at `boundary` is a partition: not before
  /// the first, existing on the clock, and ended.
  bool is_partition(int64_t boundary, const PartitionContext& context) const;
  static int64_t now_of(const PartitionContext& context);
  /// Local seconds of a key's window start, or nullopt when `key` is not a
  /// well-formed key on a boundary.
  std::optional<int64_t> parse_key(const std::string& key) const;
  std::string format_key(int64_t boundary) const;

  Cadence cadence_;
  TimeZone zone_;
  int week_start_;
  int64_t first_;                // local seconds of the first window's start
  std::optional<int64_t> end_;   // local seconds of the exclusive end
  std::string start_text_;
  std::string end_text_;
};

}  // namespace strata::internal
