#pragma once
// Asset checks: tests attached to an asset that run after its value is
// stored and report on it. A check never undoes the materialization; it
// records an ASSET_CHECK event, and a failed check of severity Error fails
// the run. A failed *blocking* Error check also skips the steps downstream
// of the asset (STEP_SKIPPED naming the check).
//
//   defs.asset("orders", load_orders)
//       .check(AssetCheck::row_count("min_rows", 1, std::nullopt).blocking())
//       .check(AssetCheck::no_nulls("ids_present", {"order_id"}).severity(CheckSeverity::Warn))
//       .check("positive_amounts", [](const DataFrame& df) { return CheckResult::pass(); });
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "strata/frame/dataframe.hpp"
#include "strata/orchestrate/events.hpp"
#include "strata/orchestrate/value.hpp"

namespace strata {

enum class CheckSeverity { Warn, Error };
const char* check_severity_name(CheckSeverity severity);  // "WARN", "ERROR"

/// What a check found: passed or not, a one-line description, and metadata
/// (counts, offending values) kept on the ASSET_CHECK event.
struct CheckResult {
  bool passed = true;
  std::string description;
  Metadata metadata = Metadata::object();

  static CheckResult pass(std::string description = "", Metadata metadata = Metadata::object());
  static CheckResult fail(std::string description, Metadata metadata = Metadata::object());
};

/// One named check. Copyable; the setters return *this so that a built-in
/// reads as one expression. Defaults: severity Error, not blocking.
class AssetCheck {
 public:
  /// Called with the asset's DataFrame; runs in the step's process. An
  /// exception it throws is reported as a failed check naming the check.
  using Function = std::function<CheckResult(const DataFrame&)>;

  /// Throws InvalidInputError for an empty name or function.
  AssetCheck(std::string name, Function function);

  /// Passes when min <= rows <= max (a missing bound is open).
  static AssetCheck row_count(std::string name, std::optional<int64_t> min, std::optional<int64_t> max);
  /// Passes when every listed column exists and holds no null.
  static AssetCheck no_nulls(std::string name, std::vector<std::string> columns);
  /// Freshness: not run when the asset is materialized but evaluated on
  /// demand (evaluate_freshness_checks, the CLI's `check-freshness`, e.g.
  /// from cron). Passes when the latest materialization is at most
  /// `max_lag` old; for time-partitioned assets, when the newest partition
  /// that has ended is materialized, or ended less than `max_lag` ago.
  /// Severity defaults to Warn. Throws InvalidInputError for a lag <= 0.
  static AssetCheck freshness(std::string name, std::chrono::seconds max_lag);

  AssetCheck& severity(CheckSeverity severity);
  AssetCheck& blocking(bool blocking = true);
  AssetCheck& description(std::string text);

  const std::string& name() const { return name_; }
  CheckSeverity severity() const { return severity_; }
  bool is_blocking() const { return blocking_; }
  const std::string& description() const { return description_; }
  const Function& function() const { return function_; }
  /// Set for freshness checks: the largest allowed age.
  const std::optional<std::chrono::seconds>& max_lag() const { return max_lag_; }
  bool is_freshness() const { return max_lag_.has_value(); }

 private:
  std::string name_;
  Function function_;
  CheckSeverity severity_ = CheckSeverity::Error;
  bool blocking_ = false;
  std::string description_;
  std::optional<std::chrono::seconds> max_lag_;
};

/// The ASSET_CHECK event recording `result` of `check` on `asset_key`
/// (level, message and data filled in; run, step and time left to the recorder).
Event check_result_event(const AssetCheck& check, const std::string& asset_key, const CheckResult& result);

}  // namespace strata
