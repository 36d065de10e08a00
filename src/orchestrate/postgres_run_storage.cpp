#include "strata/orchestrate/postgres_run_storage.hpp"

#include <algorithm>

#include "orchestrate/internal/postgres_connection.hpp"
#include "orchestrate/internal/sql_clauses.hpp"
#include "orchestrate/internal/sql_records.hpp"
#include "strata/core/error.hpp"

namespace strata {

using internal::PostgresConnection;
using internal::PostgresParam;
using internal::PostgresResult;
using internal::PostgresTransaction;
using internal::json_text;
using internal::postgres_safe_text;

namespace {

using internal::kAssetTypes;
using internal::kBackfillColumns;
using internal::kEventColumns;
using internal::kLatestAssetEvents;
using internal::kRunColumns;
using internal::kWipedAssetTypes;

// Migrations in order; migration i (1-based) brings the schema to version i.
// Never edit one that has shipped: add the next.
constexpr const char* kMigrations[] = {
    // 1: runs and the event log
    R"sql(
CREATE TABLE runs (
  run_id        TEXT PRIMARY KEY,
  job_name      TEXT NOT NULL,
  status        TEXT NOT NULL,
  selection     TEXT NOT NULL,
  step_keys     TEXT NOT NULL,
  run_config    TEXT NOT NULL,
  tags          TEXT NOT NULL,
  parent_run_id TEXT NOT NULL,
  root_run_id   TEXT NOT NULL,
  start_time    BIGINT NOT NULL,
  end_time      BIGINT NOT NULL,
  pid           BIGINT NOT NULL
);
CREATE TABLE events (
  id         BIGSERIAL PRIMARY KEY,
  run_id     TEXT NOT NULL,
  timestamp  BIGINT NOT NULL,
  type       TEXT NOT NULL,
  step_key   TEXT NOT NULL,
  asset_key  TEXT NOT NULL,
  level      TEXT NOT NULL,
  message    TEXT NOT NULL,
  data       TEXT NOT NULL
);
CREATE INDEX events_by_run ON events(run_id, id);
)sql",
    // 2: indexes for listings and asset queries
    R"sql(
CREATE INDEX runs_by_start ON runs(start_time, run_id);
CREATE INDEX runs_by_status ON runs(status, start_time);
CREATE INDEX events_by_asset ON events(asset_key, type, id) WHERE asset_key <> '';
CREATE INDEX events_by_type ON events(type, id);
)sql",
    // 3: event partitions, dynamic partitions and backfills
    R"sql(
ALTER TABLE events ADD COLUMN partition_key TEXT NOT NULL DEFAULT '';
CREATE INDEX events_by_asset_partition ON events(asset_key, partition_key, type, id) WHERE asset_key <> '';
CREATE TABLE dynamic_partitions (
  name          TEXT NOT NULL,
  partition_key TEXT NOT NULL,
  position      BIGSERIAL,
  PRIMARY KEY (name, partition_key)
);
CREATE INDEX dynamic_partitions_by_position ON dynamic_partitions(name, position);
CREATE TABLE backfills (
  backfill_id        TEXT PRIMARY KEY,
  selection          TEXT NOT NULL,
  partition_keys     TEXT NOT NULL,
  strategy           TEXT NOT NULL,
  status             TEXT NOT NULL,
  run_config         TEXT NOT NULL,
  tags               TEXT NOT NULL,
  parent_backfill_id TEXT NOT NULL,
  start_time         BIGINT NOT NULL,
  end_time           BIGINT NOT NULL
);
CREATE INDEX backfills_by_start ON backfills(start_time, backfill_id);
)sql",
};
static_assert(std::size(kMigrations) == PostgresRunStorage::kSchemaVersion);


std::string quoted_schema(const std::string& schema) {
  if (schema.empty() || schema.size() > 63 ||
      !std::all_of(schema.begin(), schema.end(),
                   [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }))
    throw InvalidInputError("invalid PostgreSQL schema name '" + schema +
                            "' for run storage; use lowercase letters, digits and '_' (at most 63)");
  return "\"" + schema + "\"";
}

/// One row of a result, as the shared record readers want it.
struct PostgresRow {
  const PostgresResult& rows;
  int row;
  std::string text(int column) const { return rows.text(row, column); }
  int64_t integer(int column) const { return rows.integer(row, column); }
};

std::vector<Event> read_events(const PostgresResult& rows) {
  std::vector<Event> events;
  events.reserve(static_cast<size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) events.push_back(internal::read_event_row(PostgresRow{rows, row}));
  return events;
}



/// Tags as stored: JSON text whose strings hold no NUL, which PostgreSQL
/// cannot convert to text; the cast in the tag filter would fail on every row.
std::string tags_json(const std::map<std::string, std::string>& tags) {
  Json safe = Json::object();
  for (const auto& [name, value] : tags) safe[postgres_safe_text(name)] = postgres_safe_text(value);
  return json_text(safe);
}

/// Removes a `schema=NAME` query parameter (Strata's, unknown to libpq) from
/// `url`, returning NAME ("" when absent).
std::string take_schema_parameter(std::string& url) {
  const size_t query = url.find('?');
  if (query == std::string::npos) return "";
  std::string kept;
  std::string schema;
  size_t begin = query + 1;
  while (begin <= url.size()) {
    size_t end = url.find('&', begin);
    if (end == std::string::npos) end = url.size();
    std::string parameter = url.substr(begin, end - begin);
    if (parameter.rfind("schema=", 0) == 0) {
      schema = parameter.substr(7);
    } else if (!parameter.empty()) {
      kept += (kept.empty() ? "" : "&") + parameter;
    }
    begin = end + 1;
  }
  url = url.substr(0, query) + (kept.empty() ? "" : "?" + kept);
  return schema;
}

}  // namespace

bool is_postgres_url(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

PostgresRunStorage::PostgresRunStorage(const std::string& url, const PostgresStorageOptions& options)
    : schema_(options.schema) {
  std::string connection_url = url;
  if (std::string from_url = take_schema_parameter(connection_url); !from_url.empty()) schema_ = from_url;
  const std::string schema = quoted_schema(schema_);
  connection_ = std::make_unique<PostgresConnection>(connection_url, "SET search_path TO " + schema);
  migrate();
}

PostgresRunStorage::~PostgresRunStorage() = default;

void PostgresRunStorage::migrate() {
  std::lock_guard lock(mutex_);
  PostgresTransaction transaction(*connection_);
  // One creator at a time per schema: concurrent CREATE ... IF NOT EXISTS can still collide.
  connection_->query("SELECT pg_advisory_xact_lock(hashtext($1))", {"strata run storage " + schema_});
  connection_->execute("CREATE SCHEMA IF NOT EXISTS " + quoted_schema(schema_));
  connection_->execute(
      "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)");
  const int64_t found = connection_->query("SELECT COALESCE(MAX(version), 0) FROM schema_version").integer(0, 0);
  if (found > kSchemaVersion)
    throw IOError("PostgreSQL run storage at " + connection_->description() + " (schema '" + schema_ +
                  "') has schema version " + std::to_string(found) + ", newer than this program's " +
                  std::to_string(kSchemaVersion) + "; upgrade the pipeline binary or use another schema");
  for (int64_t version = found + 1; version <= kSchemaVersion; ++version) {
    connection_->execute(kMigrations[version - 1]);
    connection_->query("INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)",
                       {std::to_string(version), std::to_string(now_us())});
  }
  transaction.commit();
}

int64_t PostgresRunStorage::schema_version() const {
  std::lock_guard lock(mutex_);
  return connection_->query("SELECT COALESCE(MAX(version), 0) FROM schema_version").integer(0, 0);
}

void PostgresRunStorage::add_run(const RunRecord& run) {
  std::lock_guard lock(mutex_);
  PostgresResult inserted = connection_->query(
      std::string("INSERT INTO runs (") + kRunColumns +
          ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (run_id) DO NOTHING",
      {postgres_safe_text(run.run_id), postgres_safe_text(run.job_name), std::string(run_status_name(run.status)),
       postgres_safe_text(run.selection), json_text(Json(run.step_keys)), json_text(run.run_config),
       tags_json(run.tags), postgres_safe_text(run.parent_run_id), postgres_safe_text(run.root_run_id),
       std::to_string(run.start_time_us), std::to_string(run.end_time_us), std::to_string(run.pid)});
  if (inserted.affected_rows() == 0) throw InvalidInputError("run '" + run.run_id + "' already exists");
}

void PostgresRunStorage::update_run_status(const std::string& run_id, RunStatus status, int64_t end_time_us) {
  std::lock_guard lock(mutex_);
  PostgresResult updated =
      status == RunStatus::Started
          ? connection_->query("UPDATE runs SET status = $1 WHERE run_id = $2",
                               {std::string(run_status_name(status)), postgres_safe_text(run_id)})
          : connection_->query("UPDATE runs SET status = $1, end_time = $2 WHERE run_id = $3",
                               {std::string(run_status_name(status)), std::to_string(end_time_us),
                                postgres_safe_text(run_id)});
  if (updated.affected_rows() == 0) throw InvalidInputError("cannot update unknown run '" + run_id + "'");
}

std::optional<RunRecord> PostgresRunStorage::get_run(const std::string& run_id) const {
  std::lock_guard lock(mutex_);
  PostgresResult rows = connection_->query(std::string("SELECT ") + kRunColumns + " FROM runs WHERE run_id = $1",
                                           {postgres_safe_text(run_id)});
  if (rows.rows() == 0) return std::nullopt;
  return internal::read_run_row(PostgresRow{rows, 0});
}

std::vector<RunRecord> PostgresRunStorage::list_runs(const RunFilter& filter) const {
  std::lock_guard lock(mutex_);
  std::string sql = std::string("SELECT ") + kRunColumns + " FROM runs WHERE TRUE";
  std::vector<PostgresParam> params;
  if (filter.status) {
    params.emplace_back(run_status_name(*filter.status));
    sql += " AND status = $" + std::to_string(params.size());
  }
  if (!filter.job_name.empty()) {
    params.emplace_back(postgres_safe_text(filter.job_name));
    sql += " AND job_name = $" + std::to_string(params.size());
  }
  // Tags are stored as JSON text; names and values are parameters, never spliced.
  for (const auto& [name, value] : filter.tags) {
    params.emplace_back(postgres_safe_text(name));
    sql += " AND (tags::jsonb ->> $" + std::to_string(params.size()) + "::text)";
    params.emplace_back(postgres_safe_text(value));
    sql += " = $" + std::to_string(params.size());
  }
  sql += " ORDER BY start_time DESC, run_id COLLATE \"C\" DESC" + internal::limit_clause(filter.limit);
  PostgresResult rows = connection_->query(sql, params);
  std::vector<RunRecord> runs;
  for (int row = 0; row < rows.rows(); ++row) runs.push_back(internal::read_run_row(PostgresRow{rows, row}));
  return runs;
}

void PostgresRunStorage::delete_run_locked(const std::string& run_id, bool keep_latest_asset_events) {
  connection_->query(keep_latest_asset_events
                         ? std::string("DELETE FROM events WHERE run_id = $1 AND id NOT IN (") + kLatestAssetEvents + ")"
                         : std::string("DELETE FROM events WHERE run_id = $1"),
                     {postgres_safe_text(run_id)});
  connection_->query("DELETE FROM runs WHERE run_id = $1", {postgres_safe_text(run_id)});
}

bool PostgresRunStorage::delete_run(const std::string& run_id) {
  std::lock_guard lock(mutex_);
  PostgresTransaction transaction(*connection_);
  if (connection_->query("SELECT 1 FROM runs WHERE run_id = $1 FOR UPDATE", {postgres_safe_text(run_id)}).rows() == 0)
    return false;
  delete_run_locked(run_id, false);
  transaction.commit();
  return true;
}

void PostgresRunStorage::append_events(std::vector<Event>& events) {
  if (events.empty()) return;
  constexpr size_t kColumns = 9;
  constexpr size_t kRowsPerStatement = 500;  // well below PostgreSQL's 65535 parameters
  std::vector<int64_t> ids;
  ids.reserve(events.size());
  std::lock_guard lock(mutex_);
  PostgresTransaction transaction(*connection_);
  for (size_t begin = 0; begin < events.size(); begin += kRowsPerStatement) {
    const size_t end = std::min(events.size(), begin + kRowsPerStatement);
    std::string sql =
        "INSERT INTO events (run_id, timestamp, type, step_key, asset_key, level, message, data, partition_key) "
        "VALUES ";
    std::vector<PostgresParam> params;
    params.reserve((end - begin) * kColumns);
    for (size_t i = begin; i < end; ++i) {
      const Event& event = events[i];
      sql += i == begin ? "(" : ", (";
      for (size_t c = 0; c < kColumns; ++c)
        sql += (c ? ", $" : "$") + std::to_string((i - begin) * kColumns + c + 1);
      sql += ")";
      params.emplace_back(postgres_safe_text(event.run_id));
      params.emplace_back(std::to_string(event.timestamp_us));
      params.emplace_back(event_type_name(event.type));
      params.emplace_back(postgres_safe_text(event.step_key));
      params.emplace_back(postgres_safe_text(event.asset_key));
      params.emplace_back(log_level_name(event.level));
      params.emplace_back(postgres_safe_text(event.message));
      params.emplace_back(json_text(event.data));
      params.emplace_back(postgres_safe_text(event.partition));
    }
    PostgresResult returned = connection_->query(sql + " RETURNING id", params);
    // The sequence hands out ids in row order within one statement.
    std::vector<int64_t> chunk;
    for (int row = 0; row < returned.rows(); ++row) chunk.push_back(returned.integer(row, 0));
    std::sort(chunk.begin(), chunk.end());
    ids.insert(ids.end(), chunk.begin(), chunk.end());
  }
  transaction.commit();
  for (size_t i = 0; i < events.size(); ++i) events[i].id = ids[i];
}

std::vector<Event> PostgresRunStorage::run_events(const std::string& run_id, const EventFilter& filter) const {
  std::lock_guard lock(mutex_);
  return read_events(connection_->query(std::string("SELECT ") + kEventColumns +
                                            " FROM events WHERE run_id = $1 AND id > $2" + internal::event_type_clause(filter.types) +
                                            " ORDER BY id" + internal::limit_clause(filter.limit),
                                        {postgres_safe_text(run_id), std::to_string(filter.after_id)}));
}

std::vector<Event> PostgresRunStorage::asset_events(const std::string& asset_key, const EventFilter& filter) const {
  std::lock_guard lock(mutex_);
  std::string types = filter.types.empty() ? std::string(" AND type IN ") + kAssetTypes : internal::event_type_clause(filter.types);
  std::vector<internal::PostgresParam> parameters = {postgres_safe_text(asset_key), std::to_string(filter.after_id)};
  if (filter.partition) parameters.push_back(postgres_safe_text(*filter.partition));
  return read_events(connection_->query(std::string("SELECT ") + kEventColumns +
                                            " FROM events WHERE asset_key = $1 AND id > $2" + types +
                                            (filter.partition ? " AND partition_key = $3" : "") + " ORDER BY id DESC" +
                                            internal::limit_clause(filter.limit),
                                        parameters));
}

std::vector<AssetRecord> PostgresRunStorage::assets() const {
  std::lock_guard lock(mutex_);
  // Counts and the latest event per (asset, type) in one round trip.
  PostgresResult rows = connection_->query(
      std::string("SELECT latest.n, e.id, e.run_id, e.timestamp, e.type, e.step_key, e.asset_key, e.level, "
                  "e.message, e.data, e.partition_key FROM (SELECT asset_key, type, COUNT(*) AS n, MAX(id) AS last_id FROM events "
                  "WHERE asset_key <> '' AND type IN ") +
      kAssetTypes + " GROUP BY asset_key, type) AS latest JOIN events e ON e.id = latest.last_id "
                    "ORDER BY e.asset_key COLLATE \"C\", e.type");
  std::vector<AssetRecord> records;
  for (int row = 0; row < rows.rows(); ++row) {
    Event event = internal::read_event_row(PostgresRow{rows, row}, 1);
    if (records.empty() || records.back().asset_key != event.asset_key) {
      records.emplace_back();
      records.back().asset_key = event.asset_key;
    }
    AssetRecord& record = records.back();
    if (event.type == EventType::AssetMaterialization) {
      record.materialization_count = rows.integer(row, 0);
      record.last_materialization = std::move(event);
    } else {
      record.last_observation = std::move(event);
    }
  }
  return records;
}

int64_t PostgresRunStorage::wipe_assets(const std::vector<std::string>& asset_keys) {
  std::lock_guard lock(mutex_);
  std::string base = std::string("DELETE FROM events WHERE asset_key <> '' AND type IN ") + kWipedAssetTypes;
  if (asset_keys.empty()) return connection_->query(base).affected_rows();
  PostgresTransaction transaction(*connection_);
  int64_t deleted = 0;
  for (const std::string& key : asset_keys)
    deleted += connection_->query(base + " AND asset_key = $1", {postgres_safe_text(key)}).affected_rows();
  transaction.commit();
  return deleted;
}

void PostgresRunStorage::wipe_all() {
  std::lock_guard lock(mutex_);
  PostgresTransaction transaction(*connection_);
  connection_->execute("DELETE FROM events; DELETE FROM runs; DELETE FROM dynamic_partitions; DELETE FROM backfills;");
  transaction.commit();
}

int64_t PostgresRunStorage::apply_retention(const RetentionPolicy& policy, int64_t now_us) {
  if (policy.max_age_days <= 0 && policy.keep_runs <= 0) return 0;
  RunFilter all;
  all.limit = 0;
  std::vector<RunRecord> runs = list_runs(all);
  std::vector<std::string> doomed = runs_outside_retention(runs, policy, now_us);
  if (doomed.empty()) return 0;
  std::lock_guard lock(mutex_);
  PostgresTransaction transaction(*connection_);
  for (const std::string& run_id : doomed) delete_run_locked(run_id, true);
  transaction.commit();
  return static_cast<int64_t>(doomed.size());
}

void PostgresRunStorage::add_dynamic_partitions(const std::string& name, const std::vector<std::string>& keys) {
  constexpr size_t kKeysPerStatement = 1000;
  std::lock_guard lock(mutex_);
  PostgresTransaction transaction(*connection_);
  for (size_t begin = 0; begin < keys.size(); begin += kKeysPerStatement) {
    const size_t end = std::min(keys.size(), begin + kKeysPerStatement);
    // The position sequence hands out values in row order: keys keep the
    // order of their first addition; existing ones keep their place.
    std::string sql = "INSERT INTO dynamic_partitions (name, partition_key) VALUES ";
    std::vector<PostgresParam> params{postgres_safe_text(name)};
    for (size_t i = begin; i < end; ++i) {
      params.emplace_back(postgres_safe_text(keys[i]));
      sql += (i == begin ? "($1, $" : ", ($1, $") + std::to_string(params.size()) + ")";
    }
    connection_->query(sql + " ON CONFLICT (name, partition_key) DO NOTHING", params);
  }
  transaction.commit();
}

std::vector<std::string> PostgresRunStorage::dynamic_partitions(const std::string& name) const {
  std::lock_guard lock(mutex_);
  PostgresResult rows = connection_->query(
      "SELECT partition_key FROM dynamic_partitions WHERE name = $1 ORDER BY position", {postgres_safe_text(name)});
  std::vector<std::string> keys;
  keys.reserve(static_cast<size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) keys.push_back(rows.text(row, 0));
  return keys;
}

int64_t PostgresRunStorage::delete_dynamic_partitions(const std::string& name, const std::vector<std::string>& keys) {
  std::lock_guard lock(mutex_);
  PostgresTransaction transaction(*connection_);
  int64_t deleted = 0;
  for (const std::string& key : keys)
    deleted += connection_
                   ->query("DELETE FROM dynamic_partitions WHERE name = $1 AND partition_key = $2",
                           {postgres_safe_text(name), postgres_safe_text(key)})
                   .affected_rows();
  transaction.commit();
  return deleted;
}

void PostgresRunStorage::add_backfill(const BackfillRecord& backfill) {
  std::lock_guard lock(mutex_);
  PostgresResult inserted = connection_->query(
      std::string("INSERT INTO backfills (") + kBackfillColumns +
          ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (backfill_id) DO NOTHING",
      {postgres_safe_text(backfill.backfill_id), postgres_safe_text(backfill.selection),
       json_text(Json(backfill.partition_keys)), postgres_safe_text(backfill.strategy),
       std::string(backfill_status_name(backfill.status)), json_text(backfill.run_config),
       tags_json(backfill.tags), postgres_safe_text(backfill.parent_backfill_id),
       std::to_string(backfill.start_time_us), std::to_string(backfill.end_time_us)});
  if (inserted.affected_rows() == 0)
    throw InvalidInputError("backfill '" + backfill.backfill_id + "' already exists");
}

void PostgresRunStorage::update_backfill_status(const std::string& backfill_id, BackfillStatus status,
                                                int64_t end_time_us) {
  std::lock_guard lock(mutex_);
  PostgresResult updated =
      is_terminal(status)
          ? connection_->query("UPDATE backfills SET status = $1, end_time = $2 WHERE backfill_id = $3",
                               {std::string(backfill_status_name(status)), std::to_string(end_time_us),
                                postgres_safe_text(backfill_id)})
          : connection_->query("UPDATE backfills SET status = $1 WHERE backfill_id = $2",
                               {std::string(backfill_status_name(status)), postgres_safe_text(backfill_id)});
  if (updated.affected_rows() == 0) throw InvalidInputError("cannot update unknown backfill '" + backfill_id + "'");
}

std::optional<BackfillRecord> PostgresRunStorage::get_backfill(const std::string& backfill_id) const {
  std::lock_guard lock(mutex_);
  PostgresResult rows = connection_->query(
      std::string("SELECT ") + kBackfillColumns + " FROM backfills WHERE backfill_id = $1",
      {postgres_safe_text(backfill_id)});
  if (rows.rows() == 0) return std::nullopt;
  return internal::read_backfill_row(PostgresRow{rows, 0});
}

std::vector<BackfillRecord> PostgresRunStorage::list_backfills(int64_t limit) const {
  std::lock_guard lock(mutex_);
  PostgresResult rows = connection_->query(std::string("SELECT ") + kBackfillColumns +
                                           " FROM backfills ORDER BY start_time DESC, backfill_id COLLATE \"C\" DESC" +
                                           internal::limit_clause(limit));
  std::vector<BackfillRecord> backfills;
  backfills.reserve(static_cast<size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) backfills.push_back(internal::read_backfill_row(PostgresRow{rows, row}));
  return backfills;
}

}  // namespace strata
