#include <map>

#include "cli/commands.hpp"
#include "cli/record_json.hpp"
#include "cli/text_format.hpp"

namespace strata::cli {

namespace {

struct StepSummary {
  std::string status = "NOT STARTED";
  int attempts = 0;
  int64_t duration_us = 0;
  int64_t rows = -1;
};

std::string time_of_day(int64_t timestamp_us) {
  std::string full = format_time_us(timestamp_us);
  char millis[8];
  std::snprintf(millis, sizeof(millis), ".%03d", static_cast<int>((timestamp_us / 1000) % 1000));
  return full.substr(11) + millis;
}

std::map<std::string, StepSummary> summarize_steps(const RunRecord& run, const std::vector<Event>& events) {
  std::map<std::string, StepSummary> steps;
  for (const std::string& key : run.step_keys) steps[key];
  for (const Event& event : events) {
    if (event.step_key.empty()) continue;
    StepSummary& step = steps[event.step_key];
    switch (event.type) {
      case EventType::StepStart: step.status = "RUNNING"; break;
      case EventType::StepSuccess:
        step.status = "SUCCESS";
        step.attempts = event.data.value("attempts", 1);
        step.duration_us = static_cast<int64_t>(event.data.value("duration_ms", 0.0) * 1000.0);
        break;
      case EventType::StepFailure:
        step.status = event.data.value("canceled", false) ? "CANCELED" : "FAILURE";
        step.attempts = event.data.value("attempts", 1);
        step.duration_us = static_cast<int64_t>(event.data.value("duration_ms", 0.0) * 1000.0);
        break;
      case EventType::StepSkipped: step.status = "SKIPPED"; break;
      case EventType::AssetMaterialization:
        if (event.data.contains("metadata") && event.data["metadata"].contains("row_count"))
          step.rows = std::max<int64_t>(step.rows, 0) + event.data["metadata"]["row_count"].get<int64_t>();
        break;
      default: break;
    }
  }
  return steps;
}

}  // namespace

int run_run(CliContext& context, const RunOptionsCli& options) {
  RunStorage& storage = context.open_instance().storage();
  RunRecord run = find_run(storage, options.run_id);
  std::vector<Event> events = storage.run_events(run.run_id);
  std::string upper = options.min_level;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const LogLevel min_level = parse_log_level(upper);
  auto shown = [&](const Event& event) {
    if (options.logs_only && event.type != EventType::Log) return false;
    return event.type != EventType::Log || event.level >= min_level;
  };

  if (options.json) {
    Json out = run_to_json(run);
    Json list = Json::array();
    for (const Event& event : events)
      if (shown(event)) list.push_back(event_to_json(event));
    out["events"] = std::move(list);
    context.out << out.dump(2) << "\n";
    return 0;
  }
  std::ostream& out = context.out;
  out << "Run " << run.run_id << "  " << displayed_status(run) << "\n";
  out << "  " << (run.job_name == "__asset_job" ? "selection '" + run.selection + "'" : "job " + run.job_name) << "\n";
  out << "  started " << format_time_us(run.start_time_us);
  if (run.end_time_us > 0) {
    out << ", took " << format_duration_us(run.end_time_us - run.start_time_us);
  } else {
    out << ", not finished (still running, or its process " << run.pid << " was killed)";
  }
  out << "\n";
  if (!run.parent_run_id.empty()) out << "  re-execution of " << run.parent_run_id << "\n";
  if (!run.tags.empty()) {
    out << "  tags:";
    for (const auto& [name, value] : run.tags) out << " " << name << "=" << value;
    out << "\n";
  }
  if (!run.run_config.empty()) out << "  config: " << run.run_config.dump() << "\n";

  if (!options.logs_only) {
    out << "\nSteps\n";
    TextTable table({"STEP", "STATUS", "ATTEMPTS", "DURATION", "ROWS"});
    std::map<std::string, StepSummary> steps = summarize_steps(run, events);
    for (const std::string& key : run.step_keys) {
      const StepSummary& step = steps[key];
      table.add_row({key, step.status, step.attempts ? std::to_string(step.attempts) : "-",
                     step.duration_us ? format_duration_us(step.duration_us) : "-",
                     step.rows >= 0 ? format_count(step.rows) : "-"});
    }
    table.print(out);
  }
  out << "\n" << (options.logs_only ? "Logs" : "Events") << "\n";
  for (const Event& event : events) {
    if (!shown(event)) continue;
    std::string kind = event.type == EventType::Log ? log_level_name(event.level) : event_type_name(event.type);
    out << "  " << time_of_day(event.timestamp_us) << "  " << kind;
    if (display_width(kind) < 22) out << std::string(22 - display_width(kind), ' ');
    // Multi-line messages (a validation report's table) stay under the message column.
    std::string message = event.message;
    for (size_t at = message.find('\n'); at != std::string::npos; at = message.find('\n', at + 1))
      message.insert(at + 1, std::string(38, ' '));
    out << (event.step_key.empty() ? "" : event.step_key + ": ") << message << "\n";
  }
  return 0;
}

}  // namespace strata::cli
