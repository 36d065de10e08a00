#pragma once
// Finding the files of a scan: a file, a folder (every file below it), or a
// glob where `*` and `?` match within one path component and `**` matches
// any number of folders; and the hive-style partition values
// (`year=2024/month=01/...`) that the folders of each file carry.
#include <string>
#include <utility>
#include <vector>

namespace strata {

struct FileListingOptions {
  /// Only files whose name ends with this (e.g. ".parquet") are taken from
  /// folders and `**` matches; empty = every file. A file named explicitly
  /// is always taken.
  std::string extension;
};

/// The files `path_or_glob` names, sorted by path. Hidden files and folders
/// (a name starting with '.' or '_', as Spark and Hive writers leave them)
/// are skipped unless the pattern names them. Throws IOError naming the
/// pattern when nothing matches or a named file does not exist.
std::vector<std::string> list_files(const std::string& path_or_glob, const FileListingOptions& options = {});

/// The `key=value` folder components of `file` below `root` (the part of the
/// pattern before its first wildcard, or the folder itself), outermost
/// first; values are URL-decoded (%2F -> '/'). A value of
/// `__HIVE_DEFAULT_PARTITION__` means null and is returned as the empty
/// optional by hive_partition_is_null.
std::vector<std::pair<std::string, std::string>> hive_partitions(const std::string& root, const std::string& file);

/// The folder a pattern's wildcards start below ("data/x=1" for
/// "data/x=1/*.parquet"; the path itself for a folder or a file's folder).
std::string listing_root(const std::string& path_or_glob);

/// Whether a hive partition value stands for null.
bool hive_partition_is_null(const std::string& value);

}  // namespace strata
