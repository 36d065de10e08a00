#pragma once
// Errors that user code throws to steer the executor, and the errors the
// executor reports for a step.
#include <chrono>
#include <optional>
#include <string>

#include "strata/core/error.hpp"
#include "strata/orchestrate/value.hpp"

namespace strata {

/// Thrown by user code to fail a step without retrying it, with metadata
/// that is recorded on the failure event.
class Failure : public ComputeError {
 public:
  explicit Failure(const std::string& message, Metadata metadata = Metadata::object())
      : ComputeError(message), metadata_(std::move(metadata)) {}
  const Metadata& metadata() const { return metadata_; }

 private:
  Metadata metadata_;
};

/// Thrown by user code to ask for another attempt (a flaky API, a lock held
/// elsewhere). Retries up to `max_retries` (or the step's policy when
/// larger), waiting `delay` when given, else the policy's delay.
class RetryRequested : public ComputeError {
 public:
  explicit RetryRequested(const std::string& reason, int max_retries = 1,
                          std::optional<std::chrono::milliseconds> delay = std::nullopt)
      : ComputeError(reason), max_retries_(max_retries), delay_(delay) {}
  int max_retries() const { return max_retries_; }
  std::optional<std::chrono::milliseconds> delay() const { return delay_; }

 private:
  int max_retries_;
  std::optional<std::chrono::milliseconds> delay_;
};

/// The run was cancelled (Ctrl-C or CancellationToken::cancel). Thrown by
/// StepContext::check_cancelled; never retried and never wrapped.
class RunCanceledError : public Error {
 public:
  RunCanceledError() : Error(ErrorKind::Compute, "the run was cancelled") {}
};

/// A step's failure as the executor reports it: the user's error wrapped
/// with the step and asset names ("step 'daily_totals' (asset
/// 'daily_totals') failed: ...").
class StepFailedError : public ComputeError {
 public:
  StepFailedError(const std::string& message, std::string step_key, std::string cause_type)
      : ComputeError(message), step_key_(std::move(step_key)), cause_type_(std::move(cause_type)) {}
  const std::string& step_key() const { return step_key_; }
  /// The class of the original error, e.g. "strata::SchemaError".
  const std::string& cause_type() const { return cause_type_; }

 private:
  std::string step_key_;
  std::string cause_type_;
};

}  // namespace strata
