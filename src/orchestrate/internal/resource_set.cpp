#include "orchestrate/internal/resource_set.hpp"

#include "orchestrate/internal/user_code_error.hpp"
#include "strata/core/error.hpp"

namespace strata::internal {

ResourceSet::~ResourceSet() { teardown(); }

void ResourceSet::setup(const Definitions& definitions, const std::vector<std::string>& names,
                        const std::map<std::string, Json>& configs, const std::string& run_id,
                        const std::function<void(LogLevel, const std::string&)>& log) {
  for (const std::string& name : names) {
    const ResourceDefinition* definition = definitions.find_resource(name);
    STRATA_CHECK(definition != nullptr, "resource '" + name + "' passed definition checks but is missing");
    auto config = configs.find(name);
    ResourceContext context(name, run_id, config == configs.end() ? Json::object() : config->second,
                            [&log, name](LogLevel level, const std::string& message) {
                              log(level, "resource '" + name + "': " + message);
                            });
    std::shared_ptr<void> object;
    try {
      object = definition->setup()(context);
    } catch (...) {
      UserCodeError error = describe_current_exception();
      std::vector<std::string> teardown_errors = teardown();
      std::string message = "setting up resource '" + name + "' failed: " + error.message + " (" + error.type + ")";
      for (const std::string& extra : teardown_errors) message += "; also " + extra;
      throw ComputeError(message);
    }
    if (!object) {
      teardown();
      throw ComputeError("setting up resource '" + name + "' returned no object; return std::make_shared<T>(...)");
    }
    live_.push_back(Live{definition, std::move(object)});
  }
}

void* ResourceSet::get(const std::string& name, const std::type_info& type) const {
  for (const Live& live : live_) {
    if (live.definition->name() != name) continue;
    if (live.definition->type() != std::type_index(type))
      throw TypeError("resource '" + name + "' is a " + live.definition->type_name() + ", not a " +
                      readable_type_name(type) + "; ask for ctx.resource<" + live.definition->type_name() + ">(\"" +
                      name + "\")");
    return live.object.get();
  }
  return nullptr;
}

std::vector<std::string> ResourceSet::teardown() noexcept {
  std::vector<std::string> errors;
  while (!live_.empty()) {
    Live live = std::move(live_.back());
    live_.pop_back();
    if (!live.definition->teardown_function()) continue;
    try {
      live.definition->teardown_function()(live.object.get());
    } catch (...) {
      try {
        UserCodeError error = describe_current_exception();
        errors.push_back("tearing down resource '" + live.definition->name() + "' failed: " + error.message);
      } catch (...) {
        // Out of memory while describing an error: nothing more to report.
      }
    }
  }
  return errors;
}

}  // namespace strata::internal
