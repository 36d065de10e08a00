// The DataFrame entry points of strata/io/parquet.hpp (thin wrappers over
// the Table-level reader and writer).
#include "strata/frame/dataframe.hpp"
#include "strata/io/parquet.hpp"

namespace strata {

DataFrame read_parquet(const std::string& path_or_glob, const ParquetReadOptions& options) {
  return DataFrame(read_parquet_table(path_or_glob, options));
}

void write_parquet(const DataFrame& frame, const std::string& path, const ParquetWriteOptions& options) {
  write_parquet_table(frame.to_table(), path, options);
}

}  // namespace strata
