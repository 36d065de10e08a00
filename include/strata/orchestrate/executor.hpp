#pragma once
// Executors decide where and in what order a run's steps execute; what a
// step does (load inputs, call user code with retries, store outputs,
// record events) is the same for all of them and lives behind RunContext.
//
// The in-process executor runs steps one after another in plan order; the
// multiprocess executor (multiprocess_executor.hpp) forks a child per step,
// which calls execute_step and reports its events back to the parent.
// Callers (materialize, the CLI) do not change.
#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "strata/orchestrate/cancellation.hpp"
#include "strata/orchestrate/events.hpp"
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
  /// A successful asset step whose check of severity Error failed: the run
  /// fails though the asset was stored. Empty when no such check failed.
  std::string failed_check;
  /// Set when the failed Error check was blocking: downstream steps are
  /// skipped with this message.
  std::string blocking_check;
};

/// Why a step downstream of `upstream` cannot run, or "" when it can.
std::string blocked_reason(const StepOutcome& upstream);

/// What an executor may ask of the run it executes. Implementations are
/// thread-safe: execute_step may run for several steps at once.
class RunContext {
 public:
  virtual ~RunContext() = default;
  virtual const std::string& run_id() const = 0;
  virtual const ExecutionPlan& plan() const = 0;
  virtual bool is_cancelled() const = 0;
  /// The run's cancellation (a forked child cancels its own copy when the
  /// parent asks it to stop).
  virtual CancellationToken cancellation() const = 0;
  /// Runs one step in this process: STEP_START, inputs, user code with
  /// retries inside an error boundary, outputs, STEP_SUCCESS or
  /// STEP_FAILURE. Never throws for errors in user code or storage of
  /// outputs; those become a Failure outcome.
  virtual StepOutcome execute_step(const PlanStep& step) = 0;
  /// Records that `step` will not run (STEP_SKIPPED with `reason`).
  virtual StepOutcome skip_step(const PlanStep& step, const std::string& reason, StepStatus status) = 0;

  // ---- For executors that run steps in forked child processes.
  /// Forks the process. Buffered events are written and standard streams
  /// flushed first, and the event log is held still across the fork. In the
  /// child (return value 0) the run's events go to `child_sink` instead of
  /// storage and listeners, and the child must end with _exit(). In the
  /// parent, returns the child's pid; throws IOError when fork fails. Call
  /// from one thread at a time.
  virtual pid_t fork_step_process(std::function<void(const Event&)> child_sink) = 0;
  /// Parent side: records an event a child reported (listeners, storage),
  /// keeping its timestamp.
  virtual void record_reported_event(Event event) = 0;
  /// Records a step-level event (STEP_RETRY, STEP_FAILURE, ...) with the
  /// step's key and, for single-asset steps, its asset key.
  virtual void record_step_event(EventType type, const PlanStep& step, const std::string& message, Json data,
                                 LogLevel level) = 0;
  /// The retry policy in force for `step` (its own, else the definitions' default).
  virtual RetryPolicy retry_policy(const PlanStep& step) const = 0;
  /// "step 'x' (asset 'x')": how messages name a step.
  virtual std::string describe_step(const PlanStep& step) const = 0;
  /// The name of an IO manager `step` reads or writes that keeps values in
  /// process memory (so other processes cannot see them), or "".
  virtual std::string process_local_io_manager(const PlanStep& step) = 0;
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
