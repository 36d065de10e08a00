#pragma once
// Task-style work: ops (functions with named inputs and outputs), graphs of
// op invocations, and jobs that run a graph. Ops suit work that is not an
// asset - sending a report, calling an API, moving files.
//
//   defs.op("extract", [](OpContext& ctx) { return fetch_rows(); });
//   defs.op("clean", {"rows"}, [](const DataFrame& rows) { return rows.drop_nulls(); });
//   defs.op("load", {"rows"}, [](OpContext& ctx, const DataFrame& rows) { ... })
//       .resources({"warehouse"});
//   defs.job("nightly")
//       .node("extract")
//       .node("clean", {"extract"})
//       .node("load", {"clean"});
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "strata/orchestrate/config_schema.hpp"
#include "strata/orchestrate/internal/compute_adapter.hpp"
#include "strata/orchestrate/retry_policy.hpp"

namespace strata {

class OpDefinition {
 public:
  OpDefinition(std::string name, std::vector<std::string> ins, internal::BoundCompute compute);

  /// Names of the outputs when the function returns Outputs; a function
  /// returning one value has the single output "result" (the default), one
  /// returning void has none.
  OpDefinition& outs(std::vector<std::string> names);
  OpDefinition& description(std::string text);
  OpDefinition& tag(std::string name, std::string value);
  OpDefinition& retry(RetryPolicy policy);
  OpDefinition& resources(std::vector<std::string> names);
  OpDefinition& config_schema(ConfigSchema schema);
  /// Where outputs are kept between steps ("default" unless set).
  OpDefinition& io_manager(std::string name);

  const std::string& name() const { return name_; }
  const std::vector<std::string>& ins() const { return ins_; }
  const std::vector<std::string>& outs() const { return outs_; }
  const std::string& description() const { return description_; }
  const std::map<std::string, std::string>& tags() const { return tags_; }
  const std::optional<RetryPolicy>& retry_policy() const { return retry_; }
  const std::vector<std::string>& required_resources() const { return resources_; }
  const ConfigSchema& config_schema() const { return config_schema_; }
  const std::string& io_manager() const { return io_manager_; }
  const internal::BoundCompute& compute() const { return compute_; }

 private:
  std::string name_;
  std::vector<std::string> ins_;
  std::vector<std::string> outs_;
  internal::BoundCompute compute_;
  std::string description_;
  std::map<std::string, std::string> tags_;
  std::optional<RetryPolicy> retry_;
  std::vector<std::string> resources_;
  ConfigSchema config_schema_;
  std::string io_manager_ = "default";
};

/// One invocation of an op inside a graph.
struct OpNode {
  std::string name;  // unique in the graph; the op's name unless aliased
  std::string op;
  /// One source per op input, in the op's input order: "node" (its single
  /// output) or "node.output".
  std::vector<std::string> inputs;
};

/// A named set of op invocations wired output-to-input. A graph can be run
/// by several jobs (different tags, config defaults).
class GraphDefinition {
 public:
  explicit GraphDefinition(std::string name) : name_(std::move(name)) {}
  /// Adds an invocation of `op` named `alias` (default: the op's name).
  GraphDefinition& node(std::string op, std::vector<std::string> inputs = {}, std::string alias = "");

  const std::string& name() const { return name_; }
  const std::string& description() const { return description_; }
  GraphDefinition& description(std::string text) {
    description_ = std::move(text);
    return *this;
  }
  const std::vector<OpNode>& nodes() const { return nodes_; }
  const OpNode* find(const std::string& node_name) const;

 private:
  std::string name_;
  std::string description_;
  std::vector<OpNode> nodes_;
};

/// A runnable unit: an op graph, or a selection of assets.
class JobDefinition {
 public:
  enum class Kind { Ops, Assets };
  JobDefinition(std::string name, Kind kind) : name_(std::move(name)), kind_(kind), graph_(name_) {}

  /// Op jobs: see GraphDefinition::node.
  JobDefinition& node(std::string op, std::vector<std::string> inputs = {}, std::string alias = "");
  JobDefinition& graph(const GraphDefinition& graph);
  JobDefinition& description(std::string text);
  JobDefinition& tag(std::string name, std::string value);
  /// Run config merged under whatever the caller gives.
  JobDefinition& default_config(Json config);

  const std::string& name() const { return name_; }
  Kind kind() const { return kind_; }
  const GraphDefinition& graph() const { return graph_; }
  /// Asset jobs: the selection string.
  const std::string& selection() const { return selection_; }
  const std::string& description() const { return description_; }
  const std::map<std::string, std::string>& tags() const { return tags_; }
  const Json& default_config() const { return default_config_; }

 private:
  friend class Definitions;
  std::string name_;
  Kind kind_;
  GraphDefinition graph_;
  std::string selection_;
  std::string description_;
  std::map<std::string, std::string> tags_;
  Json default_config_ = Json::object();
};

}  // namespace strata
