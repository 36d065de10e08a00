#include "strata/orchestrate/freshness.hpp"

#include <unistd.h>

#include "orchestrate/internal/time_window_partitions.hpp"
#include "strata/orchestrate/asset_graph.hpp"
#include "strata/orchestrate/partition_status.hpp"
#include "strata/orchestrate/run_launcher.hpp"
#include "strata/orchestrate/run_ownership.hpp"
#include "strata/orchestrate/selection.hpp"

namespace strata {

namespace {

constexpr int64_t kMicros = 1000000;

std::string describe_age(int64_t microseconds) {
  const int64_t seconds = microseconds / kMicros;
  if (seconds < 120) return std::to_string(seconds) + " s";
  if (seconds < 2 * 3600) return std::to_string(seconds / 60) + " min";
  if (seconds < 2 * 86400) return std::to_string(seconds / 3600) + " h";
  return std::to_string(seconds / 86400) + " days";
}

/// Unpartitioned assets: the age of the latest materialization.
CheckResult judge_latest(const RunStorage& storage, const std::string& key, int64_t max_lag_us, int64_t now) {
  EventFilter latest;
  latest.types = {EventType::AssetMaterialization};
  latest.limit = 1;
  std::vector<Event> found = storage.asset_events(key, latest);
  if (found.empty()) return CheckResult::fail("never materialized", {{"max_lag_seconds", max_lag_us / kMicros}});
  const int64_t age = now - found.front().timestamp_us;
  Metadata metadata = {{"age_seconds", age / kMicros},
                       {"max_lag_seconds", max_lag_us / kMicros},
                       {"last_materialization_run", found.front().run_id}};
  if (age <= max_lag_us) return CheckResult::pass("materialized " + describe_age(age) + " ago", metadata);
  return CheckResult::fail("last materialized " + describe_age(age) + " ago, more than the allowed " +
                               describe_age(max_lag_us),
                           metadata);
}

/// Time-partitioned assets: the newest partition that has ended.
CheckResult judge_partitions(const RunStorage& storage, const std::string& key, const PartitionsDefinition& partitions,
                             int64_t max_lag_us, int64_t now) {
  const std::vector<std::string> keys = partitions.keys(PartitionContext{&storage, now});
  if (keys.empty()) return CheckResult::pass("no partition has ended yet");
  const std::string& newest = keys.back();
  const PartitionStatus status = asset_partition_statuses(storage, key, {newest}).front();
  const int64_t overdue_for = now - partitions.time_window(newest)->end_us;
  Metadata metadata = {{"partition", newest}, {"max_lag_seconds", max_lag_us / kMicros}};
  if (status.state == PartitionState::Materialized)
    return CheckResult::pass("newest partition " + newest + " is materialized", metadata);
  if (overdue_for <= max_lag_us)
    return CheckResult::pass("newest partition " + newest + " ended " + describe_age(overdue_for) +
                                 " ago, within the allowed " + describe_age(max_lag_us),
                             metadata);
  metadata["overdue_seconds"] = overdue_for / kMicros;
  return CheckResult::fail("newest partition " + newest + " ended " + describe_age(overdue_for) + " ago and is " +
                               (status.state == PartitionState::Failed ? "failed" : "missing"),
                           metadata);
}

}  // namespace

bool FreshnessEvaluation::error_failed() const {
  for (const FreshnessResult& result : results)
    if (!result.result.passed && result.severity == CheckSeverity::Error) return true;
  return false;
}

FreshnessEvaluation evaluate_freshness_checks(const Definitions& definitions, Instance& instance,
                                              const std::string& selection, int64_t now_us) {
  const int64_t now = now_us != 0 ? now_us : strata::now_us();
  AssetGraph graph = definitions.asset_graph();
  RunStorage& storage = instance.storage();
  FreshnessEvaluation evaluation;
  std::vector<Event> events;
  for (const AssetKey& key : AssetSelection::parse(selection).resolve(graph)) {
    const AssetNode& node = graph.node(key);
    if (node.is_external()) continue;
    const PartitionsPtr& partitions = node.definition->partitions_definition();
    for (const AssetCheck& check : node.definition->checks()) {
      if (!check.is_freshness()) continue;
      const int64_t max_lag_us = check.max_lag()->count() * kMicros;
      CheckResult result;
      if (partitions && internal::is_time_window_kind(partitions->kind())) {
        result = judge_partitions(storage, key.to_string(), *partitions, max_lag_us, now);
      } else if (partitions) {
        result = CheckResult::fail("freshness is defined for unpartitioned and time-window partitioned assets, not for " +
                                   partitions->describe() + "; `partitions " + key.to_string() +
                                   "` shows which partitions are missing");
      } else {
        result = judge_latest(storage, key.to_string(), max_lag_us, now);
      }
      events.push_back(check_result_event(check, key.to_string(), result));
      evaluation.results.push_back({key, check.name(), check.severity(), std::move(result)});
    }
  }
  if (evaluation.results.empty()) return evaluation;

  RunRecord run;
  run.run_id = new_run_id();
  run.job_name = kFreshnessJob;
  run.selection = selection;
  run.status = evaluation.error_failed() ? RunStatus::Failure : RunStatus::Success;
  tag_run_owner(run.tags);
  run.root_run_id = run.run_id;
  run.start_time_us = strata::now_us();
  run.end_time_us = run.start_time_us;
  run.pid = ::getpid();
  storage.add_run(run);
  for (Event& event : events) {
    event.run_id = run.run_id;
    event.timestamp_us = run.start_time_us;
  }
  storage.append_events(events);
  evaluation.run_id = run.run_id;
  return evaluation;
}

}  // namespace strata
