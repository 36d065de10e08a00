#include "strata/orchestrate/memory_io_manager.hpp"

#include "strata/core/error.hpp"
#include "strata/orchestrate/frame_metadata.hpp"

namespace strata {

Metadata MemoryIOManager::store(const OutputContext& context, const Value& value) {
  if (value.is_none())
    throw UnsupportedError("step '" + context.step_key + "' returned no value for '" + context.key.to_string() +
                           "'; return a DataFrame or a JSON value");
  Metadata metadata = value.is_frame() ? describe_frame(value.frame()) : describe_json_value(value.json());
  std::lock_guard lock(mutex_);
  values_[{context.key, context.partition}] = value;
  return metadata;
}

Value MemoryIOManager::load(const InputContext& context) {
  std::lock_guard lock(mutex_);
  auto it = values_.find({context.key, context.partition});
  if (it == values_.end())
    throw IOError("asset '" + context.key.to_string() +
                  (context.partition.empty() ? "" : "' partition '" + context.partition) +
                  "' has no value in the in-memory IO manager (values live only as long as the process); "
                  "materialize it in the same run, e.g. --select '+" + context.step_key + "'");
  return it->second;
}

bool MemoryIOManager::has(const AssetKey& key, const std::string& partition) const {
  std::lock_guard lock(mutex_);
  return values_.count({key, partition}) != 0;
}

bool MemoryIOManager::remove(const AssetKey& key) {
  std::lock_guard lock(mutex_);
  return std::erase_if(values_, [&key](const auto& entry) { return entry.first.first == key; }) != 0;
}

}  // namespace strata
