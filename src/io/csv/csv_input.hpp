#pragma once
// The bytes of an input file, memory-mapped read-only for the duration of a
// read (arrays never point into it: strings are copied).
#include <cstddef>
#include <string>
#include <string_view>

namespace strata::csv {

class MappedFile {
 public:
  /// Maps `path`. Throws IOError naming the path when it cannot be opened,
  /// is not a regular file, or cannot be mapped.
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view bytes() const { return {data_, size_}; }

 private:
  const char* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace strata::csv
