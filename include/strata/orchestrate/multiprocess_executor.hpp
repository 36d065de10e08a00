#pragma once
// Runs each step in its own child process, forked from the pipeline process
// (no re-exec, so a step starts in about a millisecond with the definitions,
// config and resources already in memory).
//
// - At most max_concurrent children run at once (default: the number of
//   cores); a step starts as soon as every upstream step has succeeded.
// - Among ready steps, a higher `strata/priority` tag (an integer, default
//   0) starts first, then plan order. Tag limits cap how many steps with a
//   tag (and value) run at once.
// - The child runs the step exactly as the in-process executor would
//   (RunContext::execute_step: retries of user-code errors included) and
//   streams its events to the parent over a pipe; the parent alone writes
//   run storage and calls listeners, so storage sees one writer per run.
// - A child that dies without reporting (a crash, SIGKILL, the OOM killer)
//   fails its step only: it is started again while the step's retry policy
//   allows (STEP_RETRY), else recorded as STEP_FAILURE; downstream steps
//   are skipped, independent ones go on.
// - Cancellation: no new step starts, and running children get SIGTERM,
//   which cancels the step's run in the child: a step that checks for
//   cancellation stops (its step is recorded CANCELED), a retry wait ends,
//   a step that never checks finishes. Children are killed if the parent dies.
// - Values must be visible across processes: a step whose IO manager keeps
//   values in memory fails with an explanation (use parquet or csv).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "strata/orchestrate/executor.hpp"

namespace strata {

struct TagConcurrencyLimit {
  std::string key;
  /// Only steps whose tag has this value count; unset = any value.
  std::optional<std::string> value;
  int limit = 1;
};

struct MultiprocessOptions {
  /// Children running at once; <= 0 means the number of cores.
  int max_concurrent = 0;
  std::vector<TagConcurrencyLimit> tag_limits{};
};

class MultiprocessExecutor final : public Executor {
 public:
  explicit MultiprocessExecutor(MultiprocessOptions options = {});
  std::string name() const override { return "multiprocess"; }
  std::vector<StepOutcome> execute(RunContext& run) override;
  /// The concurrency limit in effect.
  int max_concurrent() const { return max_concurrent_; }

 private:
  MultiprocessOptions options_;
  int max_concurrent_;
};

/// The tag that orders ready steps (higher first).
inline constexpr const char* kPriorityTag = "strata/priority";

}  // namespace strata
