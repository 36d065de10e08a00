#include "cli/commands.hpp"
#include "cli/record_json.hpp"
#include "cli/text_format.hpp"

namespace strata::cli {

int run_runs(CliContext& context, const RunsOptions& options) {
  RunStorage& storage = context.open_instance().storage();
  RunFilter filter;
  filter.limit = options.limit;
  filter.job_name = options.job;
  if (!options.status.empty()) {
    std::string upper = options.status;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    filter.status = parse_run_status(upper);
  }
  std::vector<RunRecord> runs = storage.list_runs(filter);
  if (options.json) {
    Json out = Json::array();
    for (const RunRecord& run : runs) out.push_back(run_to_json(run));
    context.out << out.dump(2) << "\n";
    return 0;
  }
  if (runs.empty()) {
    Instance& instance = context.open_instance();
    const std::string backend = instance.storage().backend_name();
    const std::string where = backend == "sqlite" ? instance.home().string() : "the " + backend + " run storage";
    context.out << "No runs recorded yet in " << where << ". Start one with: " << context.program_name
                << " materialize\n";
    return 0;
  }
  TextTable table({"RUN", "STATUS", "JOB / SELECTION", "STARTED", "DURATION", "STEPS"});
  for (const RunRecord& run : runs) {
    std::string what = run.job_name == "__asset_job" ? "select '" + run.selection + "'" : run.job_name;
    if (!run.parent_run_id.empty()) what += " (re-run of " + short_run_id(run.parent_run_id) + ")";
    std::string duration = run.end_time_us > 0 ? format_duration_us(run.end_time_us - run.start_time_us) : "running";
    table.add_row({short_run_id(run.run_id), displayed_status(run), what, format_time_us(run.start_time_us),
                   duration, std::to_string(run.step_keys.size())});
  }
  table.print(context.out);
  return 0;
}

}  // namespace strata::cli
