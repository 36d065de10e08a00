#include "io/parquet/parquet_error.hpp"

namespace strata::parquet {

void throw_corrupt(const std::string& problem) {
  throw InvalidInputError("corrupt Parquet data: " + problem +
                          ". Hint: the file is damaged, truncated or not a Parquet file");
}

void throw_unsupported(const std::string& feature) {
  throw UnsupportedError("Parquet feature not supported: " + feature);
}

void rethrow_with_context(const Error& error, const std::string& where) {
  const std::string message = std::string(error.what()) + " (" + where + ")";
  switch (error.kind()) {
    case ErrorKind::InvalidInput: throw InvalidInputError(message);
    case ErrorKind::Schema: throw SchemaError(message);
    case ErrorKind::Type: throw TypeError(message);
    case ErrorKind::Compute: throw ComputeError(message);
    case ErrorKind::IO: throw IOError(message);
    case ErrorKind::Unsupported: throw UnsupportedError(message);
    case ErrorKind::Internal: throw InternalError(message);
  }
  throw InternalError(message);
}

}  // namespace strata::parquet
