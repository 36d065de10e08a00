#pragma once
// How a step's child process reports to the executor: length-prefixed JSON
// messages over a pipe - {"event": {...}} for each event as it happens, then
// one {"outcome": {...}}. A child that dies before the outcome (a crash, a
// SIGKILL) is recognised by the missing outcome.
#include <cstddef>
#include <optional>
#include <string>

#include "strata/orchestrate/value.hpp"

namespace strata::internal {

/// Writes one message, retrying partial writes; false when the reader is gone.
bool write_report(int fd, const Json& message);

/// Collects bytes from a child's pipe and splits them into messages.
class ReportReader {
 public:
  void append(const char* data, size_t size) { buffer_.append(data, size); }
  /// The next complete message, if one has arrived. Throws
  /// InvalidInputError when the bytes are not a message.
  std::optional<Json> next();
  /// Bytes of an incomplete message still waiting.
  size_t pending() const { return buffer_.size() - consumed_; }

 private:
  std::string buffer_;
  size_t consumed_ = 0;
};

}  // namespace strata::internal
