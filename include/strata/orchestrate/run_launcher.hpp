#pragma once
// Starting runs: materialize a selection of assets, execute a job, or
// re-execute a failed run from its failed steps.
//
// Before anything is recorded, the definitions, the selection and the run
// config are checked; a problem throws (DefinitionError, InvalidInputError,
// ConfigError) and no run exists. Once started, a run always ends with a
// terminal status and event (RUN_SUCCESS, RUN_FAILURE or RUN_CANCELED), even
// when resources fail to set up or the user cancels; failures in user code
// are reported in the result, not thrown.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "strata/orchestrate/cancellation.hpp"
#include "strata/orchestrate/events.hpp"
#include "strata/orchestrate/executor.hpp"
#include "strata/orchestrate/instance.hpp"

namespace strata {

/// Called for every event as it happens (progress output, tests).
using EventListener = std::function<void(const Event&)>;

struct EventBatching {
  /// Log lines are written at least this often...
  std::chrono::milliseconds max_delay{200};
  /// ...or when this many are waiting.
  int64_t max_events = 256;
};

struct RunOptions {
  /// Run config (see run_config.hpp); merged over a job's default config.
  Json run_config = Json::object();
  std::map<std::string, std::string> tags{};
  /// Generated when empty.
  std::string run_id{};
  /// The partitions to materialize when the selection is partitioned (see
  /// ExecutionPlan::for_assets); recorded in the run's tags.
  std::vector<std::string> partitions{};
  /// InProcessExecutor when null.
  std::shared_ptr<Executor> executor{};
  CancellationToken cancellation{};
  std::vector<EventListener> listeners{};
  EventBatching batching{};
};

struct RunResult {
  RunRecord run;
  std::vector<StepOutcome> steps;
  /// Why the run failed outside any step (resource setup, storage), if it did.
  std::string error;
  bool success() const { return run.status == RunStatus::Success; }
  /// The outcome of `step_key`, or nullptr when the run did not include it.
  const StepOutcome* step(const std::string& step_key) const;
};

/// Materializes the assets picked by `selection` (see selection.hpp).
RunResult materialize(const Definitions& definitions, Instance& instance, const std::string& selection,
                      RunOptions options = {});

/// Runs a job (an op job or an asset job) by name.
RunResult execute_job(const Definitions& definitions, Instance& instance, const std::string& job_name,
                      RunOptions options = {});

enum class ReexecutionMode {
  FromFailure,  // the steps that did not succeed (failed, skipped, cancelled, never started)
  All,          // every step again
};

/// Starts a new run of the same job or selection as `parent_run_id`, with
/// the same config unless options.run_config is non-empty. Outputs of steps
/// that are not re-run are loaded from storage. Throws InvalidInputError for
/// an unknown run id, a run still in progress, or (FromFailure) a run with
/// nothing to re-execute.
RunResult reexecute(const Definitions& definitions, Instance& instance, const std::string& parent_run_id,
                    ReexecutionMode mode = ReexecutionMode::FromFailure, RunOptions options = {});

/// Run tags naming the partitions of a run: kPartitionTag holds the one
/// partition; a run of several holds them all in kPartitionsTag
/// (comma-separated) and its first and last in the range tags.
inline constexpr const char* kPartitionTag = "strata/partition";
inline constexpr const char* kPartitionsTag = "strata/partitions";
inline constexpr const char* kPartitionRangeStartTag = "strata/partition_range_start";
inline constexpr const char* kPartitionRangeEndTag = "strata/partition_range_end";
/// The partitions a run recorded in its tags (empty for unpartitioned runs).
std::vector<std::string> run_partitions(const RunRecord& run);

/// A fresh random run id (8-4-4-4-12 hex, like a UUID v4).
std::string new_run_id();

/// The storage key under which an op job keeps output `output` of step
/// `step_key` in run `run_id`.
AssetKey op_output_key(const std::string& run_id, const std::string& step_key, const std::string& output);

}  // namespace strata
