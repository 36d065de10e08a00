#pragma once
// An instance is where runs are recorded and asset data is kept: the
// project's home folder (STRATA_HOME, default ./.strata) holding the SQLite
// run database (runs.db), the filesystem IO managers' files (storage/) and
// an optional settings file (strata.yaml):
//
//   storage: sqlite            # memory (nothing recorded across processes), or
//                              # postgresql://user@host:5432/db (shared store)
//   default_io_manager: csv    # parquet (the default), csv or memory
//   retention:
//     max_age_days: 30         # delete runs that ended longer ago
//     keep_runs: 1000          # keep at most this many finished runs
//
// STRATA_STORAGE_URL, when set, overrides `storage` (same values).
//
// IO managers are created on first use and shared by every run of the
// instance (the in-memory one keeps its values across runs in a process).
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "strata/orchestrate/definitions.hpp"
#include "strata/orchestrate/io_manager.hpp"
#include "strata/orchestrate/run_storage.hpp"

namespace strata {

struct InstanceSettings {
  /// "sqlite", "memory", or a postgresql:// URL.
  std::string storage = "sqlite";
  /// What the "default" IO manager is; empty = builtin_default_io_manager().
  std::string default_io_manager;
  RetentionPolicy retention;
};

/// Reads settings from a strata.yaml file; a missing file gives defaults.
/// Throws ConfigError naming the field for unknown or mistyped settings.
InstanceSettings load_instance_settings(const std::filesystem::path& file);

/// The home folder: $STRATA_HOME when set, else ./.strata.
std::filesystem::path default_home();

/// The IO manager "default" resolves to when settings do not say: "parquet".
std::string builtin_default_io_manager();

class Instance {
 public:
  /// Opens (creating) the home folder and its run storage.
  static std::unique_ptr<Instance> open(const std::filesystem::path& home);
  /// Everything in memory; filesystem IO managers write below `storage_root`
  /// (a fresh temporary folder when empty). For tests and throw-away runs.
  static std::unique_ptr<Instance> ephemeral(std::filesystem::path storage_root = {});

  Instance(std::shared_ptr<RunStorage> storage, std::filesystem::path home, InstanceSettings settings);

  RunStorage& storage() { return *storage_; }
  const std::filesystem::path& home() const { return home_; }
  /// Where filesystem IO managers keep files: <home>/storage.
  std::filesystem::path storage_root() const { return home_ / "storage"; }
  const InstanceSettings& settings() const { return settings_; }

  /// The IO manager registered as `name` ("default" resolves through the
  /// settings). Throws InvalidInputError naming the closest known manager.
  std::shared_ptr<IOManager> io_manager(const std::string& name, const Definitions& definitions);
  /// The name "default" stands for in this instance.
  std::string default_io_manager_name() const;

 private:
  std::shared_ptr<RunStorage> storage_;
  std::filesystem::path home_;
  InstanceSettings settings_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<IOManager>> io_managers_;
};

}  // namespace strata
