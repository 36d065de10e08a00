#pragma once
// Runs and the events they produce: the records that run storage keeps and
// the command line shows.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "strata/orchestrate/value.hpp"

namespace strata {

enum class EventType {
  RunStart,
  RunSuccess,
  RunFailure,
  RunCanceled,
  StepStart,
  StepSuccess,
  StepFailure,
  StepRetry,
  StepSkipped,           // not run because an upstream step failed or the run was cancelled
  AssetMaterialization,  // data: the output's metadata (rows, schema, path, ...)
  AssetObservation,      // an external asset was read; data: what was seen
  AssetCheck,            // an output was checked: by its declared schema (data: schema, passed, metadata)
                         // or by an asset check (data: check, passed, severity, blocking, description, metadata)
  Log,                   // a line from a step's logger; `level` says how severe
};

/// "RUN_START", "STEP_FAILURE", "ASSET_MATERIALIZATION", ...
const char* event_type_name(EventType type);
/// Inverse of event_type_name; throws InvalidInputError naming the closest name.
EventType parse_event_type(const std::string& name);

enum class LogLevel { Debug, Info, Warning, Error };
const char* log_level_name(LogLevel level);  // "DEBUG", "INFO", "WARNING", "ERROR"
LogLevel parse_log_level(const std::string& name);

/// One entry of the event log. `id` is assigned by the storage (increasing
/// in insertion order); 0 before the event is stored.
struct Event {
  int64_t id = 0;
  std::string run_id;
  int64_t timestamp_us = 0;  // microseconds since the Unix epoch
  EventType type = EventType::Log;
  std::string step_key;      // empty for run-level events
  std::string asset_key;     // "a/b" for asset events; empty otherwise
  /// The asset partition the event concerns ("2024-01-31", "2024-01-31|eu");
  /// empty for unpartitioned assets and run-level events.
  std::string partition;
  LogLevel level = LogLevel::Info;
  std::string message;
  Json data = Json::object();  // type-specific details (metadata, error, attempt, ...)
};

/// Every field of an event as JSON, and back (events crossing a process
/// boundary). decode_event throws InvalidInputError for malformed input.
Json encode_event(const Event& event);
Event decode_event(const Json& json);

/// Microseconds since the Unix epoch, now.
int64_t now_us();

enum class RunStatus { Started, Success, Failure, Canceled };
const char* run_status_name(RunStatus status);  // "STARTED", "SUCCESS", "FAILURE", "CANCELED"
RunStatus parse_run_status(const std::string& name);

struct RunRecord {
  std::string run_id;
  /// The asset job or op job run, or "__asset_job" for an ad-hoc selection.
  std::string job_name;
  RunStatus status = RunStatus::Started;
  /// The asset selection string (asset runs) - kept so that a re-execution
  /// rebuilds the same plan.
  std::string selection;
  /// The steps this run was asked to execute (a re-execution runs a subset).
  std::vector<std::string> step_keys;
  Json run_config = Json::object();
  std::map<std::string, std::string> tags;
  std::string parent_run_id;  // set on re-executions
  std::string root_run_id;    // first run of a re-execution chain (itself otherwise)
  int64_t start_time_us = 0;
  int64_t end_time_us = 0;  // 0 while running
  int64_t pid = 0;          // the process that ran it
};

}  // namespace strata
