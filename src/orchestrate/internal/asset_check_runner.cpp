// RunCoordinator::run_asset_checks: the error boundary around each asset
// check and the ASSET_CHECK events they record.
#include "orchestrate/internal/run_coordinator.hpp"

namespace strata::internal {

void RunCoordinator::run_asset_checks(const PlanStep& step, const AssetKey& key, const Value& value, Json& details) {
  for (const AssetCheck& check : step.asset->checks()) {
    if (check.is_freshness()) continue;  // judged on demand (freshness.hpp), not on fresh data
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
    Event event = check_result_event(check, key.to_string(), result);
    event.step_key = step.key;
    const std::string message = event.message;
    events_.record(std::move(event));
    if (result.passed || !is_error) continue;
    if (!details.contains("failed_check")) details["failed_check"] = message;
    if (check.is_blocking() && !details.contains("blocking_check"))
      details["blocking_check"] = "blocking check '" + check.name() + "' of asset '" + key.to_string() + "' failed";
  }
}

}  // namespace strata::internal
