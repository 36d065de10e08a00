#pragma once
// Partitions split an asset into slices materialized separately: one per
// day, per region, per customer. A partitions definition lists the keys:
//
//   defs.asset("sales/daily", ...).partitions(daily_partitions("2024-01-01", {.timezone = "Europe/Paris"}));
//   defs.asset("sales/by_region", ...).partitions(static_partitions({"eu", "us", "apac"}));
//   defs.asset("sales/grid", ...)
//       .partitions(multi_partitions({{"date", daily_partitions("2024-01-01")}, {"region", regions}}));
//   defs.asset("customers/report", ...).partitions(dynamic_partitions("customers"));
//
// Key formats: hourly "2024-01-31-13:00", daily, weekly and monthly
// "2024-01-31" (the first day of the window, in local time), multi-partition
// keys join their dimensions' keys with "|" in declared order
// ("2024-01-31|eu"). Static and dynamic keys may not be empty, nor hold
// '|', ',', '[', ']', '*', "..." or control characters (they appear in
// step keys, selections and ranges).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace strata {

class RunStorage;

/// A half-open interval of instants [start, end), microseconds since the Unix epoch (UTC).
struct TimeWindow {
  int64_t start_us = 0;
  int64_t end_us = 0;
  bool operator==(const TimeWindow&) const = default;
};

/// What keys depend on besides the definition: dynamic sets are kept in
/// run storage, and time windows without an end stop at the last window
/// that has ended by `now_us`.
struct PartitionContext {
  const RunStorage* storage = nullptr;
  int64_t now_us = 0;  // 0: the current time
};

class PartitionsDefinition {
 public:
  virtual ~PartitionsDefinition() = default;
  /// "static", "hourly", "daily", "weekly", "monthly", "multi" or "dynamic".
  virtual std::string kind() const = 0;
  /// One line for listings; two definitions are equal when their descriptions are.
  virtual std::string describe() const = 0;
  /// Every key in order.
  virtual std::vector<std::string> keys(const PartitionContext& context) const = 0;
  /// Whether `key` is one of keys(context).
  virtual bool has_key(const std::string& key, const PartitionContext& context) const;
  /// The time window of `key` (time-window partitions, or the time dimension
  /// of a multi-partition); nullopt for other kinds.
  virtual std::optional<TimeWindow> time_window(const std::string& key) const;

  /// Throws InvalidInputError when `key` is not a key, naming the closest one.
  void validate_key(const std::string& key, const PartitionContext& context) const;
  /// validate_key for each of `keys`, in order. Kinds whose has_key lists
  /// every key (dynamic partitions: a storage read) list them once instead.
  virtual void validate_keys(const std::vector<std::string>& keys, const PartitionContext& context) const;
  /// The keys from `first` to `last`, both included, in order. Throws
  /// InvalidInputError for an unknown key or a range whose first key comes after its last.
  std::vector<std::string> key_range(const std::string& first, const std::string& last,
                                     const PartitionContext& context) const;
  bool equals(const PartitionsDefinition& other) const { return describe() == other.describe(); }
};

using PartitionsPtr = std::shared_ptr<const PartitionsDefinition>;

/// A fixed list of keys. Throws InvalidInputError for a bad or repeated key.
PartitionsPtr static_partitions(std::vector<std::string> keys);

struct TimeWindowOptions {
  /// An IANA time zone ("Europe/Paris"), "UTC", or a fixed offset "+05:30".
  std::string timezone = "UTC";
  /// Exclusive end: the last partition is the last window ending at or
  /// before it ("2025-01-01"). Empty: the last window that has ended by now.
  std::string end{};
  /// Weekly partitions: the day a week starts, 0 = Sunday ... 6 = Saturday.
  int week_start = 0;
};

/// Time-window partitions from `start` ("2024-01-01", or "2024-01-01-06:00"
/// for hourly), in local time of the options' time zone. A start that is not
/// on a window boundary begins at the next boundary. Local times skipped by
/// a daylight-saving change have no hourly partition; an hour repeated by
/// one belongs to the same partition (which then lasts two hours). Throws
/// InvalidInputError for a malformed start or end, an unknown time zone, or
/// an end before the start.
PartitionsPtr hourly_partitions(const std::string& start, const TimeWindowOptions& options = {});
PartitionsPtr daily_partitions(const std::string& start, const TimeWindowOptions& options = {});
PartitionsPtr weekly_partitions(const std::string& start, const TimeWindowOptions& options = {});
PartitionsPtr monthly_partitions(const std::string& start, const TimeWindowOptions& options = {});

/// The combinations of two or more named dimensions (first dimension
/// major). At most one dimension may be time-windowed; it gives the window.
/// Dimensions may not themselves be multi-partitioned.
PartitionsPtr multi_partitions(std::vector<std::pair<std::string, PartitionsPtr>> dimensions);

/// Keys added at run time (StepContext::add_dynamic_partitions, the CLI's
/// `partitions add NAME KEY...`), kept in run storage under `name`.
PartitionsPtr dynamic_partitions(const std::string& name);

// ---- Inspection, for mappings and listings

/// The dimensions of a multi-partitions definition (empty for other kinds).
const std::vector<std::pair<std::string, PartitionsPtr>>& partition_dimensions(const PartitionsDefinition& definition);
/// Splits a multi-partition key into its dimensions' keys ("a|b" -> {"a", "b"}).
std::vector<std::string> split_multi_key(const std::string& key);
/// The name of a dynamic partitions definition ("" for other kinds).
std::string dynamic_partitions_name(const PartitionsDefinition& definition);
/// The keys of a time-window definition whose windows overlap [start_us, end_us), in order.
std::vector<std::string> keys_overlapping(const PartitionsDefinition& definition, const TimeWindow& window,
                                          const PartitionContext& context);
/// Throws InvalidInputError when `key` cannot be a static or dynamic partition key.
void check_partition_key_text(const std::string& key);

}  // namespace strata
