#include "strata/orchestrate/run_config_validation.hpp"

#include <map>
#include <set>

#include "strata/orchestrate/config_schema.hpp"
#include "strata/orchestrate/run_config.hpp"

namespace strata {

namespace {

std::string hint_for(const std::string& name, const std::vector<std::string>& known) {
  std::string hint = closest_name(name, known);
  return hint.empty() ? "" : "; did you mean '" + hint + "'?";
}

/// The "config" value of an entry like {config: {...}}; rejects other keys.
Json config_of(const Json& entry, const std::string& path) {
  if (entry.is_null()) return Json();
  if (!entry.is_object())
    throw ConfigError("config '" + path + "' must be an object with a 'config' entry, got " + entry.dump());
  for (const auto& [key, unused] : entry.items())
    if (key != "config")
      throw ConfigError("config '" + path + "." + key + "' is not recognised; only '" + path + ".config' is allowed" +
                        hint_for(key, {"config"}));
  return entry.contains("config") ? entry["config"] : Json();
}

const Json& section(const Json& config, const char* name) {
  static const Json empty = Json::object();
  if (!config.contains(name)) return empty;
  const Json& value = config[name];
  if (value.is_null()) return empty;
  if (!value.is_object()) throw ConfigError(std::string("config '") + name + "' must be a mapping, got " + value.dump());
  return value;
}

}  // namespace

ResolvedRunConfig resolve_run_config(const Definitions& definitions, const ExecutionPlan& plan,
                                     const Json& raw_config) {
  Json config = raw_config.is_null() ? Json::object() : resolve_env_references(raw_config);
  if (!config.is_object()) throw ConfigError("run config must be a mapping (resources:, assets:, ops:), got " + config.dump());
  const std::vector<std::string> sections{"resources", "assets", "ops"};
  for (const auto& [key, unused] : config.items())
    if (std::find(sections.begin(), sections.end(), key) == sections.end())
      throw ConfigError("config section '" + key + "' is not recognised (known: resources, assets, ops)" +
                        hint_for(key, sections));

  ResolvedRunConfig resolved;
  // Resources: every given entry must name a resource; the plan's resources are always validated.
  std::vector<std::string> resource_names;
  for (const ResourceDefinition* resource : definitions.resources()) resource_names.push_back(resource->name());
  const Json& resources = section(config, "resources");
  for (const auto& [name, entry] : resources.items()) {
    const ResourceDefinition* resource = definitions.find_resource(name);
    if (!resource)
      throw ConfigError("config 'resources." + name + "' names an unknown resource" + hint_for(name, resource_names));
    resource->config_schema().validate(config_of(entry, "resources." + name), "resources." + name + ".config");
  }
  for (const std::string& name : plan.required_resources()) {
    const ResourceDefinition* resource = definitions.find_resource(name);
    Json given = resources.contains(name) ? config_of(resources[name], "resources." + name) : Json();
    resolved.resources[name] = resource->config_schema().validate(given, "resources." + name + ".config");
  }

  // Assets and ops: entries are keyed by step key.
  const char* step_section = plan.is_op_job() ? "ops" : "assets";
  const char* other_section = plan.is_op_job() ? "assets" : "ops";
  // Entries may name any step of the job, not only those this plan runs
  // (a re-execution reuses its parent's config).
  std::map<std::string, const ConfigSchema*> schemas;
  if (plan.is_op_job()) {
    const JobDefinition* job = definitions.find_job(plan.job_name());
    for (const OpNode& node : job->graph().nodes())
      if (const OpDefinition* op = definitions.find_op(node.op)) schemas[node.name] = &op->config_schema();
  } else {
    for (const AssetDefinition* asset : definitions.asset_definitions())
      if (!asset->is_external()) schemas[asset->name()] = &asset->config_schema();
  }
  std::vector<std::string> known_steps;
  for (const auto& [name, unused] : schemas) known_steps.push_back(name);
  const Json& entries = section(config, step_section);
  for (const auto& [name, entry] : entries.items()) {
    auto schema = schemas.find(name);
    if (schema == schemas.end())
      throw ConfigError(std::string("config '") + step_section + "." + name + "' names an unknown " +
                        (plan.is_op_job() ? "op node" : "asset") + hint_for(name, known_steps));
    schema->second->validate(config_of(entry, std::string(step_section) + "." + name),
                             std::string(step_section) + "." + name + ".config");
  }
  if (config.contains(other_section) && !config[other_section].is_null())
    throw ConfigError(std::string("config section '") + other_section + "' does not apply to " +
                      (plan.is_op_job() ? "op job '" + plan.job_name() + "'" : "asset runs") + "; use '" +
                      step_section + "'");
  for (const PlanStep& step : plan.steps()) {
    // The partitions of an asset share its config entry.
    const std::string& name = step.config_key();
    const std::string path = std::string(step_section) + "." + name;
    Json given = entries.contains(name) ? config_of(entries[name], path) : Json();
    resolved.steps[step.key] = step.config_schema().validate(given, path + ".config");
  }
  return resolved;
}

}  // namespace strata
