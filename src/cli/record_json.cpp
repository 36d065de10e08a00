#include "cli/record_json.hpp"

namespace strata::cli {

Json run_to_json(const RunRecord& run) {
  Json out = {{"run_id", run.run_id},
              {"job", run.job_name},
              {"status", run_status_name(run.status)},
              {"selection", run.selection},
              {"steps", run.step_keys},
              {"config", run.run_config},
              {"tags", run.tags},
              {"start_time_us", run.start_time_us},
              {"end_time_us", run.end_time_us},
              {"pid", run.pid}};
  if (!run.parent_run_id.empty()) out["parent_run_id"] = run.parent_run_id;
  if (!run.root_run_id.empty()) out["root_run_id"] = run.root_run_id;
  if (run.end_time_us > 0) out["duration_ms"] = (run.end_time_us - run.start_time_us) / 1000;
  return out;
}

Json event_to_json(const Event& event) {
  Json out = {{"id", event.id},
              {"run_id", event.run_id},
              {"timestamp_us", event.timestamp_us},
              {"type", event_type_name(event.type)},
              {"level", log_level_name(event.level)},
              {"message", event.message},
              {"data", event.data}};
  if (!event.step_key.empty()) out["step"] = event.step_key;
  if (!event.asset_key.empty()) out["asset"] = event.asset_key;
  return out;
}

Json step_outcome_to_json(const StepOutcome& outcome) {
  Json out = {{"step", outcome.step_key},
              {"status", step_status_name(outcome.status)},
              {"attempts", outcome.attempts},
              {"duration_ms", outcome.duration_us / 1000}};
  if (!outcome.error.empty()) out["error"] = outcome.error;
  return out;
}

}  // namespace strata::cli
