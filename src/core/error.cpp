#include "strata/core/error.hpp"

namespace strata {

const char* error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::InvalidInput: return "invalid input";
    case ErrorKind::Schema: return "schema error";
    case ErrorKind::Type: return "type error";
    case ErrorKind::Compute: return "compute error";
    case ErrorKind::IO: return "I/O error";
    case ErrorKind::Unsupported: return "unsupported";
    case ErrorKind::Internal: return "internal error";
    case ErrorKind::Cancelled: return "cancelled";
  }
  return "error";
}

void throw_error(ErrorKind kind, const std::string& message) {
  switch (kind) {
    case ErrorKind::InvalidInput: throw InvalidInputError(message);
    case ErrorKind::Schema: throw SchemaError(message);
    case ErrorKind::Type: throw TypeError(message);
    case ErrorKind::Compute: throw ComputeError(message);
    case ErrorKind::IO: throw IOError(message);
    case ErrorKind::Unsupported: throw UnsupportedError(message);
    case ErrorKind::Internal: throw InternalError(message);
    case ErrorKind::Cancelled: throw CancelledError(message);
  }
  throw InternalError(message);
}

}  // namespace strata
