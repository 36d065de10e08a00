#pragma once
// IO managers persist step outputs and load them for downstream steps.
// Implementations: FilesystemIOManager subclasses (CsvIOManager,
// ParquetIOManager) and MemoryIOManager. The executor talks only to this
// interface, so a new format or an object store plugs in without changing it.
//
// Contract for every implementation:
// - store() is atomic: readers see the previous version or the new one,
//   never a partial one, even when the process is killed mid-write;
// - store() returns metadata describing what was written (row count, column
//   schema, byte size, path, a preview of the first rows - whatever applies);
// - keys never escape the storage root (AssetKey guarantees safe components;
//   filesystem managers check the resolved path again);
// - each partition of a partitioned asset is stored and loaded on its own
//   (the contexts' `partition`), next to but apart from the unpartitioned value;
// - all methods may be called from several threads at once.
#include <string>

#include "strata/core/error.hpp"
#include "strata/orchestrate/asset_key.hpp"
#include "strata/orchestrate/value.hpp"

namespace strata {

struct OutputContext {
  AssetKey key;                 // the asset, or a run-scoped key for op outputs
  std::string run_id;
  std::string step_key;
  std::string output_name;      // "result" for single-output steps
  Metadata definition_metadata = Metadata::object();  // the asset's declared metadata
  std::string partition{};      // the partition being stored; empty for unpartitioned assets
};

struct InputContext {
  AssetKey key;                 // what to load
  std::string run_id;           // the consuming run
  std::string step_key;         // the consuming step
  /// Metadata of the latest materialization of `key` (null when unknown);
  /// lets a format without types (CSV) restore the column types.
  Metadata upstream_metadata;
  std::string partition{};      // the partition to load; empty for unpartitioned assets
};

class IOManager {
 public:
  virtual ~IOManager() = default;
  /// "csv", "parquet", "memory", ...
  virtual std::string name() const = 0;
  /// Persists `value` as the new version of `context.key` (see contract).
  /// Throws IOError (the previous version is kept) or UnsupportedError for a
  /// value kind the manager cannot store.
  virtual Metadata store(const OutputContext& context, const Value& value) = 0;
  /// The stored value. Throws IOError naming the key when nothing is stored,
  /// with a hint to materialize it first.
  virtual Value load(const InputContext& context) = 0;
  /// Whether a value is stored for `key` (for `partition` of it when not empty).
  virtual bool has(const AssetKey& key, const std::string& partition = "") const = 0;
  /// Deletes the stored value and every stored partition of `key`; returns
  /// whether there was any.
  virtual bool remove(const AssetKey& key) = 0;
  /// Whether a value stored by one process can be loaded by another (false
  /// for values kept in process memory); the multiprocess executor needs it.
  virtual bool shared_across_processes() const { return true; }
};

}  // namespace strata
