#pragma once
// Run storage and the event log behind one interface. Implementations:
// SqliteRunStorage (the default, in STRATA_HOME) and MemoryRunStorage
// (tests, ephemeral runs); PostgreSQL is the next one. Every implementation
// passes the same typed test suite (tests/orchestrate/run_storage_test.cpp).
//
// Thread-safety: every method may be called from any thread; implementations
// serialize internally. Methods throw IOError when the backing store fails.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "strata/core/error.hpp"
#include "strata/orchestrate/backfill_record.hpp"
#include "strata/orchestrate/events.hpp"

namespace strata {

struct RunFilter {
  std::optional<RunStatus> status{};
  std::string job_name{};  // empty = any
  /// Only runs carrying every one of these tags with these values.
  std::map<std::string, std::string> tags{};
  int64_t limit = 50;    // newest first; <= 0 = no limit
};

struct EventFilter {
  std::vector<EventType> types{};  // empty = any
  int64_t after_id = 0;          // only events with id > after_id
  int64_t limit = 0;             // <= 0 = no limit
  /// asset_events only: events of this partition ("" = of the unpartitioned
  /// asset); unset = any partition.
  std::optional<std::string> partition{};
};

/// What to keep. Runs that ended longer than max_age_days ago, and runs
/// beyond the newest keep_runs, are deleted with their events - except each
/// asset's (each asset partition's) latest materialization and observation,
/// which are kept so that `asset KEY` still describes the stored data. Runs still in progress are
/// never deleted. 0 disables a limit.
struct RetentionPolicy {
  int64_t max_age_days = 0;
  int64_t keep_runs = 0;
};

/// Per-asset summary for listings.
struct AssetRecord {
  std::string asset_key;
  int64_t materialization_count = 0;
  std::optional<Event> last_materialization;
  std::optional<Event> last_observation;
};

class RunStorage {
 public:
  virtual ~RunStorage() = default;

  /// "sqlite", "memory", ...
  virtual std::string backend_name() const = 0;

  // ---- Runs
  /// Stores a new run; throws InvalidInputError when the id exists.
  virtual void add_run(const RunRecord& run) = 0;
  /// Sets the status (and the end time when the status is terminal).
  /// Throws InvalidInputError for an unknown run id.
  virtual void update_run_status(const std::string& run_id, RunStatus status, int64_t end_time_us) = 0;
  virtual std::optional<RunRecord> get_run(const std::string& run_id) const = 0;
  /// Runs newest first (by start time, then id).
  virtual std::vector<RunRecord> list_runs(const RunFilter& filter = {}) const = 0;
  /// Deletes a run and its events; false when unknown.
  virtual bool delete_run(const std::string& run_id) = 0;

  // ---- Event log
  /// Appends events atomically (one transaction), assigning increasing ids
  /// in order; the ids are written back into `events`.
  virtual void append_events(std::vector<Event>& events) = 0;
  /// A run's events in order of id.
  virtual std::vector<Event> run_events(const std::string& run_id, const EventFilter& filter = {}) const = 0;
  /// An asset's events of the given types, newest first (materialization
  /// history: types = {AssetMaterialization}). Empty types = its
  /// materializations and observations.
  virtual std::vector<Event> asset_events(const std::string& asset_key, const EventFilter& filter) const = 0;
  /// Every asset that has events, with its latest materialization and
  /// observation, ordered by key.
  virtual std::vector<AssetRecord> assets() const = 0;

  // ---- Dynamic partitions: named sets of partition keys added at run time
  /// Adds `keys` to the set `name` (created on first use); keys already in
  /// it are ignored. Keys keep the order of their first addition.
  virtual void add_dynamic_partitions(const std::string& name, const std::vector<std::string>& keys) = 0;
  /// The keys of set `name` in order of addition (empty for an unknown set).
  virtual std::vector<std::string> dynamic_partitions(const std::string& name) const = 0;
  /// Removes `keys` from set `name`; returns how many were there.
  virtual int64_t delete_dynamic_partitions(const std::string& name, const std::vector<std::string>& keys) = 0;

  // ---- Backfills
  /// Stores a new backfill; throws InvalidInputError when the id exists.
  virtual void add_backfill(const BackfillRecord& backfill) = 0;
  /// Sets the status (and the end time when the status is terminal:
  /// Completed, Failed or Canceled). Throws InvalidInputError for an unknown id.
  virtual void update_backfill_status(const std::string& backfill_id, BackfillStatus status,
                                      int64_t end_time_us) = 0;
  virtual std::optional<BackfillRecord> get_backfill(const std::string& backfill_id) const = 0;
  /// Backfills newest first (by start time, then id); limit <= 0 = all.
  virtual std::vector<BackfillRecord> list_backfills(int64_t limit = 50) const = 0;

  // ---- Housekeeping
  /// Deletes the asset events (materializations, observations, check
  /// results) of the given keys (all assets when empty); returns how many
  /// events were deleted. Runs and step events stay.
  virtual int64_t wipe_assets(const std::vector<std::string>& asset_keys) = 0;
  /// Deletes everything: runs, events, assets, dynamic partitions, backfills.
  virtual void wipe_all() = 0;
  /// Applies `policy` at time `now_us`; returns the number of runs deleted.
  virtual int64_t apply_retention(const RetentionPolicy& policy, int64_t now_us) = 0;
};

/// The run ids `policy` deletes among `runs` (newest first), at `now_us`.
/// Shared by the implementations so that they agree exactly.
std::vector<std::string> runs_outside_retention(const std::vector<RunRecord>& runs,
                                                const RetentionPolicy& policy, int64_t now_us);

}  // namespace strata
