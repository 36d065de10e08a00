#include "strata/orchestrate/executor.hpp"

#include <map>

namespace strata {

const char* step_status_name(StepStatus status) {
  switch (status) {
    case StepStatus::Success: return "SUCCESS";
    case StepStatus::Failure: return "FAILURE";
    case StepStatus::Skipped: return "SKIPPED";
    case StepStatus::Canceled: return "CANCELED";
  }
  return "UNKNOWN";
}

std::string blocked_reason(const StepOutcome& upstream) {
  if (upstream.status != StepStatus::Success) return "upstream step '" + upstream.step_key + "' did not succeed";
  if (!upstream.blocking_check.empty()) return upstream.blocking_check;
  return "";
}

std::vector<StepOutcome> InProcessExecutor::execute(RunContext& run) {
  std::vector<StepOutcome> outcomes;
  std::map<std::string, StepOutcome> outcome_of;
  for (const PlanStep& step : run.plan().steps()) {
    StepOutcome outcome;
    if (run.is_cancelled()) {
      outcome = run.skip_step(step, "the run was cancelled", StepStatus::Canceled);
    } else {
      std::string blocked_by;
      for (const std::string& upstream : step.upstream_steps) {
        auto it = outcome_of.find(upstream);
        if (it != outcome_of.end()) blocked_by = blocked_reason(it->second);
        if (!blocked_by.empty()) break;
      }
      outcome = blocked_by.empty() ? run.execute_step(step) : run.skip_step(step, blocked_by, StepStatus::Skipped);
    }
    outcome_of[step.key] = outcome;
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

}  // namespace strata
