#pragma once
// SQL fragments shared by the SQL run storages (SQLite, PostgreSQL), so that
// both filter and limit event queries the same way.
#include <cstdint>
#include <string>
#include <vector>

#include "strata/orchestrate/events.hpp"

namespace strata::internal {

// Column lists and event-type sets both SQL schemas share.
inline constexpr const char* kRunColumns =
    "run_id, job_name, status, selection, step_keys, run_config, tags, parent_run_id, root_run_id, "
    "start_time, end_time, pid";
inline constexpr const char* kEventColumns =
    "id, run_id, timestamp, type, step_key, asset_key, level, message, data, partition_key";
inline constexpr const char* kBackfillColumns =
    "backfill_id, selection, partition_keys, strategy, status, run_config, tags, parent_backfill_id, start_time, "
    "end_time";
/// An asset's history: what `asset KEY` lists and retention keeps the latest of.
inline constexpr const char* kAssetTypes = "('ASSET_MATERIALIZATION', 'ASSET_OBSERVATION')";
/// The ids of each asset partition's latest materialization and observation: what retention keeps.
inline constexpr const char* kLatestAssetEvents =
    "SELECT MAX(id) FROM events WHERE asset_key <> '' AND type IN ('ASSET_MATERIALIZATION', "
    "'ASSET_OBSERVATION') GROUP BY asset_key, partition_key, type";
/// What wiping an asset deletes: its history and its check results.
inline constexpr const char* kWipedAssetTypes = "('ASSET_MATERIALIZATION', 'ASSET_OBSERVATION', 'ASSET_CHECK')";

/// " AND type IN ('A', 'B')" for an event filter, or "" for any type. The
/// names come from our own enum, never from user input.
std::string event_type_clause(const std::vector<EventType>& types);

/// " LIMIT n", or "" when limit <= 0 (no limit).
std::string limit_clause(int64_t limit);

}  // namespace strata::internal
