#include "strata/orchestrate/asset_check.hpp"

#include "strata/core/error.hpp"

namespace strata {

const char* check_severity_name(CheckSeverity severity) {
  return severity == CheckSeverity::Warn ? "WARN" : "ERROR";
}

CheckResult CheckResult::pass(std::string description, Metadata metadata) {
  return {true, std::move(description), std::move(metadata)};
}
CheckResult CheckResult::fail(std::string description, Metadata metadata) {
  return {false, std::move(description), std::move(metadata)};
}

AssetCheck::AssetCheck(std::string name, Function function) : name_(std::move(name)), function_(std::move(function)) {
  if (name_.empty()) throw InvalidInputError("an asset check needs a name");
  if (!function_) throw InvalidInputError("asset check '" + name_ + "' has no function");
}

AssetCheck AssetCheck::freshness(std::string name, std::chrono::seconds max_lag) {
  if (max_lag.count() <= 0)
    throw InvalidInputError("freshness check '" + name + "' needs a positive maximum lag, not " +
                            std::to_string(max_lag.count()) + " s");
  // The data function is never called: freshness is judged from run storage.
  AssetCheck check(std::move(name), [](const DataFrame&) { return CheckResult::pass(); });
  check.max_lag_ = max_lag;
  check.severity_ = CheckSeverity::Warn;
  return check;
}

AssetCheck AssetCheck::row_count(std::string name, std::optional<int64_t> min, std::optional<int64_t> max) {
  if (min && max && *min > *max)
    throw InvalidInputError("asset check '" + name + "': row count minimum " + std::to_string(*min) +
                            " is above the maximum " + std::to_string(*max));
  std::string range = std::string(min ? std::to_string(*min) : "0") + ".." + (max ? std::to_string(*max) : "");
  AssetCheck check(std::move(name), [min, max, range](const DataFrame& frame) {
    const int64_t rows = frame.height();
    Metadata metadata = {{"row_count", rows}};
    if (min) metadata["min"] = *min;
    if (max) metadata["max"] = *max;
    if ((min && rows < *min) || (max && rows > *max))
      return CheckResult::fail(std::to_string(rows) + " rows, expected " + range, std::move(metadata));
    return CheckResult::pass(std::to_string(rows) + " rows", std::move(metadata));
  });
  check.description("row count in " + range);
  return check;
}

AssetCheck AssetCheck::no_nulls(std::string name, std::vector<std::string> columns) {
  if (columns.empty()) throw InvalidInputError("asset check '" + name + "': no_nulls needs at least one column");
  std::string listed;
  for (const std::string& column : columns) listed += (listed.empty() ? "" : ", ") + column;
  AssetCheck check(std::move(name), [columns](const DataFrame& frame) {
    Metadata nulls = Metadata::object();
    std::string problems;
    for (const std::string& column : columns) {
      if (!frame.has_column(column)) {
        problems += (problems.empty() ? "" : "; ") + ("column '" + column + "' is missing");
        continue;
      }
      const int64_t count = frame.column(column).null_count();
      nulls[column] = count;
      if (count > 0) problems += (problems.empty() ? "" : "; ") + ("'" + column + "' has " + std::to_string(count) + " nulls");
    }
    Metadata metadata = {{"null_counts", std::move(nulls)}};
    if (!problems.empty()) return CheckResult::fail(problems, std::move(metadata));
    return CheckResult::pass("no nulls", std::move(metadata));
  });
  check.description("no nulls in " + listed);
  return check;
}

AssetCheck& AssetCheck::severity(CheckSeverity severity) {
  severity_ = severity;
  return *this;
}
AssetCheck& AssetCheck::blocking(bool blocking) {
  blocking_ = blocking;
  return *this;
}
AssetCheck& AssetCheck::description(std::string text) {
  description_ = std::move(text);
  return *this;
}

Event check_result_event(const AssetCheck& check, const std::string& asset_key, const CheckResult& result) {
  const bool is_error = check.severity() == CheckSeverity::Error;
  Event event;
  event.type = EventType::AssetCheck;
  event.asset_key = asset_key;
  event.level = result.passed ? LogLevel::Info : (is_error ? LogLevel::Error : LogLevel::Warning);
  event.message = "check '" + check.name() + "' of asset '" + asset_key + "' " + (result.passed ? "passed" : "failed") +
                  (result.description.empty() ? "" : ": " + result.description);
  event.data = {{"check", check.name()},
                {"passed", result.passed},
                {"severity", check_severity_name(check.severity())},
                {"blocking", check.is_blocking()},
                {"description", result.description},
                {"metadata", result.metadata}};
  return event;
}

}  // namespace strata
