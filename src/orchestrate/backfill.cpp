#include "strata/orchestrate/backfill.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "strata/core/error.hpp"
#include "strata/orchestrate/run_config_validation.hpp"

namespace strata {

namespace {

/// Whether each partition of a finished run succeeded: every one of its steps did.
std::map<std::string, bool> partition_outcomes(const RunResult& run) {
  std::map<std::string, bool> outcomes;
  for (const StepOutcome& step : run.steps) {
    const std::string partition = partition_of_step_key(step.step_key);
    if (partition.empty()) continue;
    auto [entry, inserted] = outcomes.emplace(partition, true);
    if (step.status != StepStatus::Success || !step.failed_check.empty()) entry->second = false;
  }
  return outcomes;
}

/// Checks what a backfill's runs would check (selection, keys, config)
/// before the backfill is recorded.
void check_request(const Definitions& definitions, Instance& instance, const std::string& selection,
                   const std::vector<std::string>& keys, const RunOptions& run) {
  if (keys.empty()) throw InvalidInputError("a backfill needs at least one partition");
  ExecutionPlan plan = ExecutionPlan::for_assets(definitions, AssetSelection::parse(selection), "__asset_job", keys,
                                                 PartitionContext{&instance.storage(), 0});
  resolve_run_config(definitions, plan, run.run_config);
}

/// The record of a new backfill of `keys`, starting now.
BackfillRecord new_record(const std::string& selection, const std::vector<std::string>& keys,
                          const BackfillStrategy& strategy, const BackfillOptions& options) {
  BackfillRecord record;
  record.backfill_id = options.backfill_id.empty() ? new_run_id().substr(0, 8) : options.backfill_id;
  record.selection = selection;
  record.partition_keys = keys;
  record.strategy = strategy.name();
  record.run_config = options.run.run_config;
  record.tags = options.run.tags;
  record.start_time_us = now_us();
  return record;
}

BackfillResult run_backfill(const Definitions& definitions, Instance& instance, BackfillRecord record,
                            const BackfillStrategy& strategy, BackfillOptions options) {
  record.status = BackfillStatus::InProgress;
  instance.storage().add_backfill(record);

  BackfillResult result;
  const std::vector<std::vector<std::string>> runs = strategy.split(record.partition_keys);
  BackfillProgress progress;
  progress.backfill = &record;
  progress.runs_total = static_cast<int>(runs.size());
  progress.partitions_total = static_cast<int>(record.partition_keys.size());
  bool all_succeeded = true;
  bool cancelled = false;
  try {
    for (const std::vector<std::string>& keys : runs) {
      if (options.run.cancellation.is_cancelled()) {
        cancelled = true;
        break;
      }
      RunOptions run = options.run;
      run.run_id.clear();
      run.partitions = keys;
      run.tags[kBackfillTag] = record.backfill_id;
      result.runs.push_back(materialize(definitions, instance, record.selection, std::move(run)));
      const RunResult& last = result.runs.back();
      if (!last.success()) all_succeeded = false;
      if (last.run.status == RunStatus::Canceled) cancelled = true;
      ++progress.runs_done;
      // Counted from the run just ended (each partition is in one run):
      // asking storage would read all earlier runs again, quadratic in the runs.
      for (const auto& [partition, succeeded] : partition_outcomes(last))
        (succeeded ? progress.partitions_succeeded : progress.partitions_failed) += 1;
      progress.last_run = &last;
      if (options.on_progress) options.on_progress(progress);
      if (cancelled) break;
    }
  } catch (...) {
    // Storage failed or the definitions changed under us: end the record, then report.
    instance.storage().update_backfill_status(record.backfill_id, BackfillStatus::Failed, now_us());
    throw;
  }
  record.status = cancelled ? BackfillStatus::Canceled : all_succeeded ? BackfillStatus::Completed : BackfillStatus::Failed;
  record.end_time_us = now_us();
  instance.storage().update_backfill_status(record.backfill_id, record.status, record.end_time_us);
  result.backfill = record;
  result.partitions = backfill_partitions(instance.storage(), record);
  return result;
}

}  // namespace

BackfillStrategy BackfillStrategy::batches(int size) {
  if (size < 1) throw InvalidInputError("backfill batches need at least 1 partition each, not " + std::to_string(size));
  return BackfillStrategy(Kind::Batched, size);
}

BackfillStrategy BackfillStrategy::parse(const std::string& text) {
  if (text == "per_partition" || text == "per-partition") return per_partition();
  if (text == "single_run" || text == "single-run") return single_run();
  for (const char* prefix : {"batch:", "batch="}) {
    if (text.rfind(prefix, 0) != 0) continue;
    const std::string number = text.substr(6);
    if (!number.empty() && number.size() < 9 && std::all_of(number.begin(), number.end(), ::isdigit))
      return batches(std::stoi(number));
  }
  throw InvalidInputError("unknown backfill strategy '" + text +
                          "'; use per-partition (one run each), batch=N (runs of N partitions) or single-run");
}

std::string BackfillStrategy::name() const {
  switch (kind_) {
    case Kind::PerPartition: return "per_partition";
    case Kind::Batched: return "batch:" + std::to_string(size_);
    case Kind::SingleRun: return "single_run";
  }
  return "per_partition";
}

std::vector<std::vector<std::string>> BackfillStrategy::split(const std::vector<std::string>& keys) const {
  const size_t size = kind_ == Kind::SingleRun ? std::max<size_t>(keys.size(), 1) : static_cast<size_t>(size_);
  std::vector<std::vector<std::string>> runs;
  for (size_t start = 0; start < keys.size(); start += size)
    runs.emplace_back(keys.begin() + static_cast<std::ptrdiff_t>(start),
                      keys.begin() + static_cast<std::ptrdiff_t>(std::min(keys.size(), start + size)));
  return runs;
}

const char* partition_run_state_name(PartitionRunState state) {
  switch (state) {
    case PartitionRunState::Pending: return "PENDING";
    case PartitionRunState::InProgress: return "IN_PROGRESS";
    case PartitionRunState::Succeeded: return "SUCCEEDED";
    case PartitionRunState::Failed: return "FAILED";
  }
  return "PENDING";
}

std::vector<BackfillPartition> backfill_partitions(const RunStorage& storage, const BackfillRecord& backfill) {
  std::map<std::string, BackfillPartition> by_key;
  for (const std::string& key : backfill.partition_keys) by_key[key].key = key;
  RunFilter filter;
  filter.tags = {{kBackfillTag, backfill.backfill_id}};
  filter.limit = 0;
  std::vector<RunRecord> runs = storage.list_runs(filter);
  std::reverse(runs.begin(), runs.end());  // oldest first: later runs decide
  EventFilter successes;
  successes.types = {EventType::StepSuccess};
  for (const RunRecord& run : runs) {
    // A partition succeeded in a run when every one of its steps did. A
    // successful run had every step succeed, so only runs that failed or
    // were cancelled need their step events read.
    const bool read_steps = run.status != RunStatus::Started && run.status != RunStatus::Success;
    std::set<std::string> succeeded_steps;
    if (read_steps)
      for (const Event& event : storage.run_events(run.run_id, successes))
        if (!event.data.contains("failed_check")) succeeded_steps.insert(event.step_key);  // as re-execution does
    std::map<std::string, bool> complete;
    for (const std::string& step : run.step_keys) {
      const std::string partition = partition_of_step_key(step);
      if (partition.empty() || !by_key.count(partition)) continue;
      auto [entry, inserted] = complete.emplace(partition, true);
      if (read_steps && !succeeded_steps.count(step)) entry->second = false;
    }
    for (const auto& [partition, ok] : complete) {
      BackfillPartition& state = by_key[partition];
      state.run_id = run.run_id;
      state.state = run.status == RunStatus::Started ? PartitionRunState::InProgress
                    : ok                             ? PartitionRunState::Succeeded
                                                     : PartitionRunState::Failed;
    }
  }
  std::vector<BackfillPartition> out;
  for (const std::string& key : backfill.partition_keys) out.push_back(by_key[key]);
  return out;
}

BackfillResult backfill(const Definitions& definitions, Instance& instance, const std::string& selection,
                        const std::vector<std::string>& partition_keys, BackfillOptions options) {
  check_request(definitions, instance, selection, partition_keys, options.run);
  const BackfillStrategy strategy = options.strategy.value_or(BackfillStrategy::per_partition());
  BackfillRecord record = new_record(selection, partition_keys, strategy, options);
  return run_backfill(definitions, instance, std::move(record), strategy, std::move(options));
}

BackfillResult retry_failed_partitions(const Definitions& definitions, Instance& instance,
                                       const std::string& backfill_id, BackfillOptions options) {
  std::optional<BackfillRecord> parent = instance.storage().get_backfill(backfill_id);
  if (!parent)
    throw InvalidInputError("unknown backfill '" + backfill_id + "'; run `backfill list` to see the recorded ones");
  if (!is_terminal(parent->status))
    throw InvalidInputError("backfill '" + backfill_id + "' is still " + backfill_status_name(parent->status) +
                            "; retry it once it has ended");
  std::vector<std::string> keys;
  for (const BackfillPartition& partition : backfill_partitions(instance.storage(), *parent))
    if (partition.state != PartitionRunState::Succeeded) keys.push_back(partition.key);
  if (keys.empty())
    throw InvalidInputError("every partition of backfill '" + backfill_id + "' succeeded; nothing to retry");
  if (options.run.run_config.empty()) options.run.run_config = parent->run_config;
  if (options.run.tags.empty()) options.run.tags = parent->tags;
  if (!options.strategy) options.strategy = BackfillStrategy::parse(parent->strategy);
  check_request(definitions, instance, parent->selection, keys, options.run);
  const BackfillStrategy strategy = *options.strategy;
  BackfillRecord record = new_record(parent->selection, keys, strategy, options);
  record.parent_backfill_id = backfill_id;
  return run_backfill(definitions, instance, std::move(record), strategy, std::move(options));
}

}  // namespace strata
