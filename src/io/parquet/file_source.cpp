#include "io/parquet/file_source.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "strata/core/error.hpp"

namespace strata::parquet {

namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path, int error_number) {
  throw IOError("cannot " + what + " Parquet file '" + path + "': " + std::strerror(error_number) +
                ". Hint: check that the path exists and is readable");
}

}  // namespace

std::shared_ptr<const FileSource> FileSource::map(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail("open", path, errno);
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    const int error = errno;
    ::close(fd);
    fail("stat", path, error);
  }
  if (S_ISDIR(info.st_mode)) {
    ::close(fd);
    throw IOError("cannot read Parquet file '" + path + "': it is a directory. Hint: use a glob such as '" + path +
                  "/*.parquet'");
  }
  std::shared_ptr<FileSource> source(new FileSource());
  source->size_ = static_cast<size_t>(info.st_size);
  if (source->size_ > 0) {
    void* mapping = ::mmap(nullptr, source->size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (mapping == MAP_FAILED) {
      const int error = errno;
      ::close(fd);
      fail("map", path, error);
    }
    source->mapping_ = mapping;
    source->data_ = static_cast<const uint8_t*>(mapping);
  }
  ::close(fd);
  return source;
}

std::shared_ptr<const FileSource> FileSource::from_bytes(std::string bytes) {
  std::shared_ptr<FileSource> source(new FileSource());
  source->owned_ = std::move(bytes);
  source->data_ = reinterpret_cast<const uint8_t*>(source->owned_.data());
  source->size_ = source->owned_.size();
  return source;
}

FileSource::~FileSource() {
  if (mapping_) ::munmap(mapping_, size_);
}

}  // namespace strata::parquet
