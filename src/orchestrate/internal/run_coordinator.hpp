#pragma once
// One run in progress: owns its events, resources and resolved config, and
// implements both what executors ask of a run (RunContext) and what step
// contexts ask of it (StepServices). execute_step is the one place where a
// step is run, whatever the executor.
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>

#include "orchestrate/internal/event_recorder.hpp"
#include "orchestrate/internal/resource_set.hpp"
#include "orchestrate/internal/user_code_error.hpp"
#include "strata/orchestrate/context.hpp"
#include "strata/orchestrate/executor.hpp"
#include "strata/orchestrate/instance.hpp"
#include "strata/orchestrate/run_config_validation.hpp"
#include "strata/orchestrate/run_launcher.hpp"

namespace strata::internal {

class RunCoordinator final : public RunContext, public StepServices {
 public:
  /// `origins` maps steps outside the plan (re-execution) to the run whose
  /// storage holds their op outputs.
  RunCoordinator(const Definitions& definitions, Instance& instance, const ExecutionPlan& plan,
                 ResolvedRunConfig config, const RunOptions& options, std::string run_id,
                 std::map<std::string, std::string> origins);

  // RunContext
  const std::string& run_id() const override { return run_id_; }
  const ExecutionPlan& plan() const override { return plan_; }
  bool is_cancelled() const override { return cancellation_.is_cancelled(); }
  CancellationToken cancellation() const override { return cancellation_; }
  void add_dynamic_partitions(const std::string& name, const std::vector<std::string>& keys) override;
  StepOutcome execute_step(const PlanStep& step) override;
  StepOutcome skip_step(const PlanStep& step, const std::string& reason, StepStatus status) override;
  pid_t fork_step_process(std::function<void(const Event&)> child_sink) override;
  void record_reported_event(Event event) override;
  void record_step_event(EventType type, const PlanStep& step, const std::string& message, Json data,
                         LogLevel level) override;
  RetryPolicy retry_policy(const PlanStep& step) const override;
  std::string describe_step(const PlanStep& step) const override { return describe(step); }
  std::string process_local_io_manager(const PlanStep& step) override;

  // StepServices
  void log(const std::string& step_key, LogLevel level, const std::string& message) override;
  void* resource(const std::string& name, const std::type_info& type) override;

  EventRecorder& events() { return events_; }
  ResourceSet& resources() { return resources_; }
  const ResolvedRunConfig& config() const { return config_; }

 private:
  /// One attempt: inputs, user code, outputs. Throws whatever went wrong.
  Json run_attempt(const PlanStep& step, int attempt);
  Json run_asset_attempt(const PlanStep& step, int attempt);
  /// Runs `hook` on the output for `key` and records the ASSET_CHECK event;
  /// throws Failure (not retried) when the check fails.
  void check_output_schema(const PlanStep& step, const AssetKey& key, const SchemaHook& hook, Value& value,
                           Metadata& metadata);
  /// Runs the definition's asset checks on a stored output, records one
  /// ASSET_CHECK event each, and notes failed Error checks in `details`
  /// ("failed_check", "blocking_check"). Never throws for a check's error.
  void run_asset_checks(const PlanStep& step, const AssetKey& key, const Value& value, Json& details);
  Json run_op_attempt(const PlanStep& step, int attempt);
  std::vector<Value> load_asset_inputs(const PlanStep& step, Json& lineage);
  /// An external input's value (of one partition, when `partition` is set).
  Value load_external(const PlanStep& step, const StepInput& input, const std::string& partition);
  /// A stored input's value (of one partition...), noted in `lineage`.
  Value load_stored(const PlanStep& step, const StepInput& input, const std::string& partition, Json& lineage);
  std::vector<Value> load_op_inputs(const PlanStep& step);
  void check_input_kinds(const PlanStep& step, const std::vector<ValueKind>& expected,
                         const std::vector<Value>& inputs) const;
  void record_step_event(EventType type, const PlanStep& step, const std::string& message, Json data) {
    record_step_event(type, step, message, std::move(data), LogLevel::Info);
  }
  /// "asset 'x'", "multi-asset 'm' (assets a, b)", "op 'load' (node 'load_2')".
  std::string describe(const PlanStep& step) const;

  const Definitions& definitions_;
  Instance& instance_;
  const ExecutionPlan& plan_;
  ResolvedRunConfig config_;
  std::string run_id_;
  CancellationToken cancellation_;
  std::map<std::string, std::string> origins_;
  EventRecorder events_;
  ResourceSet resources_;
  std::mutex random_mutex_;
  std::mt19937_64 random_;
};

}  // namespace strata::internal
