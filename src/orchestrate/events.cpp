#include "strata/orchestrate/events.hpp"

#include <array>
#include <chrono>

#include "strata/core/error.hpp"
#include "strata/core/types.hpp"
#include "strata/orchestrate/backfill_record.hpp"

namespace strata {

namespace {

constexpr std::array<std::pair<EventType, const char*>, 13> kEventNames{{
    {EventType::RunStart, "RUN_START"},
    {EventType::RunSuccess, "RUN_SUCCESS"},
    {EventType::RunFailure, "RUN_FAILURE"},
    {EventType::RunCanceled, "RUN_CANCELED"},
    {EventType::StepStart, "STEP_START"},
    {EventType::StepSuccess, "STEP_SUCCESS"},
    {EventType::StepFailure, "STEP_FAILURE"},
    {EventType::StepRetry, "STEP_RETRY"},
    {EventType::StepSkipped, "STEP_SKIPPED"},
    {EventType::AssetMaterialization, "ASSET_MATERIALIZATION"},
    {EventType::AssetObservation, "ASSET_OBSERVATION"},
    {EventType::AssetCheck, "ASSET_CHECK"},
    {EventType::Log, "LOG"},
}};

constexpr std::array<std::pair<RunStatus, const char*>, 4> kStatusNames{{
    {RunStatus::Started, "STARTED"},
    {RunStatus::Success, "SUCCESS"},
    {RunStatus::Failure, "FAILURE"},
    {RunStatus::Canceled, "CANCELED"},
}};

constexpr std::array<std::pair<BackfillStatus, const char*>, 5> kBackfillStatusNames{{
    {BackfillStatus::Requested, "REQUESTED"},
    {BackfillStatus::InProgress, "IN_PROGRESS"},
    {BackfillStatus::Completed, "COMPLETED"},
    {BackfillStatus::Failed, "FAILED"},
    {BackfillStatus::Canceled, "CANCELED"},
}};

constexpr std::array<std::pair<LogLevel, const char*>, 4> kLevelNames{{
    {LogLevel::Debug, "DEBUG"},
    {LogLevel::Info, "INFO"},
    {LogLevel::Warning, "WARNING"},
    {LogLevel::Error, "ERROR"},
}};

template <class Enum, size_t N>
const char* name_of(const std::array<std::pair<Enum, const char*>, N>& table, Enum value) {
  for (const auto& [entry, name] : table)
    if (entry == value) return name;
  return "UNKNOWN";
}

template <class Enum, size_t N>
Enum parse_name(const std::array<std::pair<Enum, const char*>, N>& table, const std::string& name,
                const char* what) {
  std::vector<std::string> names;
  for (const auto& [entry, known] : table) {
    if (name == known) return entry;
    names.emplace_back(known);
  }
  std::string hint = closest_name(name, names);
  throw InvalidInputError(std::string("unknown ") + what + " '" + name + "'" +
                          (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
}

}  // namespace

const char* event_type_name(EventType type) { return name_of(kEventNames, type); }
EventType parse_event_type(const std::string& name) { return parse_name(kEventNames, name, "event type"); }
const char* run_status_name(RunStatus status) { return name_of(kStatusNames, status); }
RunStatus parse_run_status(const std::string& name) { return parse_name(kStatusNames, name, "run status"); }
const char* backfill_status_name(BackfillStatus status) { return name_of(kBackfillStatusNames, status); }
BackfillStatus parse_backfill_status(const std::string& name) {
  return parse_name(kBackfillStatusNames, name, "backfill status");
}
const char* log_level_name(LogLevel level) { return name_of(kLevelNames, level); }
LogLevel parse_log_level(const std::string& name) { return parse_name(kLevelNames, name, "log level"); }

int64_t now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Json encode_event(const Event& event) {
  return {{"id", event.id},
          {"run_id", event.run_id},
          {"timestamp_us", event.timestamp_us},
          {"type", event_type_name(event.type)},
          {"step_key", event.step_key},
          {"asset_key", event.asset_key},
          {"partition", event.partition},
          {"level", log_level_name(event.level)},
          {"message", event.message},
          {"data", event.data}};
}

Event decode_event(const Json& json) {
  try {
    Event event;
    event.id = json.at("id").get<int64_t>();
    event.run_id = json.at("run_id").get<std::string>();
    event.timestamp_us = json.at("timestamp_us").get<int64_t>();
    event.type = parse_event_type(json.at("type").get<std::string>());
    event.step_key = json.at("step_key").get<std::string>();
    event.asset_key = json.at("asset_key").get<std::string>();
    event.partition = json.value("partition", std::string());
    event.level = parse_log_level(json.at("level").get<std::string>());
    event.message = json.at("message").get<std::string>();
    event.data = json.at("data");
    return event;
  } catch (const Json::exception& error) {
    throw InvalidInputError(std::string("malformed event: ") + error.what());
  }
}

}  // namespace strata
