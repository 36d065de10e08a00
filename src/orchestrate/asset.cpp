#include "strata/orchestrate/asset.hpp"

#include "strata/core/error.hpp"
#include "strata/orchestrate/validation_schema_hook.hpp"

namespace strata {

AssetSpec::AssetSpec(std::string output_name) : output_name_(std::move(output_name)), key_(output_name_) {}

AssetSpec& AssetSpec::key(AssetKey key) {
  key_ = std::move(key);
  return *this;
}
AssetSpec& AssetSpec::group(std::string name) {
  group_ = std::move(name);
  return *this;
}
AssetSpec& AssetSpec::description(std::string text) {
  description_ = std::move(text);
  return *this;
}
AssetSpec& AssetSpec::metadata(const Metadata& entries) {
  if (!entries.is_object())
    throw InvalidInputError("asset '" + key_.to_string() + "': metadata must be a JSON object, got " + entries.dump());
  metadata_.update(entries);
  return *this;
}
AssetSpec& AssetSpec::tag(std::string name, std::string value) {
  tags_[std::move(name)] = std::move(value);
  return *this;
}
AssetSpec& AssetSpec::owner(std::string owner) {
  owners_.push_back(std::move(owner));
  return *this;
}
AssetSpec& AssetSpec::code_version(std::string version) {
  code_version_ = std::move(version);
  return *this;
}
AssetSpec& AssetSpec::output_type(ValueKind kind) {
  output_type_ = kind;
  return *this;
}
AssetSpec& AssetSpec::schema(std::shared_ptr<const SchemaHook> hook) {
  schema_ = std::move(hook);
  if (schema_ && output_type_ == ValueKind::None) output_type_ = ValueKind::Frame;
  return *this;
}
AssetSpec& AssetSpec::schema(Schema schema) { return this->schema(expect_schema(std::move(schema))); }
AssetSpec& AssetSpec::schema(DataFrameSchema schema) {
  return this->schema(validation_schema_hook(std::move(schema)));
}
AssetSpec& AssetSpec::io_manager(std::string name) {
  io_manager_ = std::move(name);
  return *this;
}
AssetSpec& AssetSpec::deps(const std::vector<AssetKey>& keys) {
  deps_.insert(deps_.end(), keys.begin(), keys.end());
  return *this;
}

AssetDefinition::AssetDefinition(AssetKind kind, std::string name, std::vector<AssetSpec> specs,
                                 std::vector<AssetKey> ins, internal::BoundCompute compute)
    : kind_(kind), name_(std::move(name)), specs_(std::move(specs)), ins_(std::move(ins)), compute_(std::move(compute)) {
  if (specs_.empty()) throw InvalidInputError("asset definition '" + name_ + "' declares no outputs; give at least one");
  if (kind_ != AssetKind::External && compute_.input_kinds.size() != ins_.size()) {
    std::string names;
    for (const AssetKey& key : ins_) names += (names.empty() ? "" : ", ") + key.to_string();
    throw InvalidInputError("asset '" + name_ + "' declares " + std::to_string(ins_.size()) + " input(s) (" +
                            (names.empty() ? "none" : names) + ") but its function takes " +
                            std::to_string(compute_.input_kinds.size()) +
                            " value argument(s); the function receives the upstream values in declared order");
  }
  if (kind_ == AssetKind::Multi && !compute_.returns_outputs)
    throw InvalidInputError("multi-asset '" + name_ + "' must return strata::Outputs (a map from output name to value)");
}

AssetDefinition& AssetDefinition::group(std::string name) {
  group_ = std::move(name);
  return *this;
}
AssetDefinition& AssetDefinition::description(std::string text) {
  for (AssetSpec& spec : specs_)
    if (spec.description_.empty() || specs_.size() == 1) spec.description_ = text;
  return *this;
}
AssetDefinition& AssetDefinition::metadata(const Metadata& entries) {
  for (AssetSpec& spec : specs_) spec.metadata(entries);
  return *this;
}
AssetDefinition& AssetDefinition::tag(std::string name, std::string value) {
  for (AssetSpec& spec : specs_) spec.tag(name, value);
  return *this;
}
AssetDefinition& AssetDefinition::owner(std::string owner) {
  for (AssetSpec& spec : specs_) spec.owner(owner);
  return *this;
}
AssetDefinition& AssetDefinition::code_version(std::string version) {
  for (AssetSpec& spec : specs_) spec.code_version(version);
  return *this;
}
AssetDefinition& AssetDefinition::output_type(ValueKind kind) {
  for (AssetSpec& spec : specs_) spec.output_type(kind);
  return *this;
}
AssetDefinition& AssetDefinition::schema(std::shared_ptr<const SchemaHook> hook) {
  for (AssetSpec& spec : specs_) spec.schema(hook);
  return *this;
}
AssetDefinition& AssetDefinition::schema(Schema schema) { return this->schema(expect_schema(std::move(schema))); }
AssetDefinition& AssetDefinition::schema(DataFrameSchema schema) {
  return this->schema(validation_schema_hook(std::move(schema)));
}
AssetDefinition& AssetDefinition::io_manager(std::string name) {
  io_manager_ = std::move(name);
  return *this;
}
AssetDefinition& AssetDefinition::deps(const std::vector<AssetKey>& keys) {
  for (AssetSpec& spec : specs_) spec.deps(keys);
  return *this;
}
AssetDefinition& AssetDefinition::key_prefix(const std::vector<std::string>& prefix) {
  for (AssetSpec& spec : specs_) spec.key_ = spec.key_.with_prefix(prefix);
  if (kind_ != AssetKind::Multi) name_ = specs_.front().key_.to_string();
  return *this;
}
AssetDefinition& AssetDefinition::retry(RetryPolicy policy) {
  if (policy.max_retries < 0)
    throw InvalidInputError("asset '" + name_ + "': max_retries must be at least 0, got " +
                            std::to_string(policy.max_retries));
  retry_ = policy;
  return *this;
}
AssetDefinition& AssetDefinition::resources(std::vector<std::string> names) {
  resources_.insert(resources_.end(), names.begin(), names.end());
  return *this;
}
AssetDefinition& AssetDefinition::config_schema(ConfigSchema schema) {
  config_schema_ = std::move(schema);
  return *this;
}
AssetDefinition& AssetDefinition::can_subset(bool allowed) {
  can_subset_ = allowed;
  return *this;
}
AssetDefinition& AssetDefinition::loader(Loader function) {
  if (kind_ != AssetKind::External)
    throw InvalidInputError("asset '" + name_ + "' is computed by its function; only external assets take a loader");
  loader_ = std::move(function);
  return *this;
}
AssetDefinition& AssetDefinition::partitions(PartitionsPtr definition) {
  if (!definition) throw InvalidInputError("asset '" + name_ + "': partitions(nullptr); pass a partitions definition");
  partitions_ = std::move(definition);
  return *this;
}

AssetDefinition& AssetDefinition::partition_mapping(const AssetKey& upstream, PartitionMappingPtr mapping) {
  if (!mapping) throw InvalidInputError("asset '" + name_ + "': partition_mapping for '" + upstream.to_string() + "' is null");
  partition_mappings_[upstream] = std::move(mapping);
  return *this;
}

PartitionMappingPtr AssetDefinition::declared_partition_mapping(const AssetKey& upstream) const {
  auto found = partition_mappings_.find(upstream);
  return found == partition_mappings_.end() ? nullptr : found->second;
}

AssetDefinition& AssetDefinition::check(AssetCheck check) {
  if (kind_ == AssetKind::External)
    throw InvalidInputError("asset '" + name_ + "' is external: Strata does not materialize it, so it cannot run check '" +
                            check.name() + "'");
  for (const AssetCheck& existing : checks_)
    if (existing.name() == check.name())
      throw InvalidInputError("asset '" + name_ + "' already has a check named '" + check.name() + "'");
  checks_.push_back(std::move(check));
  return *this;
}
AssetDefinition& AssetDefinition::check(std::string name, AssetCheck::Function function) {
  return check(AssetCheck(std::move(name), std::move(function)));
}

const AssetSpec* AssetDefinition::spec_for(const AssetKey& key) const {
  for (const AssetSpec& spec : specs_)
    if (spec.key() == key) return &spec;
  return nullptr;
}

const std::string& AssetDefinition::group_of(const AssetSpec& spec) const {
  return spec.group().empty() ? group_ : spec.group();
}

const std::string& AssetDefinition::io_manager_of(const AssetSpec& spec) const {
  return spec.io_manager().empty() ? io_manager_ : spec.io_manager();
}

}  // namespace strata
