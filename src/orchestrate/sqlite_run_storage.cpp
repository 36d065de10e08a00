#include "strata/orchestrate/sqlite_run_storage.hpp"

#include "orchestrate/internal/sql_clauses.hpp"
#include "orchestrate/internal/sql_records.hpp"
#include "orchestrate/internal/sqlite_database.hpp"
#include "strata/core/error.hpp"

#include <unistd.h>

#include <algorithm>
#include <iterator>
#include <thread>

namespace strata {

using internal::SqliteStatement;
using internal::SqliteTransaction;

namespace {

using internal::kAssetTypes;
using internal::kBackfillColumns;
using internal::kEventColumns;
using internal::kLatestAssetEvents;
using internal::kRunColumns;
using internal::json_text;
using internal::kWipedAssetTypes;

// Migrations in order; migration i (1-based) brings the schema to version i
// (PRAGMA user_version). Never edit one that has shipped: add the next.
constexpr const char* kMigrations[] = {
    // 1: runs and the event log
    R"sql(
CREATE TABLE IF NOT EXISTS runs (
  run_id        TEXT PRIMARY KEY,
  job_name      TEXT NOT NULL,
  status        TEXT NOT NULL,
  selection     TEXT NOT NULL,
  step_keys     TEXT NOT NULL,
  run_config    TEXT NOT NULL,
  tags          TEXT NOT NULL,
  parent_run_id TEXT NOT NULL,
  root_run_id   TEXT NOT NULL,
  start_time    INTEGER NOT NULL,
  end_time      INTEGER NOT NULL,
  pid           INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_by_start ON runs(start_time, run_id);
CREATE INDEX IF NOT EXISTS runs_by_status ON runs(status, start_time);
CREATE TABLE IF NOT EXISTS events (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id     TEXT NOT NULL,
  timestamp  INTEGER NOT NULL,
  type       TEXT NOT NULL,
  step_key   TEXT NOT NULL,
  asset_key  TEXT NOT NULL,
  level      TEXT NOT NULL,
  message    TEXT NOT NULL,
  data       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_run ON events(run_id, id);
CREATE INDEX IF NOT EXISTS events_by_asset ON events(asset_key, type, id) WHERE asset_key != '';
CREATE INDEX IF NOT EXISTS events_by_type ON events(type, id);
)sql",
    // 2: event partitions, dynamic partitions and backfills
    R"sql(
ALTER TABLE events ADD COLUMN partition_key TEXT NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS events_by_asset_partition ON events(asset_key, partition_key, type, id)
  WHERE asset_key != '';
CREATE TABLE IF NOT EXISTS dynamic_partitions (
  name          TEXT NOT NULL,
  partition_key TEXT NOT NULL,
  position      INTEGER NOT NULL,
  PRIMARY KEY (name, partition_key)
);
CREATE INDEX IF NOT EXISTS dynamic_partitions_by_position ON dynamic_partitions(name, position);
CREATE TABLE IF NOT EXISTS backfills (
  backfill_id        TEXT PRIMARY KEY,
  selection          TEXT NOT NULL,
  partition_keys     TEXT NOT NULL,
  strategy           TEXT NOT NULL,
  status             TEXT NOT NULL,
  run_config         TEXT NOT NULL,
  tags               TEXT NOT NULL,
  parent_backfill_id TEXT NOT NULL,
  start_time         INTEGER NOT NULL,
  end_time           INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS backfills_by_start ON backfills(start_time, backfill_id);
)sql",
};
constexpr int64_t kSchemaVersion = static_cast<int64_t>(std::size(kMigrations));




}  // namespace

internal::SqliteDatabase& SqliteRunStorage::db() const {
  // A forked child must not use its parent's connection (SQLite's locks are
  // per process): it opens its own and abandons the inherited one unclosed.
  if (!db_ || owner_pid_ != ::getpid()) {
    if (db_) static_cast<void>(db_.release());
    db_ = std::make_unique<internal::SqliteDatabase>(path_);
    owner_pid_ = ::getpid();
    sqlite3_busy_timeout(db_->handle(), static_cast<int>(busy_timeout_.count()));
    // With WAL, NORMAL keeps the database consistent across crashes; only the
    // last transactions before a power loss may be lost.
    db_->execute("PRAGMA synchronous=NORMAL");
    // Closing would checkpoint the WAL into the database (two flushes to
    // disk, tens of milliseconds on every command); the next writer's
    // automatic checkpoints do it instead.
    sqlite3_db_config(db_->handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  }
  return *db_;
}

template <class Body>
auto SqliteRunStorage::with_lock(Body&& body) const {
  std::lock_guard lock(mutex_);
  // SQLite returns SQLITE_BUSY without waiting in some cases (a stale WAL
  // snapshot, recovery, changing the journal mode); the whole transaction is
  // then retried with a growing pause until the busy timeout has passed.
  const auto deadline = std::chrono::steady_clock::now() + busy_timeout_;
  for (int attempt = 0;; ++attempt) {
    try {
      return body();
    } catch (const internal::SqliteBusyError&) {
      if (std::chrono::steady_clock::now() >= deadline) throw;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(std::min(50000, 500 << std::min(attempt, 7))));
  }
}

SqliteRunStorage::SqliteRunStorage(const std::string& path, const SqliteStorageOptions& options)
    : path_(path), busy_timeout_(options.busy_timeout) {
  with_lock([&] {
    // Switching to WAL needs a moment of exclusive access: retried like any
    // write. The mode is kept in the file; per-connection settings are made
    // where connections are opened (db()).
    db().execute("PRAGMA journal_mode=WAL");
  });
  create_schema();
}

SqliteRunStorage::~SqliteRunStorage() = default;

void SqliteRunStorage::create_schema() {
  return with_lock([&]() -> void {
    SqliteTransaction transaction(db());
    SqliteStatement version = db().prepare("PRAGMA user_version");
    int64_t found = version.step() ? version.integer(0) : 0;
    if (found > kSchemaVersion)
      throw IOError("run storage database '" + path_ + "' has schema version " + std::to_string(found) +
                    ", newer than this program's " + std::to_string(kSchemaVersion) +
                    "; upgrade the pipeline binary or point STRATA_HOME elsewhere");
    // An older database is upgraded in place; its data stays.
    for (int64_t next = found + 1; next <= kSchemaVersion; ++next) db().execute(kMigrations[next - 1]);
    if (found != kSchemaVersion) db().execute("PRAGMA user_version = " + std::to_string(kSchemaVersion));
    transaction.commit();
  });
}

void SqliteRunStorage::add_run(const RunRecord& run) {
  return with_lock([&]() -> void {
    SqliteTransaction transaction(db());
    SqliteStatement exists = db().prepare("SELECT 1 FROM runs WHERE run_id = ?");
    exists.bind(1, run.run_id);
    if (exists.step()) throw InvalidInputError("run '" + run.run_id + "' already exists");
    SqliteStatement insert = db().prepare(std::string("INSERT INTO runs (") + kRunColumns +
                                          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, run.run_id)
        .bind(2, run.job_name)
        .bind(3, run_status_name(run.status))
        .bind(4, run.selection)
        .bind(5, Json(run.step_keys).dump())
        .bind(6, json_text(run.run_config))
        .bind(7, json_text(Json(run.tags)))
        .bind(8, run.parent_run_id)
        .bind(9, run.root_run_id)
        .bind(10, run.start_time_us)
        .bind(11, run.end_time_us)
        .bind(12, run.pid);
    insert.run();
    transaction.commit();
  });
}

void SqliteRunStorage::update_run_status(const std::string& run_id, RunStatus status, int64_t end_time_us) {
  return with_lock([&]() -> void {
    SqliteTransaction transaction(db());
    SqliteStatement update = db().prepare(
        status == RunStatus::Started ? "UPDATE runs SET status = ? WHERE run_id = ?"
                                     : "UPDATE runs SET status = ?, end_time = ? WHERE run_id = ?");
    update.bind(1, run_status_name(status));
    if (status == RunStatus::Started) {
      update.bind(2, run_id);
    } else {
      update.bind(2, end_time_us).bind(3, run_id);
    }
    update.run();
    if (db().changes() == 0) throw InvalidInputError("cannot update unknown run '" + run_id + "'");
    transaction.commit();
  });
}

std::optional<RunRecord> SqliteRunStorage::get_run(const std::string& run_id) const {
  return with_lock([&]() -> std::optional<RunRecord> {
    SqliteStatement select = db().prepare(std::string("SELECT ") + kRunColumns + " FROM runs WHERE run_id = ?");
    select.bind(1, run_id);
    if (!select.step()) return std::nullopt;
    return internal::read_run_row(select);
  });
}

std::vector<RunRecord> SqliteRunStorage::list_runs(const RunFilter& filter) const {
  return with_lock([&]() -> std::vector<RunRecord> {
    std::string sql = std::string("SELECT ") + kRunColumns + " FROM runs WHERE 1 = 1";
    if (filter.status) sql += " AND status = ?1";
    if (!filter.job_name.empty()) sql += " AND job_name = ?2";
    // Tag names and values are bound, never spliced: json_each compares the
    // decoded key, whatever quotes or dots it holds.
    int parameter = 3;
    for (size_t i = 0; i < filter.tags.size(); ++i, parameter += 2)
      sql += " AND EXISTS (SELECT 1 FROM json_each(runs.tags) WHERE json_each.key = ?" + std::to_string(parameter) +
             " AND json_each.value = ?" + std::to_string(parameter + 1) + ")";
    sql += " ORDER BY start_time DESC, run_id DESC" + internal::limit_clause(filter.limit);
    SqliteStatement select = db().prepare(sql);
    if (filter.status) select.bind(1, run_status_name(*filter.status));
    if (!filter.job_name.empty()) select.bind(2, filter.job_name);
    parameter = 3;
    for (const auto& [name, value] : filter.tags) {
      select.bind(parameter, name).bind(parameter + 1, value);
      parameter += 2;
    }
    std::vector<RunRecord> runs;
    while (select.step()) runs.push_back(internal::read_run_row(select));
    return runs;
  });
}

void SqliteRunStorage::delete_run_locked(const std::string& run_id, bool keep_latest_asset_events) {
  SqliteStatement events = db().prepare(
      keep_latest_asset_events
          ? std::string("DELETE FROM events WHERE run_id = ? AND id NOT IN (") + kLatestAssetEvents + ")"
          : std::string("DELETE FROM events WHERE run_id = ?"));
  events.bind(1, run_id).run();
  db().prepare("DELETE FROM runs WHERE run_id = ?").bind(1, run_id).run();
}

bool SqliteRunStorage::delete_run(const std::string& run_id) {
  return with_lock([&]() -> bool {
    SqliteTransaction transaction(db());
    SqliteStatement exists = db().prepare("SELECT 1 FROM runs WHERE run_id = ?");
    exists.bind(1, run_id);
    if (!exists.step()) return false;
    delete_run_locked(run_id, false);
    transaction.commit();
    return true;
  });
}

void SqliteRunStorage::append_events(std::vector<Event>& events) {
  if (events.empty()) return;
  return with_lock([&]() -> void {
    SqliteTransaction transaction(db());
    SqliteStatement insert = db().prepare(
        "INSERT INTO events (run_id, timestamp, type, step_key, asset_key, level, message, data, partition_key) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    std::vector<int64_t> ids;
    ids.reserve(events.size());
    for (const Event& event : events) {
      insert.bind(1, event.run_id)
          .bind(2, event.timestamp_us)
          .bind(3, event_type_name(event.type))
          .bind(4, event.step_key)
          .bind(5, event.asset_key)
          .bind(6, log_level_name(event.level))
          .bind(7, event.message)
          // Replace invalid UTF-8 instead of failing: log lines may carry arbitrary bytes.
          .bind(8, json_text(event.data))
          .bind(9, event.partition);
      insert.run();
      insert.reset();
      ids.push_back(db().last_insert_rowid());
    }
    transaction.commit();
    // Ids are written back only once the batch is durable.
    for (size_t i = 0; i < events.size(); ++i) events[i].id = ids[i];
  });
}

std::vector<Event> SqliteRunStorage::run_events(const std::string& run_id, const EventFilter& filter) const {
  return with_lock([&]() -> std::vector<Event> {
    SqliteStatement select = db().prepare(std::string("SELECT ") + kEventColumns +
                                          " FROM events WHERE run_id = ? AND id > ?" + internal::event_type_clause(filter.types) +
                                          " ORDER BY id" + internal::limit_clause(filter.limit));
    select.bind(1, run_id).bind(2, filter.after_id);
    std::vector<Event> events;
    while (select.step()) events.push_back(internal::read_event_row(select));
    return events;
  });
}

std::vector<Event> SqliteRunStorage::asset_events(const std::string& asset_key, const EventFilter& filter) const {
  return with_lock([&]() -> std::vector<Event> {
    std::string types = filter.types.empty() ? std::string(" AND type IN ") + kAssetTypes : internal::event_type_clause(filter.types);
    SqliteStatement select = db().prepare(std::string("SELECT ") + kEventColumns +
                                          " FROM events WHERE asset_key = ?1 AND id > ?2" + types +
                                          (filter.partition ? " AND partition_key = ?3" : "") + " ORDER BY id DESC" +
                                          internal::limit_clause(filter.limit));
    select.bind(1, asset_key).bind(2, filter.after_id);
    if (filter.partition) select.bind(3, *filter.partition);
    std::vector<Event> events;
    while (select.step()) events.push_back(internal::read_event_row(select));
    return events;
  });
}

std::optional<Event> SqliteRunStorage::event_by_id(int64_t id) const {
  SqliteStatement select = db().prepare(std::string("SELECT ") + kEventColumns + " FROM events WHERE id = ?");
  select.bind(1, id);
  if (!select.step()) return std::nullopt;
  return internal::read_event_row(select);
}

std::vector<AssetRecord> SqliteRunStorage::assets() const {
  return with_lock([&]() -> std::vector<AssetRecord> {
    SqliteStatement select = db().prepare(std::string("SELECT asset_key, type, COUNT(*), MAX(id) FROM events "
                                                      "WHERE asset_key != '' AND type IN ") +
                                          kAssetTypes + " GROUP BY asset_key, type ORDER BY asset_key");
    std::vector<AssetRecord> records;
    while (select.step()) {
      std::string key = select.text(0);
      if (records.empty() || records.back().asset_key != key) {
        records.emplace_back();
        records.back().asset_key = key;
      }
      AssetRecord& record = records.back();
      if (parse_event_type(select.text(1)) == EventType::AssetMaterialization) {
        record.materialization_count = select.integer(2);
        record.last_materialization = event_by_id(select.integer(3));
      } else {
        record.last_observation = event_by_id(select.integer(3));
      }
    }
    return records;
  });
}

int64_t SqliteRunStorage::wipe_assets(const std::vector<std::string>& asset_keys) {
  return with_lock([&]() -> int64_t {
    SqliteTransaction transaction(db());
    int64_t deleted = 0;
    std::string base = std::string("DELETE FROM events WHERE asset_key != '' AND type IN ") + kWipedAssetTypes;
    if (asset_keys.empty()) {
      db().execute(base);
      deleted = db().changes();
    } else {
      SqliteStatement remove = db().prepare(base + " AND asset_key = ?");
      for (const std::string& key : asset_keys) {
        remove.bind(1, key).run();
        deleted += db().changes();
        remove.reset();
      }
    }
    transaction.commit();
    return deleted;
  });
}

void SqliteRunStorage::wipe_all() {
  return with_lock([&]() -> void {
    SqliteTransaction transaction(db());
    db().execute("DELETE FROM events; DELETE FROM runs; DELETE FROM dynamic_partitions; DELETE FROM backfills;");
    transaction.commit();
  });
}

int64_t SqliteRunStorage::apply_retention(const RetentionPolicy& policy, int64_t now_us) {
  if (policy.max_age_days <= 0 && policy.keep_runs <= 0) return 0;
  RunFilter all;
  all.limit = 0;
  std::vector<RunRecord> runs = list_runs(all);
  std::vector<std::string> doomed = runs_outside_retention(runs, policy, now_us);
  if (doomed.empty()) return 0;
  return with_lock([&]() -> int64_t {
    SqliteTransaction transaction(db());
    for (const std::string& run_id : doomed) delete_run_locked(run_id, true);
    transaction.commit();
    return static_cast<int64_t>(doomed.size());
  });
}

void SqliteRunStorage::add_dynamic_partitions(const std::string& name, const std::vector<std::string>& keys) {
  if (keys.empty()) return;
  return with_lock([&]() -> void {
    SqliteTransaction transaction(db());
    // Each new key goes after the set's last one; existing keys keep their place.
    SqliteStatement insert = db().prepare(
        "INSERT OR IGNORE INTO dynamic_partitions (name, partition_key, position) "
        "SELECT ?1, ?2, COALESCE(MAX(position), 0) + 1 FROM dynamic_partitions WHERE name = ?1");
    for (const std::string& key : keys) {
      insert.bind(1, name).bind(2, key).run();
      insert.reset();
    }
    transaction.commit();
  });
}

std::vector<std::string> SqliteRunStorage::dynamic_partitions(const std::string& name) const {
  return with_lock([&]() -> std::vector<std::string> {
    SqliteStatement select =
        db().prepare("SELECT partition_key FROM dynamic_partitions WHERE name = ? ORDER BY position");
    select.bind(1, name);
    std::vector<std::string> keys;
    while (select.step()) keys.push_back(select.text(0));
    return keys;
  });
}

int64_t SqliteRunStorage::delete_dynamic_partitions(const std::string& name, const std::vector<std::string>& keys) {
  if (keys.empty()) return 0;
  return with_lock([&]() -> int64_t {
    SqliteTransaction transaction(db());
    SqliteStatement remove = db().prepare("DELETE FROM dynamic_partitions WHERE name = ? AND partition_key = ?");
    int64_t deleted = 0;
    for (const std::string& key : keys) {
      remove.bind(1, name).bind(2, key).run();
      deleted += db().changes();
      remove.reset();
    }
    transaction.commit();
    return deleted;
  });
}

void SqliteRunStorage::add_backfill(const BackfillRecord& backfill) {
  return with_lock([&]() -> void {
    SqliteStatement insert = db().prepare(std::string("INSERT OR IGNORE INTO backfills (") + kBackfillColumns +
                                          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, backfill.backfill_id)
        .bind(2, backfill.selection)
        .bind(3, json_text(Json(backfill.partition_keys)))
        .bind(4, backfill.strategy)
        .bind(5, backfill_status_name(backfill.status))
        .bind(6, json_text(backfill.run_config))
        .bind(7, json_text(Json(backfill.tags)))
        .bind(8, backfill.parent_backfill_id)
        .bind(9, backfill.start_time_us)
        .bind(10, backfill.end_time_us);
    insert.run();
    if (db().changes() == 0) throw InvalidInputError("backfill '" + backfill.backfill_id + "' already exists");
  });
}

void SqliteRunStorage::update_backfill_status(const std::string& backfill_id, BackfillStatus status,
                                              int64_t end_time_us) {
  return with_lock([&]() -> void {
    SqliteTransaction transaction(db());
    const bool terminal = is_terminal(status);
    SqliteStatement update =
        db().prepare(terminal ? "UPDATE backfills SET status = ?, end_time = ? WHERE backfill_id = ?"
                              : "UPDATE backfills SET status = ? WHERE backfill_id = ?");
    update.bind(1, backfill_status_name(status));
    if (terminal) {
      update.bind(2, end_time_us).bind(3, backfill_id);
    } else {
      update.bind(2, backfill_id);
    }
    update.run();
    if (db().changes() == 0) throw InvalidInputError("cannot update unknown backfill '" + backfill_id + "'");
    transaction.commit();
  });
}

std::optional<BackfillRecord> SqliteRunStorage::get_backfill(const std::string& backfill_id) const {
  return with_lock([&]() -> std::optional<BackfillRecord> {
    SqliteStatement select =
        db().prepare(std::string("SELECT ") + kBackfillColumns + " FROM backfills WHERE backfill_id = ?");
    select.bind(1, backfill_id);
    if (!select.step()) return std::nullopt;
    return internal::read_backfill_row(select);
  });
}

std::vector<BackfillRecord> SqliteRunStorage::list_backfills(int64_t limit) const {
  return with_lock([&]() -> std::vector<BackfillRecord> {
    SqliteStatement select = db().prepare(std::string("SELECT ") + kBackfillColumns +
                                          " FROM backfills ORDER BY start_time DESC, backfill_id DESC" +
                                          internal::limit_clause(limit));
    std::vector<BackfillRecord> backfills;
    while (select.step()) backfills.push_back(internal::read_backfill_row(select));
    return backfills;
  });
}

}  // namespace strata
