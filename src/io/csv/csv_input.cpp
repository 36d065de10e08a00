#include "io/csv/csv_input.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "strata/core/error.hpp"

namespace strata::csv {

namespace {

[[noreturn]] void throw_io(const std::string& problem, const std::string& path, int error_number) {
  throw IOError(problem + ": '" + path + "' (" + std::strerror(error_number) +
                "). Hint: check that the path exists and is readable");
}

}  // namespace

MappedFile::MappedFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw_io("cannot open CSV file", path, errno);
  struct stat status {};
  if (::fstat(fd, &status) != 0) {
    const int error_number = errno;
    ::close(fd);
    throw_io("cannot inspect CSV file", path, error_number);
  }
  if (!S_ISREG(status.st_mode)) {
    ::close(fd);
    throw IOError("cannot read CSV file: '" + path + "' is not a regular file");
  }
  size_ = static_cast<size_t>(status.st_size);
  if (size_ > 0) {
    void* mapped = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (mapped == MAP_FAILED) {
      const int error_number = errno;
      ::close(fd);
      throw_io("cannot map CSV file", path, error_number);
    }
    ::madvise(mapped, size_, MADV_SEQUENTIAL | MADV_WILLNEED);
    data_ = static_cast<const char*>(mapped);
  }
  ::close(fd);
}

MappedFile::~MappedFile() {
  if (data_) ::munmap(const_cast<char*>(data_), size_);
}

}  // namespace strata::csv
