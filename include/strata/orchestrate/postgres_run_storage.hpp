#pragma once
// Run storage and the event log in PostgreSQL, for several machines or many
// concurrent runs sharing one store. Selected by a URL (STRATA_STORAGE_URL
// or `storage:` in strata.yaml, see instance.hpp):
//
//   postgresql://user:password@host:5432/database
//
// Tables live in their own PostgreSQL schema: "strata", or the one named by
// a `schema=NAME` query parameter (postgresql://host/db?schema=team_a) or
// the options. The schema is created on first use and migrated forward
// automatically; applied versions are recorded in `schema_version`, and a
// database written by a newer release is refused. Creation and migration
// hold an advisory lock, so processes starting at once do not race.
//
// A process forked after opening (the multiprocess executor) gets its own
// connection on first use; the parent's is left alone.
#include <memory>
#include <mutex>
#include <string>

#include "strata/orchestrate/run_storage.hpp"

namespace strata {

namespace internal {
class PostgresConnection;
}

struct PostgresStorageOptions {
  /// The PostgreSQL schema (namespace) holding Strata's tables.
  std::string schema = "strata";
};

class PostgresRunStorage final : public RunStorage {
 public:
  /// The schema version this program writes.
  static constexpr int64_t kSchemaVersion = 3;

  /// Connects, then creates or migrates the schema. Throws IOError when the
  /// server cannot be reached or holds a newer schema version.
  explicit PostgresRunStorage(const std::string& url, const PostgresStorageOptions& options = {});
  ~PostgresRunStorage() override;

  /// The version recorded in the database.
  int64_t schema_version() const;

  std::string backend_name() const override { return "postgresql"; }
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
  void migrate();
  void delete_run_locked(const std::string& run_id, bool keep_latest_asset_events);

  std::string schema_;
  mutable std::mutex mutex_;
  std::unique_ptr<internal::PostgresConnection> connection_;
};

/// True for postgresql:// and postgres:// URLs.
bool is_postgres_url(const std::string& url);

}  // namespace strata
