#pragma once
// A backfill as run storage keeps it: materializing a selection of
// partitioned assets over many partitions, in one or more runs. The runs
// belong to it through the tag kBackfillTag; each partition's status comes
// from those runs' events.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "strata/orchestrate/value.hpp"

namespace strata {

enum class BackfillStatus { Requested, InProgress, Completed, Failed, Canceled };
const char* backfill_status_name(BackfillStatus status);  // "REQUESTED", "IN_PROGRESS", ...
/// Inverse of backfill_status_name; throws InvalidInputError.
BackfillStatus parse_backfill_status(const std::string& name);
/// Completed, Failed or Canceled: the backfill has ended.
inline bool is_terminal(BackfillStatus status) {
  return status == BackfillStatus::Completed || status == BackfillStatus::Failed || status == BackfillStatus::Canceled;
}

struct BackfillRecord {
  std::string backfill_id;
  std::string selection;                    // the asset selection text
  std::vector<std::string> partition_keys;  // in the order they are run
  /// How partitions are grouped into runs: "per_partition", "batch:N" or "single_run".
  std::string strategy;
  BackfillStatus status = BackfillStatus::Requested;
  Json run_config = Json::object();
  std::map<std::string, std::string> tags;
  /// Set when this backfill retries the failed partitions of another.
  std::string parent_backfill_id;
  int64_t start_time_us = 0;
  int64_t end_time_us = 0;  // 0 while in progress
};

/// The run tag naming the backfill a run belongs to.
inline constexpr const char* kBackfillTag = "strata/backfill";

}  // namespace strata
