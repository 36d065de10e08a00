#pragma once
// Everything a pipeline defines, in one registry that a pipeline binary
// hands to strata::run_cli: assets, resources, ops, graphs, jobs and IO
// managers.
//
// Definitions are checked as a whole by check() (run_cli and every run call
// it first): duplicate keys, unknown dependencies, dependency cycles,
// undeclared resources and IO managers, broken job graphs and bad asset job
// selections are all reported in one DefinitionError that names the keys
// involved. Mistakes visible in one definition (the number of inputs, say)
// are reported immediately when it is added.
//
// Add definitions before running; the references returned stay valid for
// the life of the Definitions object. Not thread-safe while being built;
// read-only use afterwards may be concurrent.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "strata/core/error.hpp"
#include "strata/orchestrate/asset.hpp"
#include "strata/orchestrate/context.hpp"
#include "strata/orchestrate/io_manager.hpp"
#include "strata/orchestrate/op.hpp"
#include "strata/orchestrate/resource.hpp"

namespace strata {

/// Definitions that cannot work together; the message lists every problem.
class DefinitionError : public InvalidInputError {
 public:
  using InvalidInputError::InvalidInputError;
};

class AssetGraph;

/// Makes an IO manager for an instance whose file storage is at `storage_root`.
using IOManagerFactory = std::function<std::shared_ptr<IOManager>(const std::filesystem::path& storage_root)>;

class Definitions {
 public:
  Definitions();
  ~Definitions();
  Definitions(Definitions&&) noexcept;
  Definitions& operator=(Definitions&&) noexcept;
  Definitions(const Definitions&) = delete;
  Definitions& operator=(const Definitions&) = delete;

  // ---- Assets
  /// An asset with no inputs: compute(AssetContext&) -> DataFrame/Json/...
  template <class F>
  AssetDefinition& asset(const AssetKey& key, F compute) {
    return asset(key, {}, std::move(compute));
  }
  /// An asset computed from upstream assets: compute receives their values
  /// in the order of `ins` (after an optional AssetContext&).
  template <class F>
  AssetDefinition& asset(const AssetKey& key, std::vector<AssetKey> ins, F compute) {
    std::vector<AssetSpec> specs{AssetSpec("result").key(key)};
    return add_asset(std::make_unique<AssetDefinition>(AssetKind::Single, key.to_string(), std::move(specs),
                                                       std::move(ins),
                                                       internal::bind_compute<AssetContext>(std::move(compute))));
  }
  /// One function producing several assets: compute returns Outputs keyed by
  /// the specs' output names.
  template <class F>
  AssetDefinition& multi_asset(std::string name, std::vector<AssetSpec> outs, std::vector<AssetKey> ins, F compute) {
    return add_asset(std::make_unique<AssetDefinition>(AssetKind::Multi, std::move(name), std::move(outs),
                                                       std::move(ins),
                                                       internal::bind_compute<AssetContext>(std::move(compute))));
  }
  /// An asset made outside this pipeline: never materialized here, read by
  /// downstream assets through its loader or its IO manager, and recorded
  /// as an observation when read.
  AssetDefinition& external_asset(const AssetKey& key);

  // ---- Resources, ops, graphs, jobs, IO managers
  /// See resource.hpp; `setup` returns std::shared_ptr<T> or a T.
  template <class F>
  ResourceDefinition& resource(std::string name, F setup) {
    return add_resource(make_resource_definition(std::move(name), std::move(setup)));
  }
  template <class F>
  OpDefinition& op(std::string name, F compute) {
    return op(std::move(name), {}, std::move(compute));
  }
  template <class F>
  OpDefinition& op(std::string name, std::vector<std::string> ins, F compute) {
    return add_op(std::make_unique<OpDefinition>(std::move(name), std::move(ins),
                                                 internal::bind_compute<OpContext>(std::move(compute))));
  }
  GraphDefinition& graph(std::string name);
  /// A job running an op graph (add nodes with JobDefinition::node/graph).
  JobDefinition& job(std::string name);
  /// A job materializing the assets `selection` picks (selection syntax).
  JobDefinition& asset_job(std::string name, std::string selection);
  /// Registers (or replaces) an IO manager by name. Built in: "csv",
  /// "memory", "parquet" and "default" (the instance's choice).
  Definitions& io_manager(std::string name, IOManagerFactory factory);
  /// The retry policy of assets and ops that do not set their own.
  Definitions& default_retry(RetryPolicy policy);

  // ---- Checking and lookup
  /// Throws DefinitionError listing every problem (see the file comment).
  void check() const;
  /// The checked asset dependency graph; throws DefinitionError.
  AssetGraph asset_graph() const;

  std::vector<const AssetDefinition*> asset_definitions() const;
  /// The definition whose step key is `name` (nullptr when none).
  const AssetDefinition* find_asset_step(const std::string& name) const;
  std::vector<const ResourceDefinition*> resources() const;
  const ResourceDefinition* find_resource(const std::string& name) const;
  std::vector<const OpDefinition*> ops() const;
  const OpDefinition* find_op(const std::string& name) const;
  std::vector<const GraphDefinition*> graphs() const;
  std::vector<const JobDefinition*> jobs() const;
  const JobDefinition* find_job(const std::string& name) const;
  /// The IO manager factory registered as `name` (nullptr for built-ins and unknown names).
  const IOManagerFactory* find_io_manager(const std::string& name) const;
  std::vector<std::string> io_manager_names() const;
  const std::optional<RetryPolicy>& default_retry_policy() const { return default_retry_; }

 private:
  AssetDefinition& add_asset(std::unique_ptr<AssetDefinition> definition);
  ResourceDefinition& add_resource(ResourceDefinition definition);
  OpDefinition& add_op(std::unique_ptr<OpDefinition> definition);

  struct Registry;
  std::unique_ptr<Registry> registry_;
  std::optional<RetryPolicy> default_retry_;
};

/// Names of the IO managers every instance provides.
const std::vector<std::string>& builtin_io_manager_names();

}  // namespace strata
