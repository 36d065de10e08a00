// RunCoordinator::run_asset_checks: the error boundary around each asset
// check and the ASSET_CHECK events they record.
#include "orchestrate/internal/run_coordinator.hpp"

namespace strata::internal {

void RunCoordinator::run_asset_checks(const PlanStep& step, const AssetKey& key, const Value& value, Json& details) {
  for (const AssetCheck& check : step.asset->checks()) {
    CheckResult result;
    if (!value.is_frame()) {
      result = CheckResult::fail("the asset's value is a " + std::string(value_kind_name(value.kind())) +
                                 ", not a DataFrame");
    } else {
      try {
        result = check.function()(value.frame());
      } catch (...) {
        UserCodeError error = describe_current_exception();
        result = CheckResult::fail("the check threw: " + error.message + (error.kind.empty() ? " (" + error.type + ")" : ""),
                                   {{"error_type", error.type}});
      }
    }
    const bool is_error = check.severity() == CheckSeverity::Error;
    Event event;
    event.type = EventType::AssetCheck;
    event.step_key = step.key;
    event.asset_key = key.to_string();
    event.level = result.passed ? LogLevel::Info : (is_error ? LogLevel::Error : LogLevel::Warning);
    event.message = "check '" + check.name() + "' of asset '" + key.to_string() + "' " +
                    (result.passed ? "passed" : "failed") +
                    (result.description.empty() ? "" : ": " + result.description);
    event.data = {{"check", check.name()},
                  {"passed", result.passed},
                  {"severity", check_severity_name(check.severity())},
                  {"blocking", check.is_blocking()},
                  {"description", result.description},
                  {"metadata", result.metadata}};
    const std::string message = event.message;
    events_.record(std::move(event));
    if (result.passed || !is_error) continue;
    if (!details.contains("failed_check")) details["failed_check"] = message;
    if (check.is_blocking() && !details.contains("blocking_check"))
      details["blocking_check"] = "blocking check '" + check.name() + "' of asset '" + key.to_string() + "' failed";
  }
}

}  // namespace strata::internal
