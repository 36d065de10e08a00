#include <functional>
#include <set>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/text_format.hpp"
#include "strata/orchestrate/asset_graph.hpp"

namespace strata::cli {

namespace {

/// Prints `key` and, indented as a tree, its neighbours in one direction.
void print_tree(std::ostream& out, const AssetGraph& graph, const AssetKey& key, bool upstream, int depth,
                const std::string& indent, bool last, bool root, std::set<AssetKey>& printed) {
  const AssetNode& node = graph.node(key);
  std::string label = key.to_string();
  if (node.is_external()) label += " (external)";
  const std::vector<AssetKey>& next = upstream ? node.upstream : node.downstream;
  const bool repeated = !root && printed.count(key) && !next.empty();
  if (repeated) label += " (see above)";
  out << indent << (root ? "" : (last ? "└─ " : "├─ ")) << label << "\n";
  printed.insert(key);
  if (repeated || depth == 0) return;
  const std::string child_indent = root ? indent : indent + (last ? "   " : "│  ");
  for (size_t i = 0; i < next.size(); ++i)
    print_tree(out, graph, next[i], upstream, depth < 0 ? -1 : depth - 1, child_indent, i + 1 == next.size(), false,
               printed);
}

std::optional<Event> materialization_by_id(RunStorage& storage, const std::string& asset, int64_t id) {
  EventFilter filter;
  filter.types = {EventType::AssetMaterialization};
  for (Event& event : storage.asset_events(asset, filter))
    if (event.id == id) return std::move(event);
  return std::nullopt;
}

/// Follows the "inputs" recorded with each materialization.
void print_data_lineage(std::ostream& out, RunStorage& storage, const Event& event, const std::string& indent,
                        int depth, Json& json) {
  json = {{"asset", event.asset_key}, {"materialization_id", event.id}, {"run_id", event.run_id},
          {"timestamp_us", event.timestamp_us}, {"inputs", Json::array()}};
  const Json& inputs = event.data.value("inputs", Json::array());
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Json& input = inputs[i];
    const bool last = i + 1 == inputs.size();
    const std::string asset = input.value("asset", std::string("?"));
    out << indent << (last ? "└─ " : "├─ ") << asset;
    Json child = {{"asset", asset}};
    if (input.value("external", false)) {
      out << "  (external, read at run time)\n";
      child["external"] = true;
    } else if (!input.contains("materialization_id")) {
      out << "  (no recorded materialization)\n";
    } else {
      std::optional<Event> upstream =
          materialization_by_id(storage, asset, input["materialization_id"].get<int64_t>());
      if (!upstream) {
        out << "  materialization #" << input["materialization_id"] << " (deleted by retention or wipe)\n";
        child["materialization_id"] = input["materialization_id"];
      } else {
        out << "  #" << upstream->id << "  run " << short_run_id(upstream->run_id) << "  "
            << format_time_us(upstream->timestamp_us) << "\n";
        if (depth != 1) {
          print_data_lineage(out, storage, *upstream, indent + (last ? "   " : "│  "), depth < 0 ? -1 : depth - 1,
                             child);
        } else {
          child = {{"asset", asset}, {"materialization_id", upstream->id}, {"run_id", upstream->run_id}};
        }
      }
    }
    json["inputs"].push_back(std::move(child));
  }
}

}  // namespace

int run_lineage(CliContext& context, const LineageOptions& options) {
  AssetGraph graph = context.definitions.asset_graph();
  std::ostream& out = context.out;
  if (options.key.empty()) {
    if (options.json) {
      Json edges = Json::array();
      for (const AssetKey& key : graph.topological_order())
        for (const AssetKey& up : graph.node(key).upstream) edges.push_back({{"from", up.to_string()}, {"to", key.to_string()}});
      context.out << Json{{"assets", graph.key_names()}, {"edges", edges}}.dump(2) << "\n";
      return 0;
    }
    out << "Asset graph (each asset above the assets built from it)\n";
    std::set<AssetKey> printed;
    for (const AssetKey& key : graph.topological_order())
      if (graph.node(key).upstream.empty()) print_tree(out, graph, key, false, options.depth, "  ", true, true, printed);
    return 0;
  }
  const AssetKey key(options.key);
  if (!graph.contains(key)) {
    std::string hint = closest_name(key.to_string(), graph.key_names());
    throw NotFoundError("unknown asset '" + key.to_string() + "'" +
                        (hint.empty() ? "; `list` shows the asset keys" : "; did you mean '" + hint + "'?"));
  }
  RunStorage& storage = context.open_instance().storage();
  EventFilter latest;
  latest.types = {EventType::AssetMaterialization};
  latest.limit = 1;
  std::vector<Event> materializations = storage.asset_events(key.to_string(), latest);
  Json data_lineage;
  std::ostringstream data_text;
  if (!materializations.empty())
    print_data_lineage(data_text, storage, materializations.front(), "  ", options.depth, data_lineage);

  if (options.json) {
    const std::set<AssetKey> upstream = graph.upstream_of(key, options.depth);
    const std::set<AssetKey> downstream = graph.downstream_of(key, options.depth);
    Json out_json = {{"asset", key.to_string()},
                     {"upstream", to_strings(std::vector<AssetKey>(upstream.begin(), upstream.end()))},
                     {"downstream", to_strings(std::vector<AssetKey>(downstream.begin(), downstream.end()))},
                     {"latest_materialization", data_lineage}};
    context.out << out_json.dump(2) << "\n";
    return 0;
  }
  std::set<AssetKey> printed;
  out << "Upstream (what " << key.to_string() << " is built from)\n";
  print_tree(out, graph, key, true, options.depth, "  ", true, true, printed);
  printed.clear();
  out << "\nDownstream (what is built from " << key.to_string() << ")\n";
  print_tree(out, graph, key, false, options.depth, "  ", true, true, printed);
  out << "\nData lineage of the latest materialization\n";
  if (materializations.empty()) {
    out << "  never materialized\n";
  } else {
    const Event& event = materializations.front();
    out << "  " << key.to_string() << "  #" << event.id << "  run " << short_run_id(event.run_id) << "  "
        << format_time_us(event.timestamp_us) << "\n"
        << data_text.str();
  }
  return 0;
}

}  // namespace strata::cli
