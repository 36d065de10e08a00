// One attempt of a step: load inputs, call user code, check and store
// outputs, record materializations.
#include <algorithm>

#include "orchestrate/internal/run_coordinator.hpp"
#include "strata/orchestrate/frame_metadata.hpp"
#include "strata/orchestrate/step_errors.hpp"

namespace strata::internal {

namespace {

Metadata describe_value(const Value& value) {
  if (value.is_frame()) return describe_frame(value.frame());
  if (value.is_json()) return describe_json_value(value.json());
  return Metadata::object();
}

}  // namespace

Json RunCoordinator::run_attempt(const PlanStep& step, int attempt) {
  return step.kind == StepKind::Asset ? run_asset_attempt(step, attempt) : run_op_attempt(step, attempt);
}

void RunCoordinator::check_input_kinds(const PlanStep& step, const std::vector<ValueKind>& expected,
                                       const std::vector<Value>& inputs) const {
  for (size_t i = 0; i < inputs.size() && i < expected.size(); ++i) {
    if (expected[i] == ValueKind::None || inputs[i].kind() == expected[i]) continue;
    throw Failure("input '" + step.inputs[i].name + "' of " + describe(step) + " is a " +
                  value_kind_name(inputs[i].kind()) + " value but the function takes a " +
                  value_kind_name(expected[i]) + "; change the parameter type or the upstream output");
  }
}

Value RunCoordinator::load_external(const PlanStep& step, const StepInput& input, const std::string& partition) {
  const AssetDefinition* external = nullptr;
  for (const AssetDefinition* asset : definitions_.asset_definitions())
    if (asset->is_external() && asset->specs().front().key() == input.asset_key) external = asset;
  STRATA_CHECK(external != nullptr, "external input '" + input.name + "' has no definition");
  Value value;
  if (external->loader_function()) {
    StepPartition loaded;
    loaded.key = partition;
    if (!partition.empty()) loaded.time_window = external->partitions_definition()->time_window(partition);
    AssetContext context(*this, step.key, 1, Json::object(), external->required_resources(), {input.asset_key},
                         {"result"}, std::move(loaded));
    value = external->loader_function()(context);
  } else {
    InputContext context{input.asset_key, run_id_, step.key, Metadata(), partition};
    value = instance_.io_manager(input.io_manager, definitions_)->load(context);
  }
  Event observation;
  observation.type = EventType::AssetObservation;
  observation.step_key = step.key;
  observation.asset_key = input.asset_key.to_string();
  observation.partition = partition;
  Metadata metadata = describe_value(value);
  observation.message = "read external asset '" + input.name + "'" +
                        (partition.empty() ? "" : " partition '" + partition + "'") +
                        (metadata.contains("row_count") ? " (" + metadata["row_count"].dump() + " rows)" : "");
  observation.data = {{"metadata", std::move(metadata)}, {"read_by", step.key}};
  events_.record(std::move(observation));
  return value;
}

Value RunCoordinator::load_stored(const PlanStep& step, const StepInput& input, const std::string& partition,
                                  Json& lineage) {
  EventFilter latest_only;
  latest_only.types = {EventType::AssetMaterialization};
  latest_only.limit = 1;
  latest_only.partition = partition;
  std::vector<Event> latest = instance_.storage().asset_events(input.name, latest_only);
  Metadata recorded = latest.empty() ? Metadata() : latest.front().data.value("metadata", Metadata());
  InputContext context{input.asset_key, run_id_, step.key, recorded, partition};
  Value value = instance_.io_manager(input.io_manager, definitions_)->load(context);
  Json entry = {{"asset", input.name}};
  if (!partition.empty()) entry["partition"] = partition;
  if (!latest.empty()) {
    entry["materialization_id"] = latest.front().id;
    entry["run_id"] = latest.front().run_id;
  }
  lineage.push_back(std::move(entry));
  return value;
}

namespace {

/// One input's value from the values of several upstream partitions.
Value combine_partitions(const std::string& input, const std::vector<std::string>& partitions,
                         std::vector<Value> values) {
  if (values.size() == 1) return std::move(values.front());
  if (values.empty()) return Value(DataFrame());
  if (std::all_of(values.begin(), values.end(), [](const Value& v) { return v.is_frame(); })) {
    std::vector<DataFrame> frames;
    for (Value& value : values) frames.push_back(value.frame());
    try {
      return Value(concat(frames));
    } catch (const Error& error) {
      throw Failure("the partitions of input '" + input + "' (" + partitions.front() + " ... " + partitions.back() +
                    ") cannot be stacked into one DataFrame: " + error.what());
    }
  }
  Json by_partition = Json::object();
  for (size_t i = 0; i < values.size(); ++i) {
    if (!values[i].is_json())
      throw Failure("the partitions of input '" + input + "' mix DataFrames and JSON values; each partition of an "
                    "asset should return the same kind");
    by_partition[partitions[i]] = values[i].json();
  }
  return Value(std::move(by_partition));
}

}  // namespace

std::vector<Value> RunCoordinator::load_asset_inputs(const PlanStep& step, Json& lineage) {
  std::vector<Value> inputs;
  inputs.reserve(step.inputs.size());
  for (const StepInput& input : step.inputs) {
    if (!input.partitioned) {
      if (input.external) {
        inputs.push_back(load_external(step, input, ""));
        lineage.push_back({{"asset", input.name}, {"external", true}});
      } else {
        inputs.push_back(load_stored(step, input, "", lineage));
      }
      continue;
    }
    // Several partitions are stacked (DataFrames) or keyed by partition (JSON).
    std::vector<Value> parts;
    for (const std::string& partition : input.partitions) {
      if (is_cancelled()) throw RunCanceledError();  // a long list of partitions to read
      if (input.external) {
        parts.push_back(load_external(step, input, partition));
        lineage.push_back({{"asset", input.name}, {"external", true}, {"partition", partition}});
      } else {
        parts.push_back(load_stored(step, input, partition, lineage));
      }
    }
    inputs.push_back(combine_partitions(input.name, input.partitions, std::move(parts)));
  }
  return inputs;
}

void RunCoordinator::check_output_schema(const PlanStep& step, const AssetKey& key, const SchemaHook& hook,
                                         Value& value, Metadata& metadata) {
  Event event;
  event.type = EventType::AssetCheck;
  event.step_key = step.key;
  event.asset_key = key.to_string();
  const std::string schema = hook.describe();
  try {
    hook.check(key, value, metadata);
  } catch (const Error& error) {
    // The report goes on its own event: the step's failure names the cause,
    // this event keeps what the check found for `run RUN_ID` and `--json`.
    std::string message = error.what();
    while (!message.empty() && message.back() == '\n') message.pop_back();  // a report's table ends with one
    event.level = LogLevel::Error;
    event.message = "schema check failed: " + message.substr(0, message.find('\n'));
    event.data = {{"schema", schema}, {"passed", false}, {"metadata", metadata}};
    events_.record(std::move(event));
    throw Failure(message, {{"schema", schema}});
  }
  event.message = "schema check of asset '" + key.to_string() + "' passed";
  event.data = {{"schema", schema}, {"passed", true}};
  events_.record(std::move(event));
}

Json RunCoordinator::run_asset_attempt(const PlanStep& step, int attempt) {
  const AssetDefinition& definition = *step.asset;
  Json lineage = Json::array();
  std::vector<Value> inputs = load_asset_inputs(step, lineage);
  check_input_kinds(step, definition.compute().input_kinds, inputs);

  StepPartition partition;
  partition.key = step.partition;
  if (!step.partition.empty()) {
    partition.time_window = definition.partitions_definition()->time_window(step.partition);
    partition.run_keys = plan_.partition_keys();
  }
  for (const StepInput& input : step.inputs)
    if (input.partitioned) partition.input_partitions[input.name] = input.partitions;
  AssetContext context(*this, step.key, attempt, config_.steps.at(step.key), definition.required_resources(),
                       step.asset_keys, step.output_names, std::move(partition));
  Outputs outputs = definition.compute().function(&context, inputs);

  // Output names the function returned but the definition does not declare are mistakes.
  for (const auto& output : outputs) {
    const std::string& name = output.first;
    bool declared = std::any_of(definition.specs().begin(), definition.specs().end(),
                                [&name](const AssetSpec& spec) { return spec.output_name() == name; });
    if (!declared)
      throw Failure(describe(step) + " returned an undeclared output '" + name + "'; declare it with an AssetSpec");
  }
  // Every selected output is checked before any is stored: a step whose
  // output fails its schema stores nothing and the previous versions stay.
  std::vector<Value> values(step.asset_keys.size());
  std::vector<Metadata> checked(step.asset_keys.size(), Metadata::object());
  for (size_t i = 0; i < step.asset_keys.size(); ++i) {
    const AssetKey& key = step.asset_keys[i];
    const std::string& output = step.output_names[i];
    const AssetSpec& spec = *definition.spec_for(key);
    auto found = outputs.find(output);
    if (found == outputs.end())
      throw Failure(describe(step) + " did not return its selected output '" + output + "' (asset '" +
                    key.to_string() + "')");
    values[i] = std::move(found->second);
    if (spec.output_type() != ValueKind::None && values[i].kind() != spec.output_type())
      throw Failure("asset '" + key.to_string() + "' must produce a " + value_kind_name(spec.output_type()) +
                    " but its function returned a " + value_kind_name(values[i].kind()) + " value");
    if (spec.schema()) check_output_schema(step, key, *spec.schema(), values[i], checked[i]);
  }

  Json materialized = Json::array();
  for (size_t i = 0; i < step.asset_keys.size(); ++i) {
    const AssetKey& key = step.asset_keys[i];
    const std::string& output = step.output_names[i];
    const AssetSpec& spec = *definition.spec_for(key);
    const Value& value = values[i];
    Metadata metadata = std::move(checked[i]);
    const std::string io_name = definition.io_manager_of(spec);
    bool stored = false;
    if (!value.is_none()) {
      OutputContext output_context{key, run_id_, step.key, output, spec.metadata(), step.partition};
      metadata.update(instance_.io_manager(io_name, definitions_)->store(output_context, value));
      stored = true;
    }
    // Metadata the function attached wins over what the IO manager computed.
    const auto& attached = context.output_metadata();
    if (auto it = attached.find(output); it != attached.end()) metadata.update(it->second);
    if (step.asset_keys.size() == 1 || definition.specs().size() == 1)
      if (auto it = attached.find(""); it != attached.end()) metadata.update(it->second);

    Event event;
    event.type = EventType::AssetMaterialization;
    event.step_key = step.key;
    event.asset_key = key.to_string();
    event.message = "materialized '" + key.to_string() + "'" +
                    (step.partition.empty() ? "" : " partition '" + step.partition + "'") +
                    (metadata.contains("row_count") ? " (" + metadata["row_count"].dump() + " rows)" : "");
    event.data = {{"metadata", metadata},       {"output", output},  {"io_manager", stored ? io_name : ""},
                  {"stored", stored},           {"inputs", lineage}, {"code_version", spec.code_version()},
                  {"attempt", attempt}};
    events_.record(std::move(event));
    materialized.push_back(key.to_string());
  }
  Json details = {{"materialized", materialized}};
  // Checks report on what was stored; they never undo it (asset_check.hpp).
  if (!definition.checks().empty())
    for (size_t i = 0; i < step.asset_keys.size(); ++i) run_asset_checks(step, step.asset_keys[i], values[i], details);
  return details;
}

std::vector<Value> RunCoordinator::load_op_inputs(const PlanStep& step) {
  std::vector<Value> inputs;
  for (const StepInput& input : step.inputs) {
    std::string producing_run = run_id_;
    if (!plan_.find(input.from_step)) {
      auto origin = origins_.find(input.from_step);
      STRATA_CHECK(origin != origins_.end(), "no run holds the outputs of step '" + input.from_step + "'");
      producing_run = origin->second;
    }
    InputContext context{op_output_key(producing_run, input.from_step, input.from_output), run_id_, step.key,
                         Metadata()};
    inputs.push_back(instance_.io_manager(input.io_manager, definitions_)->load(context));
  }
  return inputs;
}

Json RunCoordinator::run_op_attempt(const PlanStep& step, int attempt) {
  const OpDefinition& op = *step.op;
  std::vector<Value> inputs = load_op_inputs(step);
  check_input_kinds(step, op.compute().input_kinds, inputs);
  OpContext context(*this, step.key, op.name(), attempt, config_.steps.at(step.key), op.required_resources());
  Outputs outputs = op.compute().function(&context, inputs);
  Json stored = Json::object();
  for (const std::string& name : op.outs()) {
    auto found = outputs.find(name);
    if (found == outputs.end())
      throw Failure(describe(step) + " did not return its output '" + name + "'");
    Metadata metadata = Metadata::object();
    if (!found->second.is_none()) {
      OutputContext output_context{op_output_key(run_id_, step.key, name), run_id_, step.key, name, Metadata::object()};
      metadata = instance_.io_manager(op.io_manager(), definitions_)->store(output_context, found->second);
    }
    const auto& attached = context.output_metadata();
    if (auto it = attached.find(name); it != attached.end()) metadata.update(it->second);
    if (op.outs().size() == 1)
      if (auto it = attached.find(""); it != attached.end()) metadata.update(it->second);
    stored[name] = std::move(metadata);
  }
  for (const auto& [name, unused] : outputs)
    if (std::find(op.outs().begin(), op.outs().end(), name) == op.outs().end() && !(name == "result" && op.outs().empty()))
      throw Failure(describe(step) + " returned an undeclared output '" + name + "'; declare it with .outs()");
  return {{"outputs", stored}};
}

}  // namespace strata::internal
