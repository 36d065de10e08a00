#include "strata/orchestrate/execution_plan.hpp"

#include <algorithm>

#include "strata/core/error.hpp"
#include "strata/orchestrate/partition_mapping.hpp"

namespace strata {

namespace {

const std::optional<RetryPolicy> kNoRetry;
const ConfigSchema kNoConfig;

PlanStep asset_step(const AssetDefinition& definition, const AssetGraph& graph, const std::set<AssetKey>& selected) {
  PlanStep step;
  step.key = definition.name();
  step.kind = StepKind::Asset;
  step.asset = &definition;
  for (const AssetSpec& spec : definition.specs()) {
    if (!selected.count(spec.key())) continue;
    step.asset_keys.push_back(spec.key());
    step.output_names.push_back(spec.output_name());
  }
  for (const AssetKey& key : definition.ins()) {
    StepInput input;
    input.name = key.to_string();
    input.asset_key = key;
    const AssetNode& upstream = graph.node(key);
    input.external = upstream.is_external();
    input.io_manager = upstream.definition->io_manager_of(*upstream.spec);
    step.inputs.push_back(std::move(input));
  }
  std::set<std::string> resources(definition.required_resources().begin(), definition.required_resources().end());
  for (const StepInput& input : step.inputs)
    if (input.external)
      for (const std::string& name : graph.node(input.asset_key).definition->required_resources()) resources.insert(name);
  step.resources.assign(resources.begin(), resources.end());
  std::set<AssetKey> seen;
  for (const AssetSpec& spec : definition.specs())
    for (const AssetKey& dep : spec.deps())
      if (seen.insert(dep).second) step.deps.push_back(dep);
  return step;
}

/// The one partitions definition of the steps' partitioned assets (null
/// when none is partitioned), after checking `keys` against it.
PartitionsPtr selection_partitions(const std::vector<PlanStep>& steps, const std::vector<std::string>& keys,
                                   const PartitionContext& context) {
  PartitionsPtr shared;
  std::string first_asset;
  for (const PlanStep& step : steps) {
    const PartitionsPtr& partitions = step.asset->partitions_definition();
    if (!partitions) continue;
    if (!shared) {
      shared = partitions;
      first_asset = step.key;
    } else if (!shared->equals(*partitions)) {
      throw InvalidInputError("assets '" + first_asset + "' (" + shared->describe() + ") and '" + step.key + "' (" +
                              partitions->describe() +
                              ") have different partitions and cannot run in one partitioned run; select them "
                              "separately");
    }
  }
  if (!shared) {
    if (!keys.empty())
      throw InvalidInputError("partition '" + keys.front() +
                              "' was asked for, but no selected asset is partitioned; drop --partition");
    return nullptr;
  }
  if (keys.empty())
    throw InvalidInputError("asset '" + first_asset + "' is partitioned (" + shared->describe() +
                            "); say which partitions to materialize: --partition KEY, --partition-range FIRST...LAST, "
                            "or the backfill command");
  shared->validate_keys(keys, context);
  std::set<std::string> seen;
  for (const std::string& key : keys)
    if (!seen.insert(key).second) throw InvalidInputError("partition '" + key + "' is asked for twice");
  return shared;
}

/// One step per partition of each partitioned asset step, in partition order.
std::vector<PlanStep> expand_partitions(std::vector<PlanStep> steps, const std::vector<std::string>& keys) {
  if (keys.empty()) return steps;
  std::vector<PlanStep> expanded;
  for (PlanStep& step : steps) {
    if (!step.asset->partitions_definition()) {
      expanded.push_back(std::move(step));
      continue;
    }
    for (const std::string& key : keys) {
      PlanStep copy = step;
      copy.key = partition_step_key(step.key, key);
      copy.partition = key;
      expanded.push_back(std::move(copy));
    }
  }
  return expanded;
}

}  // namespace

std::string partition_step_key(const std::string& name, const std::string& partition) {
  return name + "[" + partition + "]";
}

std::string partition_of_step_key(const std::string& step_key) {
  const size_t open = step_key.find('[');
  if (open == std::string::npos || step_key.back() != ']') return "";
  return step_key.substr(open + 1, step_key.size() - open - 2);
}

const std::string& PlanStep::config_key() const { return asset ? asset->name() : key; }

const std::optional<RetryPolicy>& PlanStep::retry_policy() const {
  if (asset) return asset->retry_policy();
  if (op) return op->retry_policy();
  return kNoRetry;
}

const ConfigSchema& PlanStep::config_schema() const {
  if (asset) return asset->config_schema();
  if (op) return op->config_schema();
  return kNoConfig;
}

ExecutionPlan ExecutionPlan::for_assets(const Definitions& definitions, const AssetSelection& selection,
                                        const std::string& job_name, const std::vector<std::string>& partition_keys,
                                        const PartitionContext& partition_context) {
  AssetGraph graph = definitions.asset_graph();
  std::set<AssetKey> selected = selection.resolve(graph);
  std::set<AssetKey> materializable;
  for (const AssetKey& key : selected)
    if (!graph.node(key).is_external()) materializable.insert(key);
  if (materializable.empty())
    throw InvalidInputError("selection '" + selection.text() +
                            "' holds only external assets, which are read, not materialized; select the assets "
                            "that depend on them, e.g. '" + selection.text() + "+'");

  ExecutionPlan plan;
  plan.job_name_ = job_name;
  plan.selection_ = selection.text();
  // One step per definition, in the graph's order (upstream first).
  std::map<const AssetDefinition*, size_t> step_of;
  std::map<AssetKey, std::string> producer;
  for (const AssetKey& key : graph.topological_order()) {
    if (!materializable.count(key)) continue;
    const AssetDefinition* definition = graph.node(key).definition;
    if (step_of.count(definition)) continue;
    step_of[definition] = plan.steps_.size();
    plan.steps_.push_back(asset_step(*definition, graph, materializable));
  }
  for (const PlanStep& step : plan.steps_) {
    if (step.asset->kind() == AssetKind::Multi && step.asset_keys.size() != step.asset->specs().size() &&
        !step.asset->subsettable()) {
      std::string missing;
      for (const AssetSpec& spec : step.asset->specs())
        if (!materializable.count(spec.key())) missing += (missing.empty() ? "" : ", ") + spec.key().to_string();
      throw InvalidInputError("multi-asset '" + step.key + "' computes all of its outputs together, but the selection '" +
                              selection.text() + "' leaves out " + missing +
                              "; select them too, or declare .can_subset() on the multi-asset");
    }
    for (const AssetKey& key : step.asset_keys) producer[key] = step.key;
  }
  plan.partitions_ = selection_partitions(plan.steps_, partition_keys, partition_context);
  plan.partition_keys_ = plan.partitions_ ? partition_keys : std::vector<std::string>{};
  plan.steps_ = expand_partitions(std::move(plan.steps_), plan.partition_keys_);
  std::set<std::string> step_keys;
  for (const PlanStep& step : plan.steps_) step_keys.insert(step.key);
  for (PlanStep& step : plan.steps_) {
    std::set<std::string> upstream;
    // The steps (in this plan) that produce the partitions `key` reads.
    auto link = [&](const AssetKey& key, StepInput* input) {
      auto it = producer.find(key);
      const AssetNode& node = graph.node(key);
      const PartitionsPtr& upstream_partitions = node.definition->partitions_definition();
      std::vector<std::string> read;
      if (upstream_partitions) {
        const PartitionsDefinition* downstream = step.asset->partitions_definition().get();
        PartitionMappingPtr mapping = step.asset->declared_partition_mapping(key);
        if (!mapping) mapping = default_partition_mapping(downstream, *upstream_partitions);
        try {
          read = mapping->upstream_keys(step.partition, downstream, *upstream_partitions, partition_context);
        } catch (const InvalidInputError& error) {
          throw InvalidInputError("asset '" + step.key + "' reading '" + key.to_string() + "' (" + mapping->describe() +
                                  " partition mapping): " + error.what());
        }
      }
      if (input) {
        input->partitioned = upstream_partitions != nullptr;
        input->partitions = read;
      }
      if (it == producer.end() || it->second == step.asset->name()) return;
      if (!upstream_partitions) {
        if (input) input->from_step = it->second;
        upstream.insert(it->second);
        return;
      }
      for (const std::string& partition : read)
        if (std::string from = partition_step_key(it->second, partition); step_keys.count(from)) {
          if (input && input->from_step.empty()) input->from_step = from;
          upstream.insert(from);
        }
    };
    for (StepInput& input : step.inputs) link(input.asset_key, &input);
    for (const AssetKey& dep : step.deps) link(dep, nullptr);
    step.upstream_steps.assign(upstream.begin(), upstream.end());
  }
  plan.order_steps();
  return plan;
}

ExecutionPlan ExecutionPlan::for_job(const Definitions& definitions, const std::string& job_name,
                                     const std::vector<std::string>& partition_keys,
                                     const PartitionContext& partition_context) {
  definitions.check();
  const JobDefinition* job = definitions.find_job(job_name);
  if (!job) {
    std::vector<std::string> names;
    for (const JobDefinition* j : definitions.jobs()) names.push_back(j->name());
    std::string hint = closest_name(job_name, names);
    throw InvalidInputError("unknown job '" + job_name + "'" +
                            (hint.empty() ? "; run `list` to see the jobs" : "; did you mean '" + hint + "'?"));
  }
  if (job->kind() == JobDefinition::Kind::Assets)
    return for_assets(definitions, AssetSelection::parse(job->selection()), job->name(), partition_keys,
                      partition_context);
  if (!partition_keys.empty())
    throw InvalidInputError("job '" + job_name + "' runs ops, which have no partitions; drop --partition");

  ExecutionPlan plan;
  plan.job_name_ = job->name();
  plan.op_job_ = true;
  for (const OpNode& node : job->graph().nodes()) {
    PlanStep step;
    step.key = node.name;
    step.kind = StepKind::Op;
    step.node = &node;
    step.op = definitions.find_op(node.op);
    step.resources = step.op->required_resources();
    std::set<std::string> upstream;
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      const std::string& source = node.inputs[i];
      size_t dot = source.find('.');
      StepInput input;
      input.name = step.op->ins()[i];
      input.from_step = source.substr(0, dot);
      const OpNode* from = job->graph().find(input.from_step);
      const OpDefinition* from_op = definitions.find_op(from->op);
      input.from_output = dot == std::string::npos ? from_op->outs().front() : source.substr(dot + 1);
      input.io_manager = from_op->io_manager();
      upstream.insert(input.from_step);
      step.inputs.push_back(std::move(input));
    }
    step.upstream_steps.assign(upstream.begin(), upstream.end());
    plan.steps_.push_back(std::move(step));
  }
  plan.order_steps();
  return plan;
}

void ExecutionPlan::order_steps() {
  // Stable topological order: a step moves after all of its upstream steps,
  // otherwise the original order is kept.
  std::vector<PlanStep> ordered;
  std::set<std::string> placed;
  std::vector<bool> used(steps_.size(), false);
  while (ordered.size() < steps_.size()) {
    bool progressed = false;
    for (size_t i = 0; i < steps_.size(); ++i) {
      if (used[i]) continue;
      const auto& up = steps_[i].upstream_steps;
      if (!std::all_of(up.begin(), up.end(), [&](const std::string& s) { return placed.count(s) != 0; })) continue;
      used[i] = true;
      placed.insert(steps_[i].key);
      ordered.push_back(steps_[i]);
      progressed = true;
      break;
    }
    STRATA_CHECK(progressed, "execution plan has a cycle that definition checks missed");
  }
  steps_ = std::move(ordered);
}

ExecutionPlan ExecutionPlan::subset(const std::set<std::string>& step_keys) const {
  for (const std::string& key : step_keys)
    if (!find(key)) throw InvalidInputError("step '" + key + "' is not part of the plan of job '" + job_name_ + "'");
  ExecutionPlan plan;
  plan.job_name_ = job_name_;
  plan.selection_ = selection_;
  plan.op_job_ = op_job_;
  for (const PlanStep& step : steps_) {
    if (!step_keys.count(step.key)) continue;
    PlanStep copy = step;
    // Upstream steps outside the subset already ran; their outputs are loaded.
    std::erase_if(copy.upstream_steps, [&](const std::string& s) { return !step_keys.count(s); });
    plan.steps_.push_back(std::move(copy));
  }
  return plan;
}

const PlanStep* ExecutionPlan::find(const std::string& step_key) const {
  for (const PlanStep& step : steps_)
    if (step.key == step_key) return &step;
  return nullptr;
}

std::vector<std::string> ExecutionPlan::step_keys() const {
  std::vector<std::string> keys;
  for (const PlanStep& step : steps_) keys.push_back(step.key);
  return keys;
}

std::vector<std::string> ExecutionPlan::required_resources() const {
  std::set<std::string> names;
  for (const PlanStep& step : steps_)
    for (const std::string& name : step.resources) names.insert(name);
  return {names.begin(), names.end()};
}

Json step_config_section(const Json& run_config, const PlanStep& step) {
  const char* section = step.kind == StepKind::Asset ? "assets" : "ops";
  if (!run_config.is_object() || !run_config.contains(section)) return Json();
  const Json& entries = run_config[section];
  if (!entries.is_object() || !entries.contains(step.config_key())) return Json();
  const Json& entry = entries[step.config_key()];
  if (!entry.is_object() || !entry.contains("config")) return Json();
  return entry["config"];
}

}  // namespace strata
