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
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "strata/frame/dataframe.hpp"
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

  AssetCheck& severity(CheckSeverity severity);
  AssetCheck& blocking(bool blocking = true);
  AssetCheck& description(std::string text);

  const std::string& name() const { return name_; }
  CheckSeverity severity() const { return severity_; }
  bool is_blocking() const { return blocking_; }
  const std::string& description() const { return description_; }
  const Function& function() const { return function_; }

 private:
  std::string name_;
  Function function_;
  CheckSeverity severity_ = CheckSeverity::Error;
  bool blocking_ = false;
  std::string description_;
};

}  // namespace strata
