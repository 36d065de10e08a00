#include "orchestrate/internal/text_split.hpp"
#include "strata/orchestrate/run_launcher.hpp"

#include <unistd.h>

#include <random>
#include <set>

#include "orchestrate/internal/run_coordinator.hpp"
#include "strata/orchestrate/run_config.hpp"
#include "strata/orchestrate/run_ownership.hpp"

namespace strata {

namespace {

RunStatus final_status(const std::vector<StepOutcome>& outcomes, bool cancelled) {
  bool all_succeeded = true;
  bool any_canceled = false;
  for (const StepOutcome& outcome : outcomes) {
    // A failed Error check fails the run although its asset was stored.
    if (outcome.status != StepStatus::Success || !outcome.failed_check.empty()) all_succeeded = false;
    if (outcome.status == StepStatus::Canceled) any_canceled = true;
  }
  if (all_succeeded) return RunStatus::Success;
  return (cancelled || any_canceled) ? RunStatus::Canceled : RunStatus::Failure;
}

void record_run_event(internal::EventRecorder& events, EventType type, const std::string& message, Json data,
                      LogLevel level = LogLevel::Info) {
  Event event;
  event.type = type;
  event.message = message;
  event.level = level;
  event.data = std::move(data);
  events.record(std::move(event));
}

void tag_run_partitions(std::map<std::string, std::string>& tags, const std::vector<std::string>& partitions) {
  for (const char* tag : {kPartitionTag, kPartitionsTag, kPartitionRangeStartTag, kPartitionRangeEndTag}) tags.erase(tag);
  if (partitions.size() == 1) tags[kPartitionTag] = partitions.front();
  if (partitions.size() < 2) return;
  std::string joined;
  for (const std::string& key : partitions) joined += (joined.empty() ? "" : ",") + key;
  tags[kPartitionsTag] = joined;
  tags[kPartitionRangeStartTag] = partitions.front();
  tags[kPartitionRangeEndTag] = partitions.back();
}

/// Runs `plan` from start to terminal status. Checks happen before the run record exists.
RunResult launch(const Definitions& definitions, Instance& instance, const ExecutionPlan& plan, RunOptions options,
                 const Json& default_config, std::string parent_run_id, std::string root_run_id,
                 std::map<std::string, std::string> origins) {
  const Json run_config = merge_config(default_config, options.run_config);
  ResolvedRunConfig resolved = resolve_run_config(definitions, plan, run_config);

  RunRecord record;
  record.run_id = options.run_id.empty() ? new_run_id() : options.run_id;
  record.job_name = plan.job_name();
  record.status = RunStatus::Started;
  record.selection = plan.selection();
  record.step_keys = plan.step_keys();
  record.run_config = run_config;
  record.tags = options.tags;
  tag_run_owner(record.tags);
  tag_run_partitions(record.tags, plan.partition_keys());
  record.parent_run_id = std::move(parent_run_id);
  record.root_run_id = root_run_id.empty() ? record.run_id : std::move(root_run_id);
  record.start_time_us = now_us();
  record.pid = ::getpid();
  instance.storage().add_run(record);

  RunResult result;
  std::shared_ptr<Executor> executor = options.executor ? options.executor : std::make_shared<InProcessExecutor>();
  internal::RunCoordinator run(definitions, instance, plan, std::move(resolved), options, record.run_id,
                               std::move(origins));
  try {
    record_run_event(run.events(), EventType::RunStart,
                     "started run of " + (plan.is_op_job() ? "job '" + plan.job_name() + "'"
                                                           : "selection '" + plan.selection() + "'") +
                         " (" + std::to_string(plan.steps().size()) + " step" +
                         (plan.steps().size() == 1 ? "" : "s") + ", " + executor->name() + " executor)",
                     {{"steps", plan.step_keys()}, {"executor", executor->name()}, {"parent_run_id", record.parent_run_id}});
    bool resources_ready = false;
    try {
      run.resources().setup(definitions, plan.required_resources(), run.config().resources, record.run_id,
                            [&run](LogLevel level, const std::string& message) { run.log("", level, message); });
      resources_ready = true;
    } catch (const Error& error) {
      result.error = error.what();
    }
    if (resources_ready) result.steps = executor->execute(run);
    for (const std::string& problem : run.resources().teardown()) run.log("", LogLevel::Error, problem);

    record.status = resources_ready ? final_status(result.steps, run.is_cancelled()) : RunStatus::Failure;
    if (record.status == RunStatus::Failure && result.error.empty()) {
      for (const StepOutcome& outcome : result.steps)
        if (outcome.status == StepStatus::Failure) {
          result.error = outcome.error;
          break;
        }
      for (const StepOutcome& outcome : result.steps)
        if (result.error.empty() && !outcome.failed_check.empty()) result.error = outcome.failed_check;
    }
  } catch (...) {
    // Storage or an executor broke mid-run: still end the run, then report.
    record.status = RunStatus::Failure;
    try {
      throw;
    } catch (const std::exception& error) {
      result.error = std::string("the run stopped unexpectedly: ") + error.what();
    } catch (...) {
      result.error = "the run stopped unexpectedly";
    }
  }
  record.end_time_us = now_us();
  const EventType end_type = record.status == RunStatus::Success   ? EventType::RunSuccess
                             : record.status == RunStatus::Canceled ? EventType::RunCanceled
                                                                    : EventType::RunFailure;
  const int64_t duration_ms = (record.end_time_us - record.start_time_us) / 1000;
  std::string message = std::string("run ") + run_status_name(record.status) + " after " + std::to_string(duration_ms) + " ms";
  if (!result.error.empty() && record.status == RunStatus::Failure) message += ": " + result.error;
  // Terminal records are written even when events failed above; a second
  // failure here propagates (storage is unusable).
  record_run_event(run.events(), end_type, message, {{"duration_ms", duration_ms}, {"error", result.error}},
                   record.status == RunStatus::Success ? LogLevel::Info : LogLevel::Error);
  run.events().flush();
  instance.storage().update_run_status(record.run_id, record.status, record.end_time_us);
  instance.storage().apply_retention(instance.settings().retention, now_us());
  result.run = record;
  return result;
}

/// For each step of `plan` that `parent` and its ancestors completed, the run holding its outputs.
std::map<std::string, std::string> completed_steps(RunStorage& storage, const RunRecord& parent) {
  std::map<std::string, std::string> origin;
  std::set<std::string> resolved;  // steps whose fate is known (succeeded somewhere, or asked and failed)
  std::optional<RunRecord> current = parent;
  while (current) {
    EventFilter successes;
    successes.types = {EventType::StepSuccess};
    std::set<std::string> asked(current->step_keys.begin(), current->step_keys.end());
    for (const Event& event : storage.run_events(current->run_id, successes))
      // A step whose Error check failed stored data the run rejected: run it again.
      if (!resolved.count(event.step_key) && !event.data.contains("failed_check")) {
        origin[event.step_key] = current->run_id;
        resolved.insert(event.step_key);
      }
    // Steps this run was asked to do and did not finish stay unresolved-failed.
    for (const std::string& step : asked) resolved.insert(step);
    if (current->parent_run_id.empty()) break;
    current = storage.get_run(current->parent_run_id);
  }
  return origin;
}

}  // namespace

const StepOutcome* RunResult::step(const std::string& step_key) const {
  for (const StepOutcome& outcome : steps)
    if (outcome.step_key == step_key) return &outcome;
  return nullptr;
}

std::vector<std::string> run_partitions(const RunRecord& run) {
  if (auto one = run.tags.find(kPartitionTag); one != run.tags.end()) return {one->second};
  auto all = run.tags.find(kPartitionsTag);
  if (all == run.tags.end()) return {};
  return internal::split_at(all->second, ',');
}

std::string new_run_id() {
  // A fresh device read per id: a generator seeded once would repeat ids
  // in processes forked from this one.
  std::random_device device;
  auto draw = [&device] { return (static_cast<uint64_t>(device()) << 32) | device(); };
  const uint64_t high = draw();
  const uint64_t low = draw();
  char text[40];
  std::snprintf(text, sizeof(text), "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                static_cast<unsigned>((high >> 16) & 0xffff), static_cast<unsigned>(high & 0xfff),
                static_cast<unsigned>(0x8000 | ((low >> 48) & 0x3fff)),
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text;
}

AssetKey op_output_key(const std::string& run_id, const std::string& step_key, const std::string& output) {
  return AssetKey(std::vector<std::string>{"__op_outputs", run_id, step_key, output});
}

RunResult materialize(const Definitions& definitions, Instance& instance, const std::string& selection,
                      RunOptions options) {
  ExecutionPlan plan = ExecutionPlan::for_assets(definitions, AssetSelection::parse(selection), "__asset_job",
                                                 options.partitions, PartitionContext{&instance.storage(), 0});
  return launch(definitions, instance, plan, std::move(options), Json::object(), "", "", {});
}

RunResult execute_job(const Definitions& definitions, Instance& instance, const std::string& job_name,
                      RunOptions options) {
  ExecutionPlan plan =
      ExecutionPlan::for_job(definitions, job_name, options.partitions, PartitionContext{&instance.storage(), 0});
  const JobDefinition* job = definitions.find_job(job_name);
  for (const auto& [name, value] : job->tags()) options.tags.emplace(name, value);
  return launch(definitions, instance, plan, std::move(options), job->default_config(), "", "", {});
}

RunResult reexecute(const Definitions& definitions, Instance& instance, const std::string& parent_run_id,
                    ReexecutionMode mode, RunOptions options) {
  std::optional<RunRecord> parent = instance.storage().get_run(parent_run_id);
  if (!parent) throw InvalidInputError("unknown run '" + parent_run_id + "'; run `runs` to list the recorded runs");
  if (parent->status == RunStatus::Started)
    throw InvalidInputError("run '" + parent_run_id +
                            "' has not finished (or its process died); only finished runs can be re-executed");
  ExecutionPlan full = parent->job_name == "__asset_job"
                           ? ExecutionPlan::for_assets(definitions, AssetSelection::parse(parent->selection),
                                                       "__asset_job", run_partitions(*parent),
                                                       PartitionContext{&instance.storage(), 0})
                           : ExecutionPlan::for_job(definitions, parent->job_name, run_partitions(*parent),
                                                    PartitionContext{&instance.storage(), 0});
  std::map<std::string, std::string> origins;
  std::set<std::string> to_run;
  if (mode == ReexecutionMode::All) {
    for (const std::string& key : full.step_keys()) to_run.insert(key);
  } else {
    origins = completed_steps(instance.storage(), *parent);
    for (const std::string& key : full.step_keys())
      if (!origins.count(key)) to_run.insert(key);
    if (to_run.empty())
      throw InvalidInputError("run '" + parent_run_id + "' completed every step; nothing to re-execute from failure");
  }
  ExecutionPlan plan = full.subset(to_run);
  if (options.run_config.empty()) options.run_config = parent->run_config;
  if (options.tags.empty()) options.tags = parent->tags;
  options.tags["strata/parent_run_id"] = parent_run_id;
  return launch(definitions, instance, plan, std::move(options), Json::object(), parent_run_id,
                parent->root_run_id.empty() ? parent_run_id : parent->root_run_id, std::move(origins));
}

}  // namespace strata
