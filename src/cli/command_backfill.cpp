// `backfill`: materialize a selection over many partitions, one line of
// progress per run, and a summary naming the failed partitions.
#include "cli/launch_support.hpp"
#include "cli/partition_summary.hpp"
#include "cli/record_json.hpp"
#include "cli/text_format.hpp"
#include "strata/orchestrate/backfill.hpp"

namespace strata::cli {

namespace {

void print_progress(std::ostream& out, const BackfillProgress& progress) {
  const RunResult& run = *progress.last_run;
  const std::vector<std::string> keys = run_partitions(run.run);
  const std::string partitions = keys.empty() ? "" : keys.size() == 1 ? keys.front() : keys.front() + "..." + keys.back();
  out << "[" << progress.runs_done << "/" << progress.runs_total << "] " << partitions << "  "
      << run_status_name(run.run.status) << " in " << format_duration_us(run.run.end_time_us - run.run.start_time_us)
      << "  (run " << short_run_id(run.run.run_id) << "; " << progress.partitions_succeeded << " of "
      << progress.partitions_total << " partitions done";
  if (progress.partitions_failed) out << ", " << progress.partitions_failed << " failed";
  out << ")\n";
  if (!run.success() && !run.error.empty()) out << "      " << run.error.substr(0, run.error.find('\n')) << "\n";
  out.flush();
}

Json backfill_to_json(const BackfillRecord& backfill, const std::vector<BackfillPartition>& partitions) {
  Json states = Json::object();
  for (const BackfillPartition& partition : partitions)
    states[partition.key] = {{"state", partition_run_state_name(partition.state)}, {"run_id", partition.run_id}};
  return {{"backfill_id", backfill.backfill_id},
          {"selection", backfill.selection},
          {"strategy", backfill.strategy},
          {"status", backfill_status_name(backfill.status)},
          {"parent_backfill_id", backfill.parent_backfill_id},
          {"start_time_us", backfill.start_time_us},
          {"end_time_us", backfill.end_time_us},
          {"tags", backfill.tags},
          {"partitions", std::move(states)}};
}

void print_backfill_summary(CliContext& context, const BackfillRecord& backfill,
                            const std::vector<BackfillPartition>& partitions) {
  std::ostream& out = context.out;
  const std::vector<std::string> failed = keys_in_state(partitions, PartitionRunState::Failed);
  const std::vector<std::string> pending = keys_in_state(partitions, PartitionRunState::Pending);
  const std::vector<std::string> running = keys_in_state(partitions, PartitionRunState::InProgress);
  const size_t succeeded = keys_in_state(partitions, PartitionRunState::Succeeded).size();
  out << "Backfill " << backfill.backfill_id << " " << backfill_status_name(backfill.status) << ": " << succeeded
      << " of " << partitions.size() << " partitions succeeded";
  if (!failed.empty()) out << ", " << failed.size() << " failed";
  if (!running.empty()) out << ", " << running.size() << " running";
  if (!pending.empty()) out << ", " << pending.size() << " not run";
  if (backfill.end_time_us > 0) out << " (" << format_duration_us(backfill.end_time_us - backfill.start_time_us) << ")";
  out << "\n  selection " << backfill.selection << ", strategy " << backfill.strategy;
  if (!backfill.parent_backfill_id.empty()) out << ", retrying backfill " << backfill.parent_backfill_id;
  out << "\n";
  if (!failed.empty()) out << "  failed:  " << compress_partition_ranges(failed, backfill.partition_keys) << "\n";
  if (!pending.empty()) out << "  not run: " << compress_partition_ranges(pending, backfill.partition_keys) << "\n";
  if (!failed.empty() || (!pending.empty() && backfill.status != BackfillStatus::InProgress))
    out << "Retry them: " << context.program_name << " backfill --retry-failed " << backfill.backfill_id << "\n";
}

}  // namespace

int run_backfill(CliContext& context, const BackfillOptionsCli& options) {
  Instance& instance = context.open_instance();
  BackfillOptions backfill_options;
  backfill_options.run = base_run_options(options.launch);
  // Unset: one run per partition, or for a retry the retried backfill's strategy.
  if (!options.strategy.empty()) backfill_options.strategy = BackfillStrategy::parse(options.strategy);
  const bool show_progress = !options.launch.json && !options.launch.quiet;
  if (show_progress)
    backfill_options.on_progress = [&context](const BackfillProgress& progress) { print_progress(context.out, progress); };
  CancellationToken cancellation;
  backfill_options.run.cancellation = cancellation;

  BackfillResult result;
  {
    SigintCancellation on_ctrl_c(cancellation);
    if (!options.retry_failed.empty()) {
      result = retry_failed_partitions(context.definitions, instance, options.retry_failed, std::move(backfill_options));
    } else {
      const std::vector<std::string> keys =
          resolve_partition_request(context.definitions, instance, options.selection, options.partitions);
      if (keys.empty())
        throw InvalidInputError("say which partitions to backfill: --partition-range FIRST...LAST, --partition KEY "
                                "(repeatable) or --all-partitions");
      if (show_progress)
        context.out << "Backfilling " << keys.size() << " partition" << (keys.size() == 1 ? "" : "s") << " of '"
                    << options.selection << "' (" << keys.front() << (keys.size() > 1 ? "..." + keys.back() : "")
                    << ")\n";
      result = backfill(context.definitions, instance, options.selection, keys, std::move(backfill_options));
    }
  }
  if (options.launch.json) {
    context.out << backfill_to_json(result.backfill, result.partitions).dump(2) << "\n";
  } else {
    context.out << "\n";
    print_backfill_summary(context, result.backfill, result.partitions);
  }
  switch (result.backfill.status) {
    case BackfillStatus::Completed: return static_cast<int>(ExitCode::Success);
    case BackfillStatus::Canceled: return static_cast<int>(ExitCode::Canceled);
    default: return static_cast<int>(ExitCode::RunFailed);
  }
}

int run_backfills(CliContext& context, const BackfillsOptions& options) {
  RunStorage& storage = context.open_instance().storage();
  if (!options.backfill_id.empty()) {
    std::optional<BackfillRecord> backfill = storage.get_backfill(options.backfill_id);
    if (!backfill)
      throw NotFoundError("unknown backfill '" + options.backfill_id + "'; `backfills` lists the recorded ones");
    const std::vector<BackfillPartition> partitions = backfill_partitions(storage, *backfill);
    if (options.json) {
      context.out << backfill_to_json(*backfill, partitions).dump(2) << "\n";
    } else {
      print_backfill_summary(context, *backfill, partitions);
    }
    return 0;
  }
  std::vector<BackfillRecord> backfills = storage.list_backfills(options.limit);
  if (options.json) {
    Json out = Json::array();
    for (const BackfillRecord& backfill : backfills) out.push_back(backfill_to_json(backfill, backfill_partitions(storage, backfill)));
    context.out << out.dump(2) << "\n";
    return 0;
  }
  if (backfills.empty()) {
    context.out << "No backfills recorded. Start one with: " << context.program_name
                << " backfill --select KEY --partition-range FIRST...LAST\n";
    return 0;
  }
  TextTable table({"BACKFILL", "STATUS", "STARTED", "PARTITIONS", "SUCCEEDED", "FAILED", "STRATEGY", "SELECTION"});
  for (const BackfillRecord& backfill : backfills) {
    const std::vector<BackfillPartition> partitions = backfill_partitions(storage, backfill);
    table.add_row({backfill.backfill_id, backfill_status_name(backfill.status), format_time_us(backfill.start_time_us),
                   std::to_string(partitions.size()),
                   std::to_string(keys_in_state(partitions, PartitionRunState::Succeeded).size()),
                   std::to_string(keys_in_state(partitions, PartitionRunState::Failed).size()), backfill.strategy,
                   backfill.selection});
  }
  table.print(context.out, 40);
  return 0;
}

}  // namespace strata::cli
