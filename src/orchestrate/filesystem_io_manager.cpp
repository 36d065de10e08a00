#include "strata/orchestrate/filesystem_io_manager.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "strata/core/error.hpp"
#include "strata/orchestrate/frame_metadata.hpp"
#include "strata/orchestrate/partitions.hpp"

namespace fs = std::filesystem;

namespace strata {

namespace {

constexpr const char* kTemporarySuffix = ".tmp";

/// Whether `child` is `root` or below it, comparing normalized absolute paths.
bool is_within(const fs::path& root, const fs::path& child) {
  auto r = root.begin();
  auto c = child.begin();
  for (; r != root.end(); ++r, ++c) {
    if (r->empty() && std::next(r) == root.end()) break;  // trailing separator
    if (c == child.end() || *r != *c) return false;
  }
  return true;
}

bool process_is_alive(long pid) {
  if (pid <= 0) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

void write_text_file(const fs::path& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw IOError("cannot create '" + path.string() + "': " + std::strerror(errno));
  size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int saved = errno;
      ::close(fd);
      throw IOError("cannot write '" + path.string() + "': " + std::strerror(saved));
    }
    written += static_cast<size_t>(n);
  }
  ::close(fd);
}

/// A partition key (one dimension of it) as a file name: letters, digits
/// and "_-.:+=" stay, other bytes (and a leading '.') become %XX.
std::string encode_partition_component(const std::string& key) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (size_t i = 0; i < key.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(key[i]);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                       c == '-' || c == ':' || c == '+' || c == '=' || (c == '.' && i > 0);
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string read_text_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IOError("cannot read '" + path.string() + "': " + std::strerror(errno));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

void sync_to_disk(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw IOError("cannot open '" + path.string() + "' to flush it: " + std::strerror(errno));
  int rc = ::fsync(fd);
  int saved = errno;
  ::close(fd);
  // Some filesystems cannot fsync folders (EINVAL); the rename is still atomic there.
  if (rc != 0 && saved != EINVAL)
    throw IOError("cannot flush '" + path.string() + "' to disk: " + std::strerror(saved));
}

int64_t remove_stale_temporaries(const fs::path& final_path) {
  const fs::path folder = final_path.parent_path();
  const std::string prefix = "." + final_path.filename().string() + ".";
  std::error_code error;
  int64_t removed = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0 || !name.ends_with(kTemporarySuffix)) continue;
    // ".<file>.<pid>.<n>.tmp": the owner's pid follows the prefix.
    const std::string rest = name.substr(prefix.size());
    long pid = std::strtol(rest.c_str(), nullptr, 10);
    if (process_is_alive(pid)) continue;
    if (fs::remove(entry.path(), error)) ++removed;
  }
  return removed;
}

FilesystemIOManager::FilesystemIOManager(fs::path root, std::string frame_extension)
    : root_(fs::absolute(std::move(root)).lexically_normal()), frame_extension_(std::move(frame_extension)) {}

fs::path FilesystemIOManager::checked(const AssetKey& key, fs::path path) const {
  path = path.lexically_normal();
  // AssetKey already forbids "..", absolute and hidden components, and
  // partition components are encoded; also refuse a folder below the root
  // that is a symlink leading elsewhere.
  fs::path resolved = fs::weakly_canonical(path);
  fs::path canonical_root = fs::weakly_canonical(root_);
  if (!is_within(root_, path) || !is_within(canonical_root, resolved))
    throw InvalidInputError("asset key '" + key.to_string() + "' resolves to '" + resolved.string() +
                            "', outside the storage root '" + root_.string() + "'; remove the symlink or rename the key");
  return path;
}

fs::path FilesystemIOManager::key_path(const AssetKey& key) const {
  if (key.empty()) throw InvalidInputError("cannot store a value under an empty asset key");
  fs::path path = root_;
  for (const std::string& component : key.path()) path /= component;
  return path;
}

fs::path FilesystemIOManager::partitions_folder(const AssetKey& key) const {
  return checked(key, key_path(key) += "@partitions");
}

fs::path FilesystemIOManager::resolve(const AssetKey& key, const std::string& partition,
                                      const std::string& extension) const {
  fs::path path = key_path(key);
  if (!partition.empty()) {
    path += "@partitions";
    for (const std::string& dimension : split_multi_key(partition)) path /= encode_partition_component(dimension);
  }
  path += "." + extension;
  return checked(key, path);  // once per path: resolving symlinks reads the disk
}

fs::path FilesystemIOManager::frame_path(const AssetKey& key, const std::string& partition) const {
  return resolve(key, partition, frame_extension_);
}
fs::path FilesystemIOManager::json_path(const AssetKey& key, const std::string& partition) const {
  return resolve(key, partition, "json");
}

fs::path FilesystemIOManager::temporary_path_for(const fs::path& final_path) {
  const int64_t n = temporary_counter_.fetch_add(1);
  return final_path.parent_path() / ("." + final_path.filename().string() + "." + std::to_string(::getpid()) + "." +
                                     std::to_string(n) + kTemporarySuffix);
}

Metadata FilesystemIOManager::store(const OutputContext& context, const Value& value) {
  if (value.is_none())
    throw UnsupportedError("step '" + context.step_key + "' returned no value for '" + context.key.to_string() +
                           "'; return a DataFrame or a JSON value");
  const bool is_frame = value.is_frame();
  const fs::path final_path =
      is_frame ? frame_path(context.key, context.partition) : json_path(context.key, context.partition);
  std::error_code error;
  fs::create_directories(final_path.parent_path(), error);
  if (error)
    throw IOError("cannot create folder '" + final_path.parent_path().string() + "' for asset '" +
                  context.key.to_string() + "': " + error.message());
  remove_stale_temporaries(final_path);
  const fs::path temporary = temporary_path_for(final_path);
  try {
    if (is_frame) {
      write_frame(value.frame(), temporary);
    } else {
      write_text_file(temporary, value.json().dump(2, ' ', false, Json::error_handler_t::replace) + "\n");
    }
    // The data reaches the disk before the rename, so the name never points
    // at a partial file, whatever happens. The folder is not flushed after
    // the rename: that costs milliseconds per step, and what a power cut can
    // then undo is the rename itself, which leaves the previous version, as
    // a failed step does (the run database makes the same trade in WAL mode).
    sync_to_disk(temporary);
    fs::rename(temporary, final_path);  // atomic replacement on POSIX
  } catch (...) {
    fs::remove(temporary, error);
    throw;
  }
  // A value that changed kind (DataFrame <-> JSON) must not leave the old file behind.
  fs::remove(is_frame ? json_path(context.key, context.partition) : frame_path(context.key, context.partition), error);
  Metadata metadata = is_frame ? describe_frame(value.frame()) : describe_json_value(value.json());
  metadata["path"] = final_path.string();
  metadata["byte_size"] = static_cast<int64_t>(fs::file_size(final_path));
  metadata["format"] = is_frame ? frame_extension_ : "json";
  return metadata;
}

Value FilesystemIOManager::load(const InputContext& context) {
  const fs::path frame_file = frame_path(context.key, context.partition);
  if (fs::exists(frame_file)) return Value(read_frame(frame_file, context));
  const fs::path json_file = json_path(context.key, context.partition);
  if (fs::exists(json_file)) {
    try {
      return Value(Json::parse(read_text_file(json_file)));
    } catch (const Json::parse_error& error) {
      throw IOError("stored value of asset '" + context.key.to_string() + "' at '" + json_file.string() +
                    "' is not valid JSON: " + error.what() + "; materialize it again");
    }
  }
  throw IOError("asset '" + context.key.to_string() + "'" +
                (context.partition.empty() ? "" : " partition '" + context.partition + "'") +
                " has no stored value in '" + root_.string() + "' (" + name() +
                " IO manager, looked for '" + frame_file.string() + "'); materialize it first, e.g. " +
                (context.partition.empty() ? "--select '+" + context.step_key + "'"
                                           : "--select '" + context.key.to_string() + "' --partition '" +
                                                 context.partition + "'"));
}

bool FilesystemIOManager::has(const AssetKey& key, const std::string& partition) const {
  return fs::exists(frame_path(key, partition)) || fs::exists(json_path(key, partition));
}

bool FilesystemIOManager::remove(const AssetKey& key) {
  std::error_code error;
  bool removed = fs::remove(frame_path(key), error);
  removed = fs::remove(json_path(key), error) || removed;
  const uintmax_t partitions = fs::remove_all(partitions_folder(key), error);
  return removed || (partitions != static_cast<uintmax_t>(-1) && partitions > 0);
}

}  // namespace strata
