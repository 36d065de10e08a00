#pragma once
// The bytes of a Parquet file: memory-mapped from disk, or held in memory.
// Immutable and shareable between threads; column chunks are read straight
// from the mapping.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace strata::parquet {

class FileSource {
 public:
  /// Maps `path` read-only. Throws IOError naming the path on failure.
  static std::shared_ptr<const FileSource> map(const std::string& path);
  /// Takes ownership of bytes in memory.
  static std::shared_ptr<const FileSource> from_bytes(std::string bytes);

  ~FileSource();
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  FileSource() = default;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  void* mapping_ = nullptr;  // munmap'ed on destruction when set
  std::string owned_;
};

}  // namespace strata::parquet
