#include "cli/check_results.hpp"

#include "cli/record_json.hpp"
#include "cli/text_format.hpp"

namespace strata::cli {

namespace {

std::string check_name_of(const Event& event) {
  if (event.data.contains("check")) return event.data["check"].get<std::string>();
  return "schema '" + event.data.value("schema", std::string("?")) + "'";
}

}  // namespace

std::vector<CheckStatus> latest_checks(RunStorage& storage, const AssetGraph& graph, const AssetKey& key) {
  std::vector<CheckStatus> checks;
  if (graph.contains(key) && !graph.node(key).is_external())
    for (const AssetCheck& check : graph.node(key).definition->checks())
      checks.push_back({check.name(), check_severity_name(check.severity()), check.is_blocking(), true, std::nullopt});
  EventFilter filter;
  filter.types = {EventType::AssetCheck};
  for (const Event& event : storage.asset_events(key.to_string(), filter)) {  // newest first
    const std::string name = check_name_of(event);
    auto found = std::find_if(checks.begin(), checks.end(), [&name](const CheckStatus& c) { return c.name == name; });
    if (found == checks.end()) {
      checks.push_back({name, event.data.value("severity", std::string(event.data.contains("check") ? "" : "ERROR")),
                        event.data.value("blocking", false), false, std::nullopt});
      found = checks.end() - 1;
    }
    if (!found->latest) found->latest = event;
  }
  return checks;
}

void print_checks(std::ostream& out, const std::vector<CheckStatus>& checks) {
  TextTable table({"CHECK", "RESULT", "SEVERITY", "WHEN", "RUN", "DETAILS"});
  for (const CheckStatus& check : checks) {
    const std::string severity = check.severity + (check.blocking ? ", blocking" : "");
    if (!check.latest) {
      table.add_row({check.name, "NOT RUN", severity, "-", "-", ""});
      continue;
    }
    const Event& event = *check.latest;
    table.add_row({check.name + (check.declared ? "" : " (no longer defined)"),
                   event.data.value("passed", false) ? "PASSED" : "FAILED", severity, format_time_us(event.timestamp_us),
                   short_run_id(event.run_id), event.data.value("description", event.message)});
  }
  table.print(out, 80);
}

Json checks_to_json(const std::vector<CheckStatus>& checks) {
  Json list = Json::array();
  for (const CheckStatus& check : checks) {
    Json entry = {{"name", check.name}, {"severity", check.severity}, {"blocking", check.blocking},
                  {"declared", check.declared}};
    entry["latest"] = check.latest ? event_to_json(*check.latest) : Json();
    if (check.latest) entry["passed"] = check.latest->data.value("passed", false);
    list.push_back(std::move(entry));
  }
  return list;
}

}  // namespace strata::cli
