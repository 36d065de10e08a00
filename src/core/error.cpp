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
  }
  return "error";
}

}  // namespace strata
