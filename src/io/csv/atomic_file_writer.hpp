#pragma once
// Writes a file so that it appears only complete: bytes go to a temporary
// file in the same directory, which commit() flushes to disk and renames
// over the destination. Destroying an uncommitted writer removes the
// temporary, leaving any previous file untouched.
#include <string>
#include <string_view>

namespace strata::csv {

class AtomicFileWriter {
 public:
  /// Creates the temporary file. Throws IOError naming `path` on failure.
  explicit AtomicFileWriter(std::string path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  /// Appends bytes. Throws IOError on failure.
  void write(std::string_view bytes);
  /// Flushes, closes and renames into place. Throws IOError on failure.
  void commit();

 private:
  [[noreturn]] void fail(const std::string& what, int error_number);
  std::string path_;
  std::string temporary_path_;
  int fd_ = -1;
  bool committed_ = false;
};

}  // namespace strata::csv
