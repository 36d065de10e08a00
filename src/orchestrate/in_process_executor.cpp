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

std::vector<StepOutcome> InProcessExecutor::execute(RunContext& run) {
  std::vector<StepOutcome> outcomes;
  std::map<std::string, StepStatus> status_of;
  for (const PlanStep& step : run.plan().steps()) {
    StepOutcome outcome;
    if (run.is_cancelled()) {
      outcome = run.skip_step(step, "the run was cancelled", StepStatus::Canceled);
    } else {
      std::string blocked_by;
      for (const std::string& upstream : step.upstream_steps) {
        auto it = status_of.find(upstream);
        if (it != status_of.end() && it->second != StepStatus::Success) {
          blocked_by = upstream;
          break;
        }
      }
      outcome = blocked_by.empty()
                    ? run.execute_step(step)
                    : run.skip_step(step, "upstream step '" + blocked_by + "' did not succeed", StepStatus::Skipped);
    }
    status_of[step.key] = outcome.status;
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

}  // namespace strata
