#include "strata/orchestrate/definitions.hpp"

#include <map>

#include "strata/orchestrate/asset_graph.hpp"

namespace strata {

struct Definitions::Registry {
  std::vector<std::unique_ptr<AssetDefinition>> assets;
  std::vector<std::unique_ptr<ResourceDefinition>> resources;
  std::vector<std::unique_ptr<OpDefinition>> ops;
  std::vector<std::unique_ptr<GraphDefinition>> graphs;
  std::vector<std::unique_ptr<JobDefinition>> jobs;
  std::map<std::string, IOManagerFactory> io_managers;
};

namespace {

template <class T>
std::vector<const T*> pointers(const std::vector<std::unique_ptr<T>>& items) {
  std::vector<const T*> out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(item.get());
  return out;
}

}  // namespace

const std::vector<std::string>& builtin_io_manager_names() {
  static const std::vector<std::string> names{"default", "csv", "parquet", "memory"};
  return names;
}

Definitions::Definitions() : registry_(std::make_unique<Registry>()) {}
Definitions::~Definitions() = default;
Definitions::Definitions(Definitions&&) noexcept = default;
Definitions& Definitions::operator=(Definitions&&) noexcept = default;

AssetDefinition& Definitions::add_asset(std::unique_ptr<AssetDefinition> definition) {
  registry_->assets.push_back(std::move(definition));
  return *registry_->assets.back();
}

AssetDefinition& Definitions::external_asset(const AssetKey& key) {
  std::vector<AssetSpec> specs{AssetSpec("result").key(key)};
  return add_asset(std::make_unique<AssetDefinition>(AssetKind::External, key.to_string(), std::move(specs),
                                                     std::vector<AssetKey>{}, internal::BoundCompute{}));
}

ResourceDefinition& Definitions::add_resource(ResourceDefinition definition) {
  registry_->resources.push_back(std::make_unique<ResourceDefinition>(std::move(definition)));
  return *registry_->resources.back();
}

OpDefinition& Definitions::add_op(std::unique_ptr<OpDefinition> definition) {
  registry_->ops.push_back(std::move(definition));
  return *registry_->ops.back();
}

GraphDefinition& Definitions::graph(std::string name) {
  registry_->graphs.push_back(std::make_unique<GraphDefinition>(std::move(name)));
  return *registry_->graphs.back();
}

JobDefinition& Definitions::job(std::string name) {
  registry_->jobs.push_back(std::make_unique<JobDefinition>(std::move(name), JobDefinition::Kind::Ops));
  return *registry_->jobs.back();
}

JobDefinition& Definitions::asset_job(std::string name, std::string selection) {
  registry_->jobs.push_back(std::make_unique<JobDefinition>(std::move(name), JobDefinition::Kind::Assets));
  registry_->jobs.back()->selection_ = std::move(selection);
  return *registry_->jobs.back();
}

Definitions& Definitions::io_manager(std::string name, IOManagerFactory factory) {
  if (!factory) throw InvalidInputError("IO manager '" + name + "' needs a factory function");
  registry_->io_managers[std::move(name)] = std::move(factory);
  return *this;
}

Definitions& Definitions::default_retry(RetryPolicy policy) {
  if (policy.max_retries < 0)
    throw InvalidInputError("default retry policy: max_retries must be at least 0, got " +
                            std::to_string(policy.max_retries));
  default_retry_ = policy;
  return *this;
}

AssetGraph Definitions::asset_graph() const {
  check();
  return AssetGraph(*this);
}

std::vector<const AssetDefinition*> Definitions::asset_definitions() const { return pointers(registry_->assets); }

const AssetDefinition* Definitions::find_asset_step(const std::string& name) const {
  for (const auto& asset : registry_->assets)
    if (asset->name() == name && !asset->is_external()) return asset.get();
  return nullptr;
}

std::vector<const ResourceDefinition*> Definitions::resources() const { return pointers(registry_->resources); }

const ResourceDefinition* Definitions::find_resource(const std::string& name) const {
  for (const auto& resource : registry_->resources)
    if (resource->name() == name) return resource.get();
  return nullptr;
}

std::vector<const OpDefinition*> Definitions::ops() const { return pointers(registry_->ops); }

const OpDefinition* Definitions::find_op(const std::string& name) const {
  for (const auto& op : registry_->ops)
    if (op->name() == name) return op.get();
  return nullptr;
}

std::vector<const GraphDefinition*> Definitions::graphs() const { return pointers(registry_->graphs); }
std::vector<const JobDefinition*> Definitions::jobs() const { return pointers(registry_->jobs); }

const JobDefinition* Definitions::find_job(const std::string& name) const {
  for (const auto& job : registry_->jobs)
    if (job->name() == name) return job.get();
  return nullptr;
}

const IOManagerFactory* Definitions::find_io_manager(const std::string& name) const {
  auto it = registry_->io_managers.find(name);
  return it == registry_->io_managers.end() ? nullptr : &it->second;
}

std::vector<std::string> Definitions::io_manager_names() const {
  std::vector<std::string> names = builtin_io_manager_names();
  for (const auto& [name, factory] : registry_->io_managers)
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  return names;
}

}  // namespace strata
