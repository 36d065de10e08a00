#include "cli/commands.hpp"
#include "cli/text_format.hpp"
#include "strata/orchestrate/asset_graph.hpp"

namespace strata::cli {

namespace {

std::string joined(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

const char* kind_name(const AssetNode& node) {
  switch (node.definition->kind()) {
    case AssetKind::Single: return "asset";
    case AssetKind::Multi: return "multi";
    case AssetKind::External: return "external";
  }
  return "asset";
}

Json asset_json(const AssetNode& node) {
  const AssetSpec& spec = *node.spec;
  Json out = {{"key", node.key.to_string()},
              {"group", node.group},
              {"kind", kind_name(node)},
              {"step", node.definition->name()},
              {"deps", to_strings(node.upstream)},
              {"downstream", to_strings(node.downstream)},
              {"description", spec.description()},
              {"owners", spec.owners()},
              {"tags", spec.tags()},
              {"metadata", spec.metadata()},
              {"code_version", spec.code_version()},
              {"io_manager", node.definition->io_manager_of(spec)},
              {"resources", node.definition->required_resources()},
              {"config", node.definition->config_schema().describe()}};
  if (spec.schema()) out["schema"] = spec.schema()->describe();
  if (const PartitionsPtr& partitions = node.definition->partitions_definition())
    out["partitions"] = partitions->describe();
  return out;
}

}  // namespace

int run_list(CliContext& context, const ListOptions& options) {
  const Definitions& defs = context.definitions;
  AssetGraph graph = defs.asset_graph();
  if (options.json) {
    Json assets = Json::array();
    for (const AssetKey& key : graph.topological_order()) assets.push_back(asset_json(graph.node(key)));
    Json jobs = Json::array();
    for (const JobDefinition* job : defs.jobs()) {
      Json entry = {{"name", job->name()},
                    {"kind", job->kind() == JobDefinition::Kind::Ops ? "ops" : "assets"},
                    {"description", job->description()}};
      if (job->kind() == JobDefinition::Kind::Assets) {
        entry["selection"] = job->selection();
      } else {
        Json nodes = Json::array();
        for (const OpNode& node : job->graph().nodes())
          nodes.push_back({{"name", node.name}, {"op", node.op}, {"inputs", node.inputs}});
        entry["nodes"] = std::move(nodes);
      }
      jobs.push_back(std::move(entry));
    }
    Json resources = Json::array();
    for (const ResourceDefinition* resource : defs.resources())
      resources.push_back({{"name", resource->name()},
                           {"type", resource->type_name()},
                           {"description", resource->description()},
                           {"config", resource->config_schema().describe()}});
    Json out = {{"assets", assets}, {"groups", graph.groups()}, {"jobs", jobs}, {"resources", resources}};
    context.out << out.dump(2) << "\n";
    return 0;
  }
  std::ostream& out = context.out;
  out << "Assets (" << graph.nodes().size() << ", upstream first)\n";
  TextTable assets({"KEY", "GROUP", "KIND", "PARTITIONS", "DEPENDS ON", "DESCRIPTION"});
  for (const AssetKey& key : graph.topological_order()) {
    const AssetNode& node = graph.node(key);
    std::string deps = joined(to_strings(node.upstream));
    const PartitionsPtr& partitions = node.definition->partitions_definition();
    assets.add_row({key.to_string(), node.group, kind_name(node), partitions ? partitions->kind() : "-",
                    deps.empty() ? "-" : deps, node.spec->description()});
  }
  if (assets.empty()) {
    out << "  (none)\n";
  } else {
    assets.print(out);
  }
  out << "\nGroups\n";
  for (const std::string& group : graph.groups()) {
    std::vector<std::string> members;
    for (const AssetKey& key : graph.topological_order())
      if (graph.node(key).group == group) members.push_back(key.to_string());
    out << "  " << group << ": " << joined(members) << "\n";
  }
  if (!defs.jobs().empty()) {
    out << "\nJobs\n";
    for (const JobDefinition* job : defs.jobs()) {
      out << "  " << job->name() << "  ";
      if (job->kind() == JobDefinition::Kind::Assets) {
        out << "assets '" << job->selection() << "'";
      } else {
        std::vector<std::string> nodes;
        for (const OpNode& node : job->graph().nodes()) nodes.push_back(node.name);
        out << "ops " << joined(nodes, " -> ");
      }
      if (!job->description().empty()) out << "  " << job->description();
      out << "\n";
    }
  }
  if (!defs.resources().empty()) {
    out << "\nResources\n";
    for (const ResourceDefinition* resource : defs.resources()) {
      out << "  " << resource->name() << " (" << resource->type_name() << ")";
      if (!resource->description().empty()) out << "  " << resource->description();
      out << "\n";
    }
  }
  return 0;
}

}  // namespace strata::cli
