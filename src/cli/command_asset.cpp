#include <sstream>

#include "cli/check_results.hpp"
#include "cli/commands.hpp"
#include "cli/partition_summary.hpp"
#include "cli/record_json.hpp"
#include "cli/text_format.hpp"
#include "strata/orchestrate/asset_graph.hpp"

namespace strata::cli {

namespace {

void print_definition(std::ostream& out, const AssetNode& node) {
  const AssetSpec& spec = *node.spec;
  out << "Asset " << node.key.to_string() << "  (group " << node.group << ", "
      << (node.is_external() ? "external" : "step " + node.definition->name()) << ")\n";
  if (!spec.description().empty()) out << "  " << spec.description() << "\n";
  std::string upstream;
  for (const AssetKey& key : node.upstream) upstream += (upstream.empty() ? "" : ", ") + key.to_string();
  std::string downstream;
  for (const AssetKey& key : node.downstream) downstream += (downstream.empty() ? "" : ", ") + key.to_string();
  out << "  depends on: " << (upstream.empty() ? "-" : upstream) << "\n";
  out << "  used by:    " << (downstream.empty() ? "-" : downstream) << "\n";
  if (!spec.owners().empty()) {
    out << "  owners:    ";
    for (const std::string& owner : spec.owners()) out << " " << owner;
    out << "\n";
  }
  if (!spec.tags().empty()) {
    out << "  tags:      ";
    for (const auto& [name, value] : spec.tags()) out << " " << name << "=" << value;
    out << "\n";
  }
  if (!spec.code_version().empty()) out << "  code version: " << spec.code_version() << "\n";
  if (spec.schema()) out << "  schema:     " << spec.schema()->describe() << "\n";
  if (!node.is_external()) out << "  IO manager: " << node.definition->io_manager_of(spec) << "\n";
  for (const auto& [name, value] : spec.metadata().items())
    out << "  " << name << ": " << format_metadata_value(value) << "\n";
}

void print_metadata(std::ostream& out, const Metadata& metadata) {
  for (const auto& [name, value] : metadata.items()) {
    if (name == "schema" || name == "preview") continue;
    out << "  " << name << ": " << format_metadata_value(value, 100) << "\n";
  }
  if (metadata.contains("schema") && metadata["schema"].is_array()) {
    std::string columns;
    for (const Json& field : metadata["schema"])
      columns += (columns.empty() ? "" : ", ") + field.value("name", std::string("?")) + " " +
                 field.value("type", std::string("?"));
    out << "  columns: " << columns << "\n";
  }
  if (metadata.contains("preview") && metadata["preview"].contains("columns")) {
    const Json& preview = metadata["preview"];
    std::vector<std::string> header;
    for (const Json& column : preview["columns"]) header.push_back(column.get<std::string>());
    TextTable table(header);
    for (const Json& row : preview["rows"]) {
      std::vector<std::string> cells;
      for (const Json& cell : row) cells.push_back(cell.is_null() ? "null" : format_metadata_value(cell, 30));
      table.add_row(std::move(cells));
    }
    out << "  preview:\n";
    std::ostringstream text;
    table.print(text, 30);
    std::istringstream lines(text.str());
    for (std::string line; std::getline(lines, line);) out << "    " << line << "\n";
  }
}

}  // namespace

int run_asset(CliContext& context, const AssetOptions& options) {
  AssetGraph graph = context.definitions.asset_graph();
  const AssetKey key(options.key);
  RunStorage& storage = context.open_instance().storage();
  EventFilter history_filter;
  history_filter.types = {EventType::AssetMaterialization};
  history_filter.limit = options.limit;
  std::vector<Event> history = storage.asset_events(key.to_string(), history_filter);
  EventFilter observation_filter;
  observation_filter.types = {EventType::AssetObservation};
  observation_filter.limit = 1;
  std::vector<Event> observations = storage.asset_events(key.to_string(), observation_filter);
  EventFilter failure_filter;
  failure_filter.types = {EventType::StepFailure};
  failure_filter.limit = 1;
  std::vector<Event> failures = storage.asset_events(key.to_string(), failure_filter);
  std::vector<CheckStatus> checks = latest_checks(storage, graph, key);
  const PartitionsPtr partitions =
      graph.contains(key) ? graph.node(key).definition->partitions_definition() : PartitionsPtr();
  std::vector<PartitionStatus> partition_statuses;
  if (partitions)
    partition_statuses =
        asset_partition_statuses(storage, key.to_string(), partitions->keys(PartitionContext{&storage, 0}));
  if (!graph.contains(key) && history.empty() && observations.empty()) {
    std::string hint = closest_name(key.to_string(), graph.key_names());
    throw NotFoundError("unknown asset '" + key.to_string() + "'" +
                        (hint.empty() ? "; `list` shows the asset keys" : "; did you mean '" + hint + "'?"));
  }

  if (options.json) {
    Json out = {{"key", key.to_string()}, {"defined", graph.contains(key)}};
    if (graph.contains(key)) {
      const AssetNode& node = graph.node(key);
      out["group"] = node.group;
      out["deps"] = to_strings(node.upstream);
      out["downstream"] = to_strings(node.downstream);
      out["description"] = node.spec->description();
    }
    Json list = Json::array();
    for (const Event& event : history) list.push_back(event_to_json(event));
    out["materializations"] = std::move(list);
    if (!observations.empty()) out["last_observation"] = event_to_json(observations.front());
    if (!failures.empty()) out["last_failure"] = event_to_json(failures.front());
    out["checks"] = checks_to_json(checks);
    if (partitions) out["partitions"] = partition_summary_to_json(*partitions, partition_statuses);
    context.out << out.dump(2) << "\n";
    return 0;
  }
  std::ostream& out = context.out;
  if (graph.contains(key)) {
    print_definition(out, graph.node(key));
  } else {
    out << "Asset " << key.to_string() << "  (no longer defined; showing its recorded history)\n";
  }
  if (partitions) {
    out << "\n";
    print_partition_summary(out, *partitions, partition_statuses);
  }
  if (history.empty()) {
    out << "\nNever materialized. Materialize it with: " << context.program_name << " materialize --select '"
        << key.to_string() << "'" << (partitions ? " --partition KEY" : "") << "\n";
  } else {
    out << "\nMaterializations (newest first)\n";
    std::vector<std::string> header = {"WHEN", "RUN", "ROWS", "SIZE", "STORED IN"};
    if (partitions) header.insert(header.begin() + 2, "PARTITION");
    TextTable table(header);
    for (const Event& event : history) {
      const Json& metadata = event.data.value("metadata", Json::object());
      std::vector<std::string> row = {format_time_us(event.timestamp_us), short_run_id(event.run_id),
                     metadata.contains("row_count") ? format_count(metadata["row_count"].get<int64_t>()) : "-",
                     metadata.contains("byte_size") ? format_bytes(metadata["byte_size"].get<int64_t>()) : "-",
                     metadata.value("path", event.data.value("io_manager", std::string("-")))};
      if (partitions) row.insert(row.begin() + 2, event.partition);
      table.add_row(std::move(row));
    }
    table.print(out, 80);
    const Event& latest = history.front();
    out << "\nLatest materialization (run " << latest.run_id << ", " << format_time_us(latest.timestamp_us) << ")\n";
    if (!latest.data.value("code_version", std::string()).empty())
      out << "  code_version: " << latest.data["code_version"].get<std::string>() << "\n";
    print_metadata(out, latest.data.value("metadata", Json::object()));
  }
  if (!observations.empty()) {
    const Event& observed = observations.front();
    out << "\nLast observed " << format_time_us(observed.timestamp_us) << " by run " << short_run_id(observed.run_id)
        << "\n";
    print_metadata(out, observed.data.value("metadata", Json::object()));
  }
  if (!checks.empty()) {
    out << "\nChecks (latest result each)\n";
    print_checks(out, checks);
  }
  if (!failures.empty() && (history.empty() || failures.front().id > history.front().id))
    out << "\nLast attempt FAILED (run " << short_run_id(failures.front().run_id) << "): " << failures.front().message
        << "\n";
  return 0;
}

}  // namespace strata::cli
