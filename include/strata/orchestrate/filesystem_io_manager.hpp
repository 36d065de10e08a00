#pragma once
// The shared part of IO managers that keep one file per key below a root
// folder: safe paths, atomic replacement and metadata. A subclass supplies
// the DataFrame file format; JSON values are stored as .json files.
//
// Layout: asset "raw/events" is <root>/raw/events.<ext> (".json" for plain
// values); its partition "2024-01-31" is
// <root>/raw/events@partitions/2024-01-31.<ext>, and a multi-partition
// "2024-01-31|eu" is .../events@partitions/2024-01-31/eu.<ext>. Characters
// of partition keys other than letters, digits and "_-.:+=" are written as
// %XX ('@' never occurs in asset keys, so the folder cannot collide). A write goes to a hidden temporary file in the same folder
// (".events.<pid>.<n>.tmp"), is flushed to disk and then renamed over the
// final name, so a crash at any point leaves the previous version readable.
// Temporary files left by processes that no longer exist are removed by the
// next write to the same key.
#include <atomic>
#include <filesystem>
#include <string>

#include "strata/orchestrate/io_manager.hpp"

namespace strata {

class FilesystemIOManager : public IOManager {
 public:
  const std::filesystem::path& root() const { return root_; }
  Metadata store(const OutputContext& context, const Value& value) override;
  Value load(const InputContext& context) override;
  bool has(const AssetKey& key, const std::string& partition = "") const override;
  bool remove(const AssetKey& key) override;

  /// The file a key's DataFrame lives in. Throws InvalidInputError if the
  /// resolved path would leave the root (a symlink pointing out, say).
  std::filesystem::path frame_path(const AssetKey& key, const std::string& partition = "") const;
  /// The file a key's JSON value lives in.
  std::filesystem::path json_path(const AssetKey& key, const std::string& partition = "") const;
  /// The folder holding a key's partitions.
  std::filesystem::path partitions_folder(const AssetKey& key) const;

 protected:
  /// `root` is created on first write. `frame_extension` without the dot.
  FilesystemIOManager(std::filesystem::path root, std::string frame_extension);

  /// Writes `frame` completely to `path` (a fresh temporary file).
  virtual void write_frame(const DataFrame& frame, const std::filesystem::path& path) = 0;
  /// Reads a file written by write_frame; `context` carries the recorded
  /// metadata of the latest materialization.
  virtual DataFrame read_frame(const std::filesystem::path& path, const InputContext& context) = 0;

 private:
  std::filesystem::path resolve(const AssetKey& key, const std::string& partition, const std::string& extension) const;
  /// <root>/<key components>, not yet checked.
  std::filesystem::path key_path(const AssetKey& key) const;
  /// `path` after making sure it stays below the root.
  std::filesystem::path checked(const AssetKey& key, std::filesystem::path path) const;
  std::filesystem::path temporary_path_for(const std::filesystem::path& final_path);

  std::filesystem::path root_;
  std::string frame_extension_;
  std::atomic<int64_t> temporary_counter_{0};
};

/// Removes temporary files next to `final_path` that were left by processes
/// that no longer run. Returns how many were removed.
int64_t remove_stale_temporaries(const std::filesystem::path& final_path);

/// Flushes `path` (a file or a folder) to disk; throws IOError.
void sync_to_disk(const std::filesystem::path& path);

}  // namespace strata
