#include "io/csv/atomic_file_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "strata/core/error.hpp"

namespace strata::csv {

namespace {

std::atomic<uint64_t> temporary_counter{0};

}  // namespace

AtomicFileWriter::AtomicFileWriter(std::string path) : path_(std::move(path)) {
  // Unique per process and call, so concurrent writers never share a file.
  temporary_path_ = path_ + ".tmp-" + std::to_string(::getpid()) + "-" +
                    std::to_string(temporary_counter.fetch_add(1, std::memory_order_relaxed));
  fd_ = ::open(temporary_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd_ < 0) fail("cannot create a temporary file next to", errno);
}

AtomicFileWriter::~AtomicFileWriter() {
  if (committed_) return;
  if (fd_ >= 0) ::close(fd_);
  if (!temporary_path_.empty()) ::unlink(temporary_path_.c_str());
}

void AtomicFileWriter::fail(const std::string& what, int error_number) {
  throw IOError(what + " '" + path_ + "': " + std::strerror(error_number) +
                ". Hint: check that the directory exists, is writable and has free space");
}

void AtomicFileWriter::write(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd_, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      fail("cannot write", errno);
    }
    bytes.remove_prefix(static_cast<size_t>(written));
  }
}

void AtomicFileWriter::commit() {
  if (::fsync(fd_) != 0) fail("cannot flush", errno);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail("cannot close", errno);
  if (::rename(temporary_path_.c_str(), path_.c_str()) != 0) fail("cannot rename the temporary file onto", errno);
  committed_ = true;
}

}  // namespace strata::csv
