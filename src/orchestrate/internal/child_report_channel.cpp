#include "orchestrate/internal/child_report_channel.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "strata/core/error.hpp"

namespace strata::internal {

bool write_report(int fd, const Json& message) {
  const std::string body = message.dump(-1, ' ', false, Json::error_handler_t::replace);
  const uint32_t size = static_cast<uint32_t>(body.size());
  std::string frame(sizeof(size), '\0');
  std::memcpy(frame.data(), &size, sizeof(size));  // both ends run on this machine: native order
  frame += body;
  size_t written = 0;
  while (written < frame.size()) {
    const ssize_t n = ::write(fd, frame.data() + written, frame.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    written += static_cast<size_t>(n);
  }
  return true;
}

std::optional<Json> ReportReader::next() {
  uint32_t size = 0;
  if (pending() < sizeof(size)) return std::nullopt;
  std::memcpy(&size, buffer_.data() + consumed_, sizeof(size));
  if (pending() < sizeof(size) + size) return std::nullopt;
  Json message = Json::parse(buffer_.begin() + static_cast<std::ptrdiff_t>(consumed_ + sizeof(size)),
                             buffer_.begin() + static_cast<std::ptrdiff_t>(consumed_ + sizeof(size) + size), nullptr,
                             false);
  consumed_ += sizeof(size) + size;
  if (consumed_ == buffer_.size()) {
    buffer_.clear();
    consumed_ = 0;
  } else if (consumed_ > (1u << 20)) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  if (message.is_discarded()) throw InvalidInputError("a step process sent a message that is not JSON");
  return message;
}

}  // namespace strata::internal
