#include "strata/validate/validation_report.hpp"

#include "validate/internal/text_table.hpp"

namespace strata {

namespace {

using validate_internal::shorten;

// Values longer than this are shortened in the terminal table (the JSON
// report keeps them whole).
constexpr int64_t kMaxValueWidth = 40;

std::string cases_text(const ConstraintFailure& failure) {
  std::string text;
  for (const FailureCase& failure_case : failure.cases)
    text += (text.empty() ? "" : ", ") + std::to_string(failure_case.row) + ": " +
            shorten(failure_case.value, kMaxValueWidth);
  if (failure.failing_rows > static_cast<int64_t>(failure.cases.size()) && !text.empty()) text += ", …";
  if (!failure.detail.empty()) text += (text.empty() ? "" : "; ") + failure.detail;
  return text;
}

std::string plural(int64_t count, const char* noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

std::string headline(const ValidationReport& report) {
  std::string text = report.schema_name.empty() ? "schema" : "schema '" + report.schema_name + "'";
  if (report.passed()) return text + ": passed on " + plural(report.rows, "row") + "\n";
  return text + ": " + plural(static_cast<int64_t>(report.failures.size()), "constraint") + " failed on " +
         plural(report.rows, "row") + "\n";
}

std::string message_for(const ValidationReport& report, const std::string& subject) {
  const std::string name = report.schema_name.empty() ? "its schema" : "schema '" + report.schema_name + "'";
  return subject + " does not match " + name + "\n" + report.to_string();
}

}  // namespace

std::vector<const ConstraintFailure*> ValidationReport::failures_of(const std::string& column) const {
  std::vector<const ConstraintFailure*> out;
  for (const ConstraintFailure& failure : failures)
    if (failure.column == column) out.push_back(&failure);
  return out;
}

const ConstraintFailure* ValidationReport::find(const std::string& column, const std::string& constraint) const {
  for (const ConstraintFailure& failure : failures)
    if (failure.column == column && failure.constraint == constraint) return &failure;
  return nullptr;
}

std::string ValidationReport::to_string() const {
  std::string out = headline(*this);
  if (passed()) return out;
  std::vector<std::vector<std::string>> rows;
  for (const ConstraintFailure& failure : failures)
    rows.push_back({failure.column.empty() ? "(table)" : failure.column, failure.constraint,
                    failure.failing_rows > 0 ? std::to_string(failure.failing_rows) : "-", cases_text(failure)});
  return out + validate_internal::render_table({"column", "constraint", "failing rows", "first failures (row: value)"},
                                               rows, {2});
}

nlohmann::json ValidationReport::to_json() const {
  nlohmann::json failure_list = nlohmann::json::array();
  for (const ConstraintFailure& failure : failures) {
    nlohmann::json cases = nlohmann::json::array();
    for (const FailureCase& failure_case : failure.cases)
      cases.push_back({{"row", failure_case.row}, {"value", failure_case.value}});
    failure_list.push_back({{"column", failure.column},
                            {"constraint", failure.constraint},
                            {"failing_rows", failure.failing_rows},
                            {"cases", std::move(cases)},
                            {"detail", failure.detail}});
  }
  nlohmann::json column_statistics = nlohmann::json::object();
  for (const ColumnStatistics& column : statistics) column_statistics[column.name] = column.to_json();
  return {{"schema", schema_name},
          {"rows", rows},
          {"passed", passed()},
          {"failures", std::move(failure_list)},
          {"statistics", std::move(column_statistics)}};
}

SchemaValidationError::SchemaValidationError(ValidationReport report, const std::string& subject)
    : SchemaError(message_for(report, subject)),
      report_(std::make_shared<const ValidationReport>(std::move(report))) {}

}  // namespace strata
