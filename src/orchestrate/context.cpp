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

void StepContext::add_dynamic_partitions(const std::string& name, const std::vector<std::string>& keys) const {
  for (const std::string& key : keys) check_partition_key_text(key);
  services_.add_dynamic_partitions(name, keys);
}

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
                           std::vector<std::string> selected_outputs, StepPartition partition)
    : StepContext(services, std::move(step_key), attempt, std::move(config), std::move(declared_resources)),
      selected_keys_(std::move(selected_keys)),
      selected_outputs_(std::move(selected_outputs)),
      partition_(std::move(partition)) {
  STRATA_CHECK(!selected_keys_.empty(), "an asset step materializes at least one asset");
}

const std::string& AssetContext::partition_key() const {
  if (partition_.key.empty())
    throw InvalidInputError("asset '" + asset_key().to_string() +
                            "' is not partitioned, so it has no partition key; declare .partitions(...) on it");
  return partition_.key;
}

TimeWindow AssetContext::partition_time_window() const {
  if (!partition_.time_window)
    throw InvalidInputError("asset '" + asset_key().to_string() + "' " +
                            (partition_.key.empty() ? std::string("is not partitioned")
                                                    : "has partition '" + partition_.key + "' without a time window") +
                            "; time windows come with hourly, daily, weekly or monthly partitions");
  return *partition_.time_window;
}

std::pair<std::string, std::string> AssetContext::partition_key_range() const {
  if (partition_.run_keys.empty()) partition_key();  // throws the explanation
  return {partition_.run_keys.front(), partition_.run_keys.back()};
}

std::vector<std::string> AssetContext::input_partition_keys(const std::string& input) const {
  auto found = partition_.input_partitions.find(input);
  return found == partition_.input_partitions.end() ? std::vector<std::string>{} : found->second;
}

bool AssetContext::is_output_selected(const std::string& name) const {
  return std::find(selected_outputs_.begin(), selected_outputs_.end(), name) != selected_outputs_.end();
}

OpContext::OpContext(internal::StepServices& services, std::string node_name, std::string op_name, int attempt,
                     Json config, std::vector<std::string> declared_resources)
    : StepContext(services, std::move(node_name), attempt, std::move(config), std::move(declared_resources)),
      op_name_(std::move(op_name)) {}

}  // namespace strata
