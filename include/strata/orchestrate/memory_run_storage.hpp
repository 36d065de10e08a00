#pragma once
// Run storage in process memory: for tests and throw-away runs. Nothing
// survives the process.
#include <map>
#include <mutex>

#include "strata/orchestrate/run_storage.hpp"

namespace strata {

class MemoryRunStorage final : public RunStorage {
 public:
  std::string backend_name() const override { return "memory"; }
  void add_run(const RunRecord& run) override;
  void update_run_status(const std::string& run_id, RunStatus status, int64_t end_time_us) override;
  std::optional<RunRecord> get_run(const std::string& run_id) const override;
  std::vector<RunRecord> list_runs(const RunFilter& filter = {}) const override;
  bool delete_run(const std::string& run_id) override;
  void append_events(std::vector<Event>& events) override;
  std::vector<Event> run_events(const std::string& run_id, const EventFilter& filter = {}) const override;
  std::vector<Event> asset_events(const std::string& asset_key, const EventFilter& filter) const override;
  std::vector<AssetRecord> assets() const override;
  void add_dynamic_partitions(const std::string& name, const std::vector<std::string>& keys) override;
  std::vector<std::string> dynamic_partitions(const std::string& name) const override;
  int64_t delete_dynamic_partitions(const std::string& name, const std::vector<std::string>& keys) override;
  void add_backfill(const BackfillRecord& backfill) override;
  void update_backfill_status(const std::string& backfill_id, BackfillStatus status, int64_t end_time_us) override;
  std::optional<BackfillRecord> get_backfill(const std::string& backfill_id) const override;
  std::vector<BackfillRecord> list_backfills(int64_t limit = 50) const override;
  int64_t wipe_assets(const std::vector<std::string>& asset_keys) override;
  void wipe_all() override;
  int64_t apply_retention(const RetentionPolicy& policy, int64_t now_us) override;

 private:
  std::vector<RunRecord> runs_sorted() const;  // newest first; caller holds the lock
  bool delete_run_locked(const std::string& run_id, bool keep_latest_asset_events);

  mutable std::mutex mutex_;
  std::vector<RunRecord> runs_;  // insertion order
  std::vector<Event> events_;    // id order
  int64_t next_event_id_ = 1;
  std::map<std::string, std::vector<std::string>> dynamic_partitions_;
  std::vector<BackfillRecord> backfills_;  // insertion order
};

}  // namespace strata
