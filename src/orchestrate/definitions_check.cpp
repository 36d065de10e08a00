// Definitions::check(): every cross-definition rule in one place, reported
// together so that a user fixes them in one pass.
#include <map>
#include <set>

#include "strata/orchestrate/asset_graph.hpp"
#include "strata/orchestrate/definitions.hpp"
#include "strata/orchestrate/selection.hpp"

namespace strata {

namespace {

std::string hint_for(const std::string& name, const std::vector<std::string>& known) {
  std::string hint = closest_name(name, known);
  return hint.empty() ? "" : "; did you mean '" + hint + "'?";
}

void check_resources_declared(const Definitions& defs, const std::string& what,
                              const std::vector<std::string>& required, std::vector<std::string>& problems) {
  std::vector<std::string> known;
  for (const ResourceDefinition* resource : defs.resources()) known.push_back(resource->name());
  for (const std::string& name : required)
    if (!defs.find_resource(name))
      problems.push_back(what + " requires the resource '" + name + "', which is not defined" + hint_for(name, known));
}

void check_io_manager_known(const Definitions& defs, const std::string& what, const std::string& name,
                            std::vector<std::string>& problems) {
  std::vector<std::string> known = defs.io_manager_names();
  if (std::find(known.begin(), known.end(), name) == known.end())
    problems.push_back(what + " uses the IO manager '" + name + "', which is not registered" + hint_for(name, known));
}

void check_unique_names(const std::vector<std::string>& names, const std::string& kind,
                        std::vector<std::string>& problems) {
  std::set<std::string> seen;
  for (const std::string& name : names)
    if (!seen.insert(name).second) problems.push_back(kind + " '" + name + "' is defined twice");
}

/// Node input references and their wiring, plus a cycle check among nodes.
void check_op_graph(const Definitions& defs, const std::string& where, const GraphDefinition& graph,
                    std::vector<std::string>& problems) {
  std::vector<std::string> node_names;
  for (const OpNode& node : graph.nodes()) node_names.push_back(node.name);
  check_unique_names(node_names, where + ": node", problems);
  std::vector<std::string> op_names;
  for (const OpDefinition* op : defs.ops()) op_names.push_back(op->name());
  std::map<std::string, std::vector<std::string>> upstream;
  for (const OpNode& node : graph.nodes()) {
    std::string reason;
    if (!is_valid_key_component(node.name, &reason))
      problems.push_back(where + ": node name '" + node.name + "' is not usable as a step key (" + reason + ")");
    const OpDefinition* op = defs.find_op(node.op);
    if (!op) {
      problems.push_back(where + ": node '" + node.name + "' runs unknown op '" + node.op + "'" + hint_for(node.op, op_names));
      continue;
    }
    if (node.inputs.size() != op->ins().size())
      problems.push_back(where + ": node '" + node.name + "' wires " + std::to_string(node.inputs.size()) +
                         " input(s) but op '" + op->name() + "' takes " + std::to_string(op->ins().size()));
    for (const std::string& source : node.inputs) {
      size_t dot = source.find('.');
      std::string from = source.substr(0, dot);
      const OpNode* from_node = graph.find(from);
      if (!from_node) {
        problems.push_back(where + ": node '" + node.name + "' reads from unknown node '" + from + "'" +
                           hint_for(from, node_names));
        continue;
      }
      upstream[node.name].push_back(from);
      const OpDefinition* from_op = defs.find_op(from_node->op);
      if (!from_op) continue;
      if (dot == std::string::npos) {
        if (from_op->outs().size() != 1)
          problems.push_back(where + ": node '" + node.name + "' reads '" + from + "', which has " +
                             std::to_string(from_op->outs().size()) + " outputs; name one as '" + from + ".<output>'");
      } else {
        std::string output = source.substr(dot + 1);
        const auto& outs = from_op->outs();
        if (std::find(outs.begin(), outs.end(), output) == outs.end())
          problems.push_back(where + ": node '" + node.name + "' reads unknown output '" + output + "' of node '" +
                             from + "'" + hint_for(output, outs));
      }
    }
  }
  // Depth-first search for a cycle among nodes.
  std::map<std::string, int> state;  // 1 = on the stack, 2 = done
  std::function<bool(const std::string&)> visit = [&](const std::string& name) {
    if (state[name] == 1) return true;
    if (state[name] == 2) return false;
    state[name] = 1;
    for (const std::string& up : upstream[name])
      if (visit(up)) {
        problems.push_back(where + ": node '" + name + "' is part of a cycle through '" + up + "'");
        state[name] = 2;
        return false;  // one report per cycle is enough
      }
    state[name] = 2;
    return false;
  };
  for (const std::string& name : node_names) visit(name);
}

}  // namespace

void Definitions::check() const {
  std::vector<std::string> problems;
  AssetGraph graph(*this, problems);
  bool graph_ok = problems.empty();

  std::vector<std::string> resource_names;
  for (const ResourceDefinition* resource : resources()) resource_names.push_back(resource->name());
  check_unique_names(resource_names, "resource", problems);

  for (const AssetDefinition* asset : asset_definitions()) {
    const std::string what = std::string(asset->is_external() ? "external asset '" : "asset '") + asset->name() + "'";
    check_resources_declared(*this, what, asset->required_resources(), problems);
    for (const AssetSpec& spec : asset->specs())
      check_io_manager_known(*this, "asset '" + spec.key().to_string() + "'", asset->io_manager_of(spec), problems);
  }
  std::vector<std::string> step_names;
  for (const AssetDefinition* asset : asset_definitions())
    if (asset->kind() == AssetKind::Multi) step_names.push_back(asset->name());
  check_unique_names(step_names, "multi-asset", problems);

  std::vector<std::string> op_names;
  for (const OpDefinition* op : ops()) {
    op_names.push_back(op->name());
    check_resources_declared(*this, "op '" + op->name() + "'", op->required_resources(), problems);
    check_io_manager_known(*this, "op '" + op->name() + "'", op->io_manager(), problems);
  }
  check_unique_names(op_names, "op", problems);

  std::vector<std::string> graph_names;
  for (const GraphDefinition* g : graphs()) {
    graph_names.push_back(g->name());
    check_op_graph(*this, "graph '" + g->name() + "'", *g, problems);
  }
  check_unique_names(graph_names, "graph", problems);

  std::vector<std::string> job_names;
  for (const JobDefinition* job : jobs()) {
    job_names.push_back(job->name());
    std::string reason;
    if (!is_valid_key_component(job->name(), &reason))
      problems.push_back("job name '" + job->name() + "' is not valid (" + reason + ")");
    if (job->kind() == JobDefinition::Kind::Ops) {
      if (job->graph().nodes().empty()) problems.push_back("job '" + job->name() + "' has no nodes; add ops with .node()");
      check_op_graph(*this, "job '" + job->name() + "'", job->graph(), problems);
    } else if (graph_ok) {
      try {
        AssetSelection::parse(job->selection()).resolve(graph);
      } catch (const Error& error) {
        problems.push_back("asset job '" + job->name() + "': " + error.what());
      }
    }
  }
  check_unique_names(job_names, "job", problems);

  if (problems.empty()) return;
  std::string message = "invalid definitions (" + std::to_string(problems.size()) + " problem" +
                        (problems.size() == 1 ? "" : "s") + "):";
  for (const std::string& problem : problems) message += "\n  - " + problem;
  throw DefinitionError(message);
}

}  // namespace strata
