#pragma once
// The steps a run executes, in dependency order, built from an asset
// selection or an op job. A plan refers into the Definitions it was built
// from, which must outlive it.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "strata/orchestrate/asset_graph.hpp"
#include "strata/orchestrate/definitions.hpp"
#include "strata/orchestrate/selection.hpp"

namespace strata {

enum class StepKind { Asset, Op };

/// Where a step input comes from.
struct StepInput {
  std::string name;         // the upstream asset key (assets) or the op input name
  AssetKey asset_key;       // assets: the upstream asset
  std::string from_step;    // the producing step when it is in this plan
  std::string from_output;  // ops: the producing node's output
  bool external = false;    // assets: an external asset (loaded by its loader)
  std::string io_manager;   // the IO manager holding the value (the producer's)
  /// Assets: whether the upstream asset is partitioned, and the partitions
  /// of it this step reads (possibly none: an empty DataFrame is passed).
  bool partitioned = false;
  std::vector<std::string> partitions;
};

struct PlanStep {
  /// The definition's name, or "name[partition]" for a partition of a partitioned asset.
  std::string key;
  /// The partition this step materializes; empty for unpartitioned steps.
  std::string partition;
  StepKind kind = StepKind::Asset;
  const AssetDefinition* asset = nullptr;  // asset steps
  const OpDefinition* op = nullptr;        // op steps
  const OpNode* node = nullptr;            // op steps
  /// Asset steps: the keys materialized and their output names.
  std::vector<AssetKey> asset_keys;
  std::vector<std::string> output_names;
  std::vector<StepInput> inputs;  // in argument order
  /// Ordering-only upstream assets (not loaded).
  std::vector<AssetKey> deps;
  /// Steps of this plan that must succeed first.
  std::vector<std::string> upstream_steps;
  /// Resources the step needs: its own and those of the external assets it
  /// reads through their loaders.
  std::vector<std::string> resources;
  const std::optional<RetryPolicy>& retry_policy() const;
  const ConfigSchema& config_schema() const;
  /// The entry of run config that configures the step: the asset's name
  /// (shared by its partitions) or the op node's.
  const std::string& config_key() const;
};

/// The step key of partition `partition` of the asset step `name`: "name[partition]".
std::string partition_step_key(const std::string& name, const std::string& partition);
/// The partition in a step key made by partition_step_key, or "" for an
/// unpartitioned step (neither asset keys nor partition keys hold '[').
std::string partition_of_step_key(const std::string& step_key);

class ExecutionPlan {
 public:
  /// The steps materializing `selection` (external assets are read, not
  /// made, and dropped). Throws InvalidInputError for a bad or empty
  /// selection, a selection holding only external assets, or a partial
  /// selection of a multi-asset that cannot subset.
  ///
  /// When the selection holds partitioned assets, they must share one
  /// partitions definition and `partition_keys` names the partitions to
  /// materialize: each partitioned asset gets one step per key, and each
  /// input reads the upstream partitions its mapping gives. Throws
  /// InvalidInputError for missing, unknown or unexpected keys, or for
  /// assets with different partitions in one selection.
  static ExecutionPlan for_assets(const Definitions& definitions, const AssetSelection& selection,
                                  const std::string& job_name = "__asset_job",
                                  const std::vector<std::string>& partition_keys = {},
                                  const PartitionContext& partition_context = {});
  /// The steps of a job: an op graph, or an asset job's selection. Throws
  /// InvalidInputError naming the closest job for an unknown name.
  /// An asset job with partitioned assets takes `partition_keys` as for_assets does.
  static ExecutionPlan for_job(const Definitions& definitions, const std::string& job_name,
                               const std::vector<std::string>& partition_keys = {},
                               const PartitionContext& partition_context = {});

  /// The same plan restricted to `step_keys` (re-execution); inputs from
  /// dropped steps are loaded from storage. Throws for unknown step keys.
  ExecutionPlan subset(const std::set<std::string>& step_keys) const;

  const std::string& job_name() const { return job_name_; }
  /// The asset selection text (empty for op jobs).
  const std::string& selection() const { return selection_; }
  bool is_op_job() const { return op_job_; }
  /// The partitions this plan materializes, in order (empty when none).
  const std::vector<std::string>& partition_keys() const { return partition_keys_; }
  /// The partitions definition of the selection's partitioned assets, or null.
  const PartitionsPtr& partitions() const { return partitions_; }
  const std::vector<PlanStep>& steps() const { return steps_; }
  const PlanStep* find(const std::string& step_key) const;
  std::vector<std::string> step_keys() const;
  /// The union of the steps' required resources, sorted.
  std::vector<std::string> required_resources() const;

 private:
  void order_steps();

  std::string job_name_;
  std::string selection_;
  bool op_job_ = false;
  std::vector<PlanStep> steps_;
  std::vector<std::string> partition_keys_;
  PartitionsPtr partitions_;
};

/// Tells the step its resolved config: run_config["assets"][step]["config"]
/// or run_config["ops"][node]["config"].
Json step_config_section(const Json& run_config, const PlanStep& step);

}  // namespace strata
