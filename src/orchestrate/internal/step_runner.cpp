// RunCoordinator::execute_step: the error boundary and retry loop around one
// step, shared by every executor.
#include <chrono>

#include "orchestrate/internal/run_coordinator.hpp"
#include "strata/orchestrate/step_errors.hpp"

namespace strata::internal {

namespace {

int64_t elapsed_us(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - since).count();
}

Json error_json(const UserCodeError& error, const std::string& wrapped) {
  Json data = {{"message", wrapped}, {"cause", error.message}, {"type", error.type}};
  if (!error.kind.empty()) data["kind"] = error.kind;
  if (!error.metadata.empty()) data["metadata"] = error.metadata;
  return data;
}

}  // namespace

StepOutcome RunCoordinator::execute_step(const PlanStep& step) {
  const auto started = std::chrono::steady_clock::now();
  StepOutcome outcome;
  outcome.step_key = step.key;
  Json start = {{"kind", step.kind == StepKind::Asset ? "asset" : "op"}};
  if (step.kind == StepKind::Asset) start["assets"] = to_strings(step.asset_keys);
  record_step_event(EventType::StepStart, step, "started " + describe(step), std::move(start));

  const RetryPolicy policy = retry_policy(step);
  for (int attempt = 1;; ++attempt) {
    outcome.attempts = attempt;
    UserCodeError error;
    try {
      if (is_cancelled()) throw RunCanceledError();
      Json details = run_attempt(step, attempt);
      outcome.duration_us = elapsed_us(started);
      details["attempts"] = attempt;
      details["duration_ms"] = static_cast<double>(outcome.duration_us) / 1000.0;
      outcome.failed_check = details.value("failed_check", std::string());
      outcome.blocking_check = details.value("blocking_check", std::string());
      record_step_event(EventType::StepSuccess, step, describe(step) + " succeeded", std::move(details));
      outcome.status = StepStatus::Success;
      return outcome;
    } catch (...) {
      error = describe_current_exception();
    }
    // Everything below runs outside the catch block: recording may throw
    // IOError (storage gone), which the launcher turns into a run failure.
    outcome.duration_us = elapsed_us(started);
    if (error.canceled) {
      outcome.status = StepStatus::Canceled;
      outcome.error = describe(step) + " was cancelled";
      record_step_event(EventType::StepFailure, step, outcome.error,
                        {{"canceled", true}, {"attempts", attempt}}, LogLevel::Warning);
      return outcome;
    }
    const std::string wrapped = describe(step) + " failed" +
                                (attempt > 1 ? " on attempt " + std::to_string(attempt) : "") + ": " + error.message +
                                // Exceptions from outside Strata often say little without their type.
                                (error.kind.empty() ? " (" + error.type + ")" : "");
    const int allowed_retries = std::max(policy.max_retries, error.requested_retries);
    if (error.retryable && attempt <= allowed_retries && !is_cancelled()) {
      std::chrono::milliseconds delay;
      if (error.requested_delay) {
        delay = *error.requested_delay;
      } else {
        std::lock_guard lock(random_mutex_);
        delay = policy.delay_before(attempt, random_);
      }
      Json data = error_json(error, wrapped);
      data["attempt"] = attempt;
      data["next_attempt"] = attempt + 1;
      data["max_attempts"] = allowed_retries + 1;
      data["delay_ms"] = delay.count();
      record_step_event(EventType::StepRetry, step,
                        wrapped + "; retrying in " + std::to_string(delay.count()) + " ms (attempt " +
                            std::to_string(attempt + 1) + " of " + std::to_string(allowed_retries + 1) + ")",
                        std::move(data), LogLevel::Warning);
      if (cancellation_.wait_for(delay)) {
        outcome.status = StepStatus::Canceled;
        outcome.error = describe(step) + " was cancelled while waiting to retry";
        record_step_event(EventType::StepFailure, step, outcome.error, {{"canceled", true}, {"attempts", attempt}},
                          LogLevel::Warning);
        return outcome;
      }
      continue;
    }
    outcome.status = StepStatus::Failure;
    outcome.error = wrapped;
    Json data = error_json(error, wrapped);
    data["attempts"] = attempt;
    data["duration_ms"] = static_cast<double>(outcome.duration_us) / 1000.0;
    record_step_event(EventType::StepFailure, step, wrapped, std::move(data), LogLevel::Error);
    return outcome;
  }
}

}  // namespace strata::internal
