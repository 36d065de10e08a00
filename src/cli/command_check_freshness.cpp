// `check-freshness`: evaluates the freshness checks of the selected assets
// now (meant for cron or a scheduler), records the verdicts and exits 1
// when a check of severity Error failed.
#include "cli/commands.hpp"
#include "cli/text_format.hpp"
#include "strata/orchestrate/freshness.hpp"

namespace strata::cli {

int run_check_freshness(CliContext& context, const FreshnessOptions& options) {
  FreshnessEvaluation evaluation =
      evaluate_freshness_checks(context.definitions, context.open_instance(), options.selection);
  const int code = static_cast<int>(evaluation.error_failed() ? ExitCode::RunFailed : ExitCode::Success);
  if (options.json) {
    Json results = Json::array();
    for (const FreshnessResult& result : evaluation.results)
      results.push_back({{"asset", result.asset_key.to_string()},
                         {"check", result.check},
                         {"severity", check_severity_name(result.severity)},
                         {"passed", result.result.passed},
                         {"description", result.result.description},
                         {"metadata", result.result.metadata}});
    context.out << Json({{"run_id", evaluation.run_id}, {"results", std::move(results)}}).dump(2) << "\n";
    return code;
  }
  if (evaluation.results.empty()) {
    context.out << "No freshness checks in selection '" << options.selection
                << "'. Attach one with .check(AssetCheck::freshness(name, max_lag)).\n";
    return code;
  }
  TextTable table({"ASSET", "CHECK", "RESULT", "SEVERITY", "DETAILS"});
  for (const FreshnessResult& result : evaluation.results)
    table.add_row({result.asset_key.to_string(), result.check, result.result.passed ? "PASSED" : "FAILED",
                   check_severity_name(result.severity), result.result.description});
  table.print(context.out, 70);
  context.out << "Recorded in run " << short_run_id(evaluation.run_id) << "\n";
  return code;
}

}  // namespace strata::cli
