#include "strata/orchestrate/context.hpp"

#include <algorithm>

#include "strata/core/error.hpp"
#include "strata/orchestrate/step_errors.hpp"

namespace strata {

StepContext::StepContext(internal::StepServices& services, std::string step_key, int attempt, Json config,
                         std::vector<std::string> declared_resources)
    : services_(services),
      step_key_(std::move(step_key)),
      attempt_(attempt),
      config_(config.is_null() ? Json::object() : std::move(config)),
      declared_resources_(std::move(declared_resources)) {}

const std::string& StepContext::run_id() const { return services_.run_id(); }

void StepContext::log(LogLevel level, const std::string& message) const { services_.log(step_key_, level, message); }

bool StepContext::is_cancelled() const { return services_.is_cancelled(); }

void StepContext::check_cancelled() const {
  if (is_cancelled()) throw RunCanceledError();
}

void StepContext::add_output_metadata(const Metadata& entries, const std::string& output) {
  if (!entries.is_object())
    throw InvalidInputError("step '" + step_key_ + "': output metadata must be a JSON object of entries, got " +
                            entries.dump());
  Metadata& target = output_metadata_[output];
  if (!target.is_object()) target = Metadata::object();
  target.update(entries);
}

void* StepContext::resource_pointer(const std::string& name, const std::type_info& type) const {
  if (std::find(declared_resources_.begin(), declared_resources_.end(), name) == declared_resources_.end()) {
    std::string declared;
    for (const std::string& r : declared_resources_) declared += (declared.empty() ? "" : ", ") + r;
    throw InvalidInputError("step '" + step_key_ + "' uses resource '" + name + "' without declaring it (declared: " +
                            (declared.empty() ? "none" : declared) + "); add .resources({\"" + name +
                            "\"}) to its definition");
  }
  void* pointer = services_.resource(name, type);
  if (!pointer) throw InternalError("resource '" + name + "' is declared but was not set up for this run");
  return pointer;
}

AssetContext::AssetContext(internal::StepServices& services, std::string step_key, int attempt, Json config,
                           std::vector<std::string> declared_resources, std::vector<AssetKey> selected_keys,
                           std::vector<std::string> selected_outputs)
    : StepContext(services, std::move(step_key), attempt, std::move(config), std::move(declared_resources)),
      selected_keys_(std::move(selected_keys)),
      selected_outputs_(std::move(selected_outputs)) {
  STRATA_CHECK(!selected_keys_.empty(), "an asset step materializes at least one asset");
}

bool AssetContext::is_output_selected(const std::string& name) const {
  return std::find(selected_outputs_.begin(), selected_outputs_.end(), name) != selected_outputs_.end();
}

OpContext::OpContext(internal::StepServices& services, std::string node_name, std::string op_name, int attempt,
                     Json config, std::vector<std::string> declared_resources)
    : StepContext(services, std::move(node_name), attempt, std::move(config), std::move(declared_resources)),
      op_name_(std::move(op_name)) {}

}  // namespace strata
