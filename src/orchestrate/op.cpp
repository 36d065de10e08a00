#include "strata/orchestrate/op.hpp"

#include "strata/core/error.hpp"

namespace strata {

OpDefinition::OpDefinition(std::string name, std::vector<std::string> ins, internal::BoundCompute compute)
    : name_(std::move(name)), ins_(std::move(ins)), compute_(std::move(compute)) {
  if (compute_.input_kinds.size() != ins_.size())
    throw InvalidInputError("op '" + name_ + "' declares " + std::to_string(ins_.size()) +
                            " input(s) but its function takes " + std::to_string(compute_.input_kinds.size()) +
                            " value argument(s); inputs are passed in declared order");
  if (!compute_.returns_nothing) outs_ = {"result"};
}

OpDefinition& OpDefinition::outs(std::vector<std::string> names) {
  if (names.size() > 1 && !compute_.returns_outputs)
    throw InvalidInputError("op '" + name_ + "' declares " + std::to_string(names.size()) +
                            " outputs but its function returns one value; return strata::Outputs");
  outs_ = std::move(names);
  return *this;
}
OpDefinition& OpDefinition::description(std::string text) {
  description_ = std::move(text);
  return *this;
}
OpDefinition& OpDefinition::tag(std::string name, std::string value) {
  tags_[std::move(name)] = std::move(value);
  return *this;
}
OpDefinition& OpDefinition::retry(RetryPolicy policy) {
  if (policy.max_retries < 0)
    throw InvalidInputError("op '" + name_ + "': max_retries must be at least 0, got " +
                            std::to_string(policy.max_retries));
  retry_ = policy;
  return *this;
}
OpDefinition& OpDefinition::resources(std::vector<std::string> names) {
  resources_.insert(resources_.end(), names.begin(), names.end());
  return *this;
}
OpDefinition& OpDefinition::config_schema(ConfigSchema schema) {
  config_schema_ = std::move(schema);
  return *this;
}
OpDefinition& OpDefinition::io_manager(std::string name) {
  io_manager_ = std::move(name);
  return *this;
}

GraphDefinition& GraphDefinition::node(std::string op, std::vector<std::string> inputs, std::string alias) {
  OpNode node;
  node.name = alias.empty() ? op : std::move(alias);
  node.op = std::move(op);
  node.inputs = std::move(inputs);
  nodes_.push_back(std::move(node));
  return *this;
}

const OpNode* GraphDefinition::find(const std::string& node_name) const {
  for (const OpNode& node : nodes_)
    if (node.name == node_name) return &node;
  return nullptr;
}

JobDefinition& JobDefinition::node(std::string op, std::vector<std::string> inputs, std::string alias) {
  if (kind_ != Kind::Ops) throw InvalidInputError("job '" + name_ + "' selects assets; it cannot also run ops");
  graph_.node(std::move(op), std::move(inputs), std::move(alias));
  return *this;
}
JobDefinition& JobDefinition::graph(const GraphDefinition& graph) {
  if (kind_ != Kind::Ops) throw InvalidInputError("job '" + name_ + "' selects assets; it cannot also run a graph");
  for (const OpNode& node : graph.nodes()) graph_.node(node.op, node.inputs, node.name);
  if (description_.empty()) description_ = graph.description();
  return *this;
}
JobDefinition& JobDefinition::description(std::string text) {
  description_ = std::move(text);
  return *this;
}
JobDefinition& JobDefinition::tag(std::string name, std::string value) {
  tags_[std::move(name)] = std::move(value);
  return *this;
}
JobDefinition& JobDefinition::default_config(Json config) {
  if (!config.is_object())
    throw InvalidInputError("job '" + name_ + "': default config must be an object, got " + config.dump());
  default_config_ = std::move(config);
  return *this;
}

}  // namespace strata
