#include "orchestrate/internal/run_coordinator.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "strata/core/thread_pool.hpp"

namespace strata::internal {

RunCoordinator::RunCoordinator(const Definitions& definitions, Instance& instance, const ExecutionPlan& plan,
                               ResolvedRunConfig config, const RunOptions& options, std::string run_id,
                               std::map<std::string, std::string> origins)
    : definitions_(definitions),
      instance_(instance),
      plan_(plan),
      config_(std::move(config)),
      run_id_(std::move(run_id)),
      cancellation_(options.cancellation),
      origins_(std::move(origins)),
      events_(instance.storage(), run_id_, options.listeners, options.batching),
      random_(std::random_device{}()) {
  std::map<std::string, std::string> partition_of_step;
  for (const PlanStep& step : plan.steps())
    if (!step.partition.empty()) partition_of_step[step.key] = step.partition;
  events_.set_step_partitions(std::move(partition_of_step));
}

void RunCoordinator::log(const std::string& step_key, LogLevel level, const std::string& message) {
  Event event;
  event.type = EventType::Log;
  event.step_key = step_key;
  event.level = level;
  event.message = message;
  events_.record(std::move(event));
}

void RunCoordinator::add_dynamic_partitions(const std::string& name, const std::vector<std::string>& keys) {
  instance_.storage().add_dynamic_partitions(name, keys);
}

void* RunCoordinator::resource(const std::string& name, const std::type_info& type) {
  return resources_.get(name, type);
}

std::string RunCoordinator::describe(const PlanStep& step) const {
  if (step.kind == StepKind::Op) return "step '" + step.key + "' (op '" + step.op->name() + "')";
  std::string keys;
  for (const AssetKey& key : step.asset_keys) keys += (keys.empty() ? "" : ", ") + key.to_string();
  if (step.asset->kind() == AssetKind::Multi) return "step '" + step.key + "' (multi-asset: " + keys + ")";
  return "step '" + step.key + "' (asset '" + keys + "')";
}

void RunCoordinator::record_step_event(EventType type, const PlanStep& step, const std::string& message, Json data,
                                       LogLevel level) {
  Event event;
  event.type = type;
  event.step_key = step.key;
  // Single-asset steps carry their key so that `asset KEY` can show failures too.
  if (step.kind == StepKind::Asset && step.asset_keys.size() == 1) event.asset_key = step.asset_keys.front().to_string();
  event.level = level;
  event.message = message;
  event.data = std::move(data);
  events_.record(std::move(event));
}

RetryPolicy RunCoordinator::retry_policy(const PlanStep& step) const {
  return step.retry_policy().value_or(definitions_.default_retry_policy().value_or(RetryPolicy{}));
}

std::string RunCoordinator::process_local_io_manager(const PlanStep& step) {
  std::vector<std::string> names;
  for (const StepInput& input : step.inputs)
    if (!input.external) names.push_back(input.io_manager);
  if (step.kind == StepKind::Op) {
    names.push_back(step.op->io_manager());
  } else {
    for (const AssetKey& key : step.asset_keys) names.push_back(step.asset->io_manager_of(*step.asset->spec_for(key)));
  }
  for (const std::string& name : names)
    if (!instance_.io_manager(name, definitions_)->shared_across_processes())
      return name == "default" ? instance_.default_io_manager_name() : name;
  return "";
}

pid_t RunCoordinator::fork_step_process(std::function<void(const Event&)> child_sink) {
  // Buffered output would otherwise be written by parent and child alike.
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  // Pool first: a busy worker may still be recording an event.
  std::unique_lock idle_pool = ThreadPool::hold_global_for_fork();
  std::unique_lock hold = events_.hold_for_fork();
  const pid_t pid = ::fork();
  if (pid < 0) throw IOError(std::string("cannot start a process for a step: ") + std::strerror(errno));
  if (pid == 0) {
    static_cast<void>(idle_pool.release());  // the child gets a fresh pool; the old one is abandoned
    events_.redirect_in_child(std::move(child_sink));
    ThreadPool::reset_global_after_fork();
  }
  return pid;
}

void RunCoordinator::record_reported_event(Event event) {
  event.id = 0;
  events_.record(std::move(event));
}

StepOutcome RunCoordinator::skip_step(const PlanStep& step, const std::string& reason, StepStatus status) {
  record_step_event(EventType::StepSkipped, step, describe(step) + " skipped: " + reason,
                    {{"reason", reason}, {"status", step_status_name(status)}}, LogLevel::Warning);
  StepOutcome outcome;
  outcome.step_key = step.key;
  outcome.status = status;
  outcome.error = reason;
  return outcome;
}

}  // namespace strata::internal
