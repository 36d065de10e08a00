#include "cli/launch_support.hpp"

#include "cli/progress_printer.hpp"
#include "cli/record_json.hpp"
#include "cli/text_format.hpp"
#include "strata/orchestrate/multiprocess_executor.hpp"
#include "strata/orchestrate/run_config.hpp"

namespace strata::cli {

Json read_run_config(const LaunchOptions& options) {
  Json config = Json::object();
  for (const std::string& file : options.config_files) config = merge_config(config, load_yaml_config_file(file));
  for (const std::string& assignment : options.assignments) apply_config_assignment(config, assignment);
  return config;
}

namespace {

std::map<std::string, std::string> parse_tags(const std::vector<std::string>& tags) {
  std::map<std::string, std::string> parsed;
  for (const std::string& tag : tags) {
    size_t equals = tag.find('=');
    if (equals == std::string::npos || equals == 0)
      throw InvalidInputError("tag '" + tag + "' must be written name=value, e.g. --tag team=finance");
    parsed[tag.substr(0, equals)] = tag.substr(equals + 1);
  }
  return parsed;
}

void print_summary(CliContext& context, const RunResult& result) {
  std::ostream& out = context.out;
  const RunRecord& run = result.run;
  int succeeded = 0;
  int failed = 0;
  int skipped = 0;
  for (const StepOutcome& step : result.steps) {
    if (step.status == StepStatus::Success) ++succeeded;
    if (step.status == StepStatus::Failure) ++failed;
    if (step.status == StepStatus::Skipped || step.status == StepStatus::Canceled) ++skipped;
  }
  out << "\nRun " << run.run_id << " " << run_status_name(run.status) << " in "
      << format_duration_us(run.end_time_us - run.start_time_us) << ": " << succeeded << " succeeded";
  if (failed) out << ", " << failed << " failed";
  if (skipped) out << ", " << skipped << " not run";
  out << "\n";
  for (const StepOutcome& step : result.steps)
    if (step.status == StepStatus::Failure) out << "  " << step.error << "\n";
  if (!result.error.empty() && failed == 0) out << "  " << result.error << "\n";
  out << "Details: " << context.program_name << " run " << short_run_id(run.run_id) << "\n";
  if (run.status != RunStatus::Success)
    out << "Retry what did not succeed: " << context.program_name << " reexecute " << short_run_id(run.run_id) << "\n";
}

}  // namespace

RunOptions base_run_options(const LaunchOptions& options) {
  RunOptions run_options;
  run_options.run_config = read_run_config(options);
  run_options.tags = parse_tags(options.tags);
  if (options.executor == "multiprocess") {
    MultiprocessOptions executor_options;
    executor_options.max_concurrent = options.max_concurrent;
    run_options.executor = std::make_shared<MultiprocessExecutor>(executor_options);
  }
  return run_options;
}

int launch_and_report(CliContext& context, const LaunchOptions& options,
                      const std::function<RunResult(Instance&, RunOptions)>& start) {
  Instance& instance = context.open_instance();
  RunOptions run_options = base_run_options(options);
  std::shared_ptr<ProgressPrinter> progress;
  if (!options.json && !options.quiet) {
    progress = std::make_shared<ProgressPrinter>(context.out);
    run_options.listeners.push_back([progress](const Event& event) { progress->on_event(event); });
  }
  CancellationToken cancellation;
  run_options.cancellation = cancellation;
  RunResult result;
  {
    SigintCancellation on_ctrl_c(cancellation);
    result = start(instance, std::move(run_options));
  }
  progress.reset();
  if (options.json) {
    Json steps = Json::array();
    for (const StepOutcome& step : result.steps) steps.push_back(step_outcome_to_json(step));
    Json out = run_to_json(result.run);
    out["step_results"] = std::move(steps);
    if (!result.error.empty()) out["error"] = result.error;
    context.out << out.dump(2) << "\n";
  } else {
    print_summary(context, result);
  }
  switch (result.run.status) {
    case RunStatus::Success: return static_cast<int>(ExitCode::Success);
    case RunStatus::Canceled: return static_cast<int>(ExitCode::Canceled);
    default: return static_cast<int>(ExitCode::RunFailed);
  }
}

}  // namespace strata::cli
