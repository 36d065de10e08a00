#pragma once
// Backfills: materializing a selection of partitioned assets over many
// partitions. The partitions are grouped into runs by a strategy — one run
// per partition, runs of N partitions, or one run for them all — and the
// runs execute one after another, each with the executor of the options
// (a multiprocess executor runs a run's partition steps in parallel).
//
// The backfill is recorded in run storage before its first run, its runs
// carry the tag kBackfillTag, and each partition's status is derived from
// those runs, so that `backfill show` works while it runs and afterwards,
// and retry_failed_partitions starts a new backfill of what failed.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "strata/orchestrate/backfill_record.hpp"
#include "strata/orchestrate/run_launcher.hpp"

namespace strata {

class BackfillStrategy {
 public:
  enum class Kind { PerPartition, Batched, SingleRun };
  static BackfillStrategy per_partition() { return BackfillStrategy(Kind::PerPartition, 1); }
  /// Runs of `size` partitions (the last may be smaller). Throws InvalidInputError for size < 1.
  static BackfillStrategy batches(int size);
  static BackfillStrategy single_run() { return BackfillStrategy(Kind::SingleRun, 0); }
  /// "per_partition", "batch:N" or "single_run" (also accepted: "per-partition",
  /// "single-run", "batch=N"). Throws InvalidInputError naming the forms.
  static BackfillStrategy parse(const std::string& text);

  Kind kind() const { return kind_; }
  std::string name() const;
  /// `keys` cut into the runs of this strategy.
  std::vector<std::vector<std::string>> split(const std::vector<std::string>& keys) const;

 private:
  BackfillStrategy(Kind kind, int size) : kind_(kind), size_(size) {}
  Kind kind_;
  int size_;
};

enum class PartitionRunState { Pending, InProgress, Succeeded, Failed };
const char* partition_run_state_name(PartitionRunState state);  // "PENDING", "IN_PROGRESS", "SUCCEEDED", "FAILED"

struct BackfillPartition {
  std::string key;
  PartitionRunState state = PartitionRunState::Pending;
  std::string run_id;  // the latest run that included it ("" while pending)
};

struct BackfillProgress {
  const BackfillRecord* backfill = nullptr;
  int runs_done = 0;
  int runs_total = 0;
  int partitions_succeeded = 0;
  int partitions_failed = 0;
  int partitions_total = 0;
  const RunResult* last_run = nullptr;  // the run that just ended
};

struct BackfillOptions {
  /// Unset: one run per partition (a retry: the parent's strategy).
  std::optional<BackfillStrategy> strategy{};
  /// Executor, run config, tags, listeners, cancellation and batching for
  /// every run (run_id and partitions are set per run).
  RunOptions run{};
  /// Generated when empty.
  std::string backfill_id{};
  /// Called after each run.
  std::function<void(const BackfillProgress&)> on_progress{};
};

struct BackfillResult {
  BackfillRecord backfill;
  std::vector<RunResult> runs;
  std::vector<BackfillPartition> partitions;
  bool success() const { return backfill.status == BackfillStatus::Completed; }
};

/// Runs a backfill of `selection` over `partition_keys` (in that order).
/// The selection, keys and config are checked before anything is recorded
/// (InvalidInputError, ConfigError); failures of runs are reported in the
/// result, and later runs still go on. Cancellation stops before the next run.
BackfillResult backfill(const Definitions& definitions, Instance& instance, const std::string& selection,
                        const std::vector<std::string>& partition_keys, BackfillOptions options = {});

/// A new backfill of the partitions of `backfill_id` that failed (or never
/// ran), with the same selection, config and strategy unless `options`
/// changes them; it records `backfill_id` as its parent. Throws
/// InvalidInputError for an unknown backfill, one still in progress, or one
/// with nothing left to do.
BackfillResult retry_failed_partitions(const Definitions& definitions, Instance& instance,
                                       const std::string& backfill_id, BackfillOptions options = {});

/// The state of each partition of a recorded backfill, from its runs.
std::vector<BackfillPartition> backfill_partitions(const RunStorage& storage, const BackfillRecord& backfill);

}  // namespace strata
