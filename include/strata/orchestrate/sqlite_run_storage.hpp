#pragma once
// Run storage in one SQLite file: WAL journal (readers never block the
// writer), a busy timeout so that several processes can share the file,
// events appended in one transaction per batch, and indexes by run, asset
// and event type. The schema carries a version (PRAGMA user_version) so
// that later releases can migrate it.
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "strata/orchestrate/run_storage.hpp"

namespace strata {

namespace internal {
class SqliteDatabase;
}

struct SqliteStorageOptions {
  /// How long an operation waits for another process's lock before failing.
  std::chrono::milliseconds busy_timeout{10000};
};

class SqliteRunStorage final : public RunStorage {
 public:
  /// Opens or creates the database at `path` (its folder must exist).
  /// Throws IOError when it cannot be opened or has a newer schema version.
  explicit SqliteRunStorage(const std::string& path, const SqliteStorageOptions& options = {});
  ~SqliteRunStorage() override;

  const std::string& path() const { return path_; }
  std::string backend_name() const override { return "sqlite"; }
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
  void create_schema();
  /// This process's connection (reopened after a fork).
  internal::SqliteDatabase& db() const;
  /// Runs `body` under the mutex, retrying it while the database is busy.
  template <class Body>
  auto with_lock(Body&& body) const;
  std::optional<Event> event_by_id(int64_t id) const;  // caller holds the lock
  void delete_run_locked(const std::string& run_id, bool keep_latest_asset_events);

  std::string path_;
  std::chrono::milliseconds busy_timeout_;
  mutable std::mutex mutex_;
  mutable std::unique_ptr<internal::SqliteDatabase> db_;
  mutable int64_t owner_pid_ = 0;
};

}  // namespace strata
