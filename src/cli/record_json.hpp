#pragma once
// JSON forms of runs and events for --json output (stable field names).
#include "strata/orchestrate/events.hpp"
#include "strata/orchestrate/executor.hpp"

namespace strata::cli {

Json run_to_json(const RunRecord& run);
Json event_to_json(const Event& event);
Json step_outcome_to_json(const StepOutcome& outcome);

}  // namespace strata::cli
