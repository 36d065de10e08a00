#pragma once
// Asset definitions: what a pipeline keeps up to date.
//
// An AssetDefinition is one unit of work (one step) that materializes one
// asset (defs.asset), several (defs.multi_asset), or none because the data is
// made elsewhere and only read (defs.external_asset). Each asset it produces
// is described by an AssetSpec. The setters return *this so that
// definitions read as one statement:
//
//   defs.asset("daily_totals", {"events"}, [](AssetContext& ctx, const DataFrame& events) {...})
//       .group("reporting").description("Revenue per day").owner("data@example.com")
//       .retry(RetryPolicy::times(3).wait(std::chrono::seconds(1)).exponential());
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "strata/core/types.hpp"
#include "strata/orchestrate/asset_check.hpp"
#include "strata/orchestrate/asset_key.hpp"
#include "strata/orchestrate/config_schema.hpp"
#include "strata/orchestrate/internal/compute_adapter.hpp"
#include "strata/orchestrate/partition_mapping.hpp"
#include "strata/orchestrate/partitions.hpp"
#include "strata/orchestrate/retry_policy.hpp"
#include "strata/orchestrate/schema_hook.hpp"
#include "strata/orchestrate/value.hpp"
#include "strata/validate/dataframe_schema.hpp"

namespace strata {

class AssetContext;

/// One asset produced by a definition. For a multi-asset, each output is
/// declared with an AssetSpec; fields left empty inherit the definition's.
class AssetSpec {
 public:
  /// `output_name` names the output in the function's Outputs; the key
  /// defaults to it.
  explicit AssetSpec(std::string output_name);

  AssetSpec& key(AssetKey key);
  AssetSpec& group(std::string name);
  AssetSpec& description(std::string text);
  AssetSpec& metadata(const Metadata& entries);  // merged
  AssetSpec& tag(std::string name, std::string value);
  AssetSpec& owner(std::string owner);
  AssetSpec& code_version(std::string version);
  /// What the output must be: ValueKind::Frame or ValueKind::Json (None = either).
  AssetSpec& output_type(ValueKind kind);
  AssetSpec& schema(std::shared_ptr<const SchemaHook> hook);
  AssetSpec& schema(Schema schema);  // expect_schema(schema)
  /// validation_schema_hook(schema): the output is validated against the
  /// schema's constraints before it is stored (see validation_schema_hook.hpp).
  AssetSpec& schema(DataFrameSchema schema);
  AssetSpec& io_manager(std::string name);
  /// Upstream assets this one depends on without receiving their values.
  AssetSpec& deps(const std::vector<AssetKey>& keys);

  const std::string& output_name() const { return output_name_; }
  const AssetKey& key() const { return key_; }
  const std::string& group() const { return group_; }
  const std::string& description() const { return description_; }
  const Metadata& metadata() const { return metadata_; }
  const std::map<std::string, std::string>& tags() const { return tags_; }
  const std::vector<std::string>& owners() const { return owners_; }
  const std::string& code_version() const { return code_version_; }
  ValueKind output_type() const { return output_type_; }
  const std::shared_ptr<const SchemaHook>& schema() const { return schema_; }
  const std::string& io_manager() const { return io_manager_; }
  const std::vector<AssetKey>& deps() const { return deps_; }

 private:
  friend class AssetDefinition;
  std::string output_name_;
  AssetKey key_;
  std::string group_;  // empty: the definition's group ("default" unless set)
  std::string description_;
  Metadata metadata_ = Metadata::object();
  std::map<std::string, std::string> tags_;
  std::vector<std::string> owners_;
  std::string code_version_;
  ValueKind output_type_ = ValueKind::None;
  std::shared_ptr<const SchemaHook> schema_;
  std::string io_manager_;  // empty: the definition's ("default" unless set)
  std::vector<AssetKey> deps_;
};

enum class AssetKind { Single, Multi, External };

class AssetDefinition {
 public:
  /// Loads an external asset's current value when a downstream asset takes
  /// it as an input. Without a loader, the IO manager loads it.
  using Loader = std::function<Value(AssetContext&)>;

  /// Built by Definitions; `name` is the step key.
  AssetDefinition(AssetKind kind, std::string name, std::vector<AssetSpec> specs, std::vector<AssetKey> ins,
                  internal::BoundCompute compute);

  // ---- Setters (applied to every output of a multi-asset)
  AssetDefinition& group(std::string name);
  AssetDefinition& description(std::string text);
  AssetDefinition& metadata(const Metadata& entries);
  AssetDefinition& tag(std::string name, std::string value);
  AssetDefinition& owner(std::string owner);
  AssetDefinition& code_version(std::string version);
  AssetDefinition& output_type(ValueKind kind);
  AssetDefinition& schema(std::shared_ptr<const SchemaHook> hook);
  AssetDefinition& schema(Schema schema);
  AssetDefinition& schema(DataFrameSchema schema);
  AssetDefinition& io_manager(std::string name);
  AssetDefinition& deps(const std::vector<AssetKey>& keys);
  /// Puts `prefix` in front of every output key ("events" -> "raw/events").
  /// Inputs are not prefixed: name them with their full keys.
  AssetDefinition& key_prefix(const std::vector<std::string>& prefix);
  AssetDefinition& retry(RetryPolicy policy);
  AssetDefinition& resources(std::vector<std::string> names);
  AssetDefinition& config_schema(ConfigSchema schema);
  /// Multi-assets: allow materializing a subset of the outputs; the
  /// function then sees AssetContext::is_output_selected and returns only
  /// the selected outputs. Without it, selecting some outputs is an error.
  AssetDefinition& can_subset(bool allowed = true);
  /// External assets only.
  AssetDefinition& loader(Loader function);
  /// Splits the asset (every output of a multi-asset) into partitions, each
  /// materialized by its own step (see partitions.hpp).
  AssetDefinition& partitions(PartitionsPtr definition);
  /// Which partitions of input or dep `upstream` each partition reads
  /// (default: default_partition_mapping).
  AssetDefinition& partition_mapping(const AssetKey& upstream, PartitionMappingPtr mapping);
  /// Attaches a check that runs after the asset's value is stored (see
  /// asset_check.hpp); on a multi-asset it runs on every selected output.
  /// Throws InvalidInputError for a repeated check name or an external asset.
  AssetDefinition& check(AssetCheck check);
  AssetDefinition& check(std::string name, AssetCheck::Function function);

  // ---- Accessors
  AssetKind kind() const { return kind_; }
  bool is_external() const { return kind_ == AssetKind::External; }
  /// The step key: the asset key for single assets, the name for multi-assets.
  const std::string& name() const { return name_; }
  const std::vector<AssetSpec>& specs() const { return specs_; }
  const AssetSpec* spec_for(const AssetKey& key) const;
  /// The group of a spec after inheritance.
  const std::string& group_of(const AssetSpec& spec) const;
  const std::string& io_manager_of(const AssetSpec& spec) const;
  const std::vector<AssetKey>& ins() const { return ins_; }
  const internal::BoundCompute& compute() const { return compute_; }
  const std::optional<RetryPolicy>& retry_policy() const { return retry_; }
  const std::vector<std::string>& required_resources() const { return resources_; }
  const ConfigSchema& config_schema() const { return config_schema_; }
  bool subsettable() const { return can_subset_; }
  const Loader& loader_function() const { return loader_; }
  const std::vector<AssetCheck>& checks() const { return checks_; }
  /// Null when the asset is not partitioned.
  const PartitionsPtr& partitions_definition() const { return partitions_; }
  /// The declared mapping for `upstream`, or null.
  PartitionMappingPtr declared_partition_mapping(const AssetKey& upstream) const;

 private:
  AssetKind kind_;
  std::string name_;
  std::vector<AssetSpec> specs_;
  std::vector<AssetKey> ins_;
  internal::BoundCompute compute_;
  std::string group_ = "default";
  std::string io_manager_ = "default";
  std::optional<RetryPolicy> retry_;
  std::vector<std::string> resources_;
  ConfigSchema config_schema_;
  bool can_subset_ = false;
  Loader loader_;
  std::vector<AssetCheck> checks_;
  PartitionsPtr partitions_;
  std::map<AssetKey, PartitionMappingPtr> partition_mappings_;
};

}  // namespace strata
