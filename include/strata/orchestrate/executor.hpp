#pragma once
// Executors decide where and in what order a run's steps execute; what a
// step does (load inputs, call user code with retries, store outputs,
// record events) is the same for all of them and lives behind RunContext.
//
// The in-process executor runs steps one after another in plan order. A
// multiprocess executor would launch each ready step in a child process
// (the pipeline binary with a hidden step command that rebuilds a
// RunContext from storage and calls execute_step) and wait for the child's
// STEP_SUCCESS/STEP_FAILURE events; callers (materialize, the CLI) do not
// change.
#include <cstdint>
#include <string>
#include <vector>

#include "strata/orchestrate/execution_plan.hpp"

namespace strata {

enum class StepStatus { Success, Failure, Skipped, Canceled };
const char* step_status_name(StepStatus status);  // "SUCCESS", "FAILURE", "SKIPPED", "CANCELED"

struct StepOutcome {
  std::string step_key;
  StepStatus status = StepStatus::Success;
  int attempts = 0;
  int64_t duration_us = 0;
  std::string error;  // the wrapped message on failure
};

/// What an executor may ask of the run it executes. Implementations are
/// thread-safe: execute_step may run for several steps at once.
class RunContext {
 public:
  virtual ~RunContext() = default;
  virtual const std::string& run_id() const = 0;
  virtual const ExecutionPlan& plan() const = 0;
  virtual bool is_cancelled() const = 0;
  /// Runs one step in this process: STEP_START, inputs, user code with
  /// retries inside an error boundary, outputs, STEP_SUCCESS or
  /// STEP_FAILURE. Never throws for errors in user code or storage of
  /// outputs; those become a Failure outcome.
  virtual StepOutcome execute_step(const PlanStep& step) = 0;
  /// Records that `step` will not run (STEP_SKIPPED with `reason`).
  virtual StepOutcome skip_step(const PlanStep& step, const std::string& reason, StepStatus status) = 0;
};

class Executor {
 public:
  virtual ~Executor() = default;
  virtual std::string name() const = 0;
  /// Executes every step of run.plan() whose upstream steps succeeded,
  /// skipping the others; stops starting steps once the run is cancelled.
  /// Returns one outcome per plan step, in plan order.
  virtual std::vector<StepOutcome> execute(RunContext& run) = 0;
};

/// Runs steps sequentially in plan order in the calling thread (each step
/// still uses the thread pool for its DataFrame work).
class InProcessExecutor final : public Executor {
 public:
  std::string name() const override { return "in_process"; }
  std::vector<StepOutcome> execute(RunContext& run) override;
};

}  // namespace strata
