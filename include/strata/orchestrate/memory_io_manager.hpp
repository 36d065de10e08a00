#pragma once
// Keeps values in process memory: for tests, for op outputs within one run,
// and for pipelines whose results need not outlive the process.
#include <map>
#include <mutex>

#include "strata/orchestrate/io_manager.hpp"

namespace strata {

class MemoryIOManager final : public IOManager {
 public:
  std::string name() const override { return "memory"; }
  /// Stores a shared copy (DataFrames are immutable); metadata as for files,
  /// without path and byte size.
  Metadata store(const OutputContext& context, const Value& value) override;
  Value load(const InputContext& context) override;
  bool has(const AssetKey& key, const std::string& partition = "") const override;
  bool remove(const AssetKey& key) override;
  bool shared_across_processes() const override { return false; }

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<AssetKey, std::string>, Value> values_;  // (key, partition)
};

}  // namespace strata
