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
  throw_error(error.kind(), message);
}

}  // namespace strata::parquet
