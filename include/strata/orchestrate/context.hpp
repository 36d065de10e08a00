#pragma once
// What a compute function gets besides its inputs: the run and step it runs
// in, its validated config, the resources it declared, a logger whose lines
// become events, and a way to attach metadata to its outputs.
#include <map>
#include <optional>
#include <string>
#include <typeinfo>
#include <vector>

#include "strata/orchestrate/asset_key.hpp"
#include "strata/orchestrate/events.hpp"
#include "strata/orchestrate/partitions.hpp"
#include "strata/orchestrate/value.hpp"

namespace strata {

namespace internal {
class StepServices;
}

/// What a step of a partitioned asset knows about its partition.
struct StepPartition {
  std::string key;  // empty: the asset is not partitioned
  std::optional<TimeWindow> time_window;
  /// Every partition the run materializes, in order.
  std::vector<std::string> run_keys;
  /// Upstream asset key -> the partitions of it loaded as the input.
  std::map<std::string, std::vector<std::string>> input_partitions;
};

/// Shared by assets and ops. Not thread-safe: one step uses its context
/// from one thread (the step may use the thread pool internally).
class StepContext {
 public:
  virtual ~StepContext() = default;
  StepContext(const StepContext&) = delete;
  StepContext& operator=(const StepContext&) = delete;

  const std::string& run_id() const;
  const std::string& step_key() const { return step_key_; }
  /// 1 on the first try, 2 on the first retry, ...
  int attempt() const { return attempt_; }
  /// The step's config, validated against its declared schema (an empty
  /// object when it declares none).
  const Json& config() const { return config_; }

  /// The live resource `name`, which the asset or op must declare
  /// (.resources({"name"})). Throws InvalidInputError for an undeclared name
  /// and TypeError when the resource is not a T.
  template <class T>
  T& resource(const std::string& name) const {
    return *static_cast<T*>(resource_pointer(name, typeid(T)));
  }

  /// Writes a log line: recorded as a LOG event of this step and shown live.
  void log(LogLevel level, const std::string& message) const;
  void debug(const std::string& message) const { log(LogLevel::Debug, message); }
  void info(const std::string& message) const { log(LogLevel::Info, message); }
  void warning(const std::string& message) const { log(LogLevel::Warning, message); }
  void error(const std::string& message) const { log(LogLevel::Error, message); }

  /// Adds keys to the dynamic partitions set `name` in run storage (see
  /// dynamic_partitions()); keys already there are ignored. Throws
  /// InvalidInputError for a key that cannot be a partition key.
  void add_dynamic_partitions(const std::string& name, const std::vector<std::string>& keys) const;

  bool is_cancelled() const;
  /// Throws RunCanceledError once the run is cancelled; call it in long
  /// loops so that Ctrl-C takes effect promptly.
  void check_cancelled() const;

  /// Adds entries to the metadata recorded with an output's
  /// materialization (merged with the row count, schema, ... the IO manager
  /// records). `output` may be omitted when the step has one output.
  void add_output_metadata(const Metadata& entries, const std::string& output = "");
  /// What add_output_metadata collected, by output name ("" = the only output).
  const std::map<std::string, Metadata>& output_metadata() const { return output_metadata_; }

 protected:
  StepContext(internal::StepServices& services, std::string step_key, int attempt, Json config,
              std::vector<std::string> declared_resources);

 private:
  void* resource_pointer(const std::string& name, const std::type_info& type) const;

  internal::StepServices& services_;
  std::string step_key_;
  int attempt_;
  Json config_;
  std::vector<std::string> declared_resources_;
  std::map<std::string, Metadata> output_metadata_;
};

class AssetContext final : public StepContext {
 public:
  /// Built by the executor (and by tests through internal::StepServices).
  AssetContext(internal::StepServices& services, std::string step_key, int attempt, Json config,
               std::vector<std::string> declared_resources, std::vector<AssetKey> selected_keys,
               std::vector<std::string> selected_outputs, StepPartition partition = {});

  /// The asset being materialized (the first selected one of a multi-asset).
  const AssetKey& asset_key() const { return selected_keys_.front(); }
  /// Every asset this step materializes in this run.
  const std::vector<AssetKey>& asset_keys() const { return selected_keys_; }
  /// Whether a multi-asset's output `name` is selected in this run.
  bool is_output_selected(const std::string& name) const;

  // ---- Partitions (partitions.hpp)
  bool has_partition() const { return !partition_.key.empty(); }
  /// The partition being materialized. Throws InvalidInputError when the asset is not partitioned.
  const std::string& partition_key() const;
  /// The partition's time window (time-window partitions, or the time
  /// dimension of multi-partitions). Throws InvalidInputError otherwise.
  TimeWindow partition_time_window() const;
  /// The first and last partitions of the run (a backfill runs several).
  std::pair<std::string, std::string> partition_key_range() const;
  /// Every partition the run materializes, in order.
  const std::vector<std::string>& run_partition_keys() const { return partition_.run_keys; }
  /// The partitions of upstream asset `input` that were loaded as the
  /// input (empty when the upstream asset is not partitioned).
  std::vector<std::string> input_partition_keys(const std::string& input) const;

 private:
  std::vector<AssetKey> selected_keys_;
  std::vector<std::string> selected_outputs_;
  StepPartition partition_;
};

class OpContext final : public StepContext {
 public:
  OpContext(internal::StepServices& services, std::string node_name, std::string op_name, int attempt, Json config,
            std::vector<std::string> declared_resources);
  /// The node in the job's graph (the op's name unless aliased).
  const std::string& node_name() const { return step_key(); }
  const std::string& op_name() const { return op_name_; }

 private:
  std::string op_name_;
};

namespace internal {

/// The run-level services behind a StepContext; implemented by the
/// executor's run coordinator. Methods may be called from several steps'
/// threads at once.
class StepServices {
 public:
  virtual ~StepServices() = default;
  virtual const std::string& run_id() const = 0;
  virtual void log(const std::string& step_key, LogLevel level, const std::string& message) = 0;
  /// The live resource or nullptr when `name` is not set up in this run.
  virtual void* resource(const std::string& name, const std::type_info& type) = 0;
  virtual bool is_cancelled() const = 0;
  virtual void add_dynamic_partitions(const std::string& name, const std::vector<std::string>& keys) = 0;
};

}  // namespace internal

}  // namespace strata
