#include "strata/orchestrate/parquet_io_manager.hpp"

#include "strata/frame/dataframe.hpp"

namespace strata {

ParquetIOManager::ParquetIOManager(std::filesystem::path root, ParquetWriteOptions write_options,
                                   ParquetReadOptions read_options)
    : FilesystemIOManager(std::move(root), "parquet"),
      write_options_(std::move(write_options)),
      read_options_(std::move(read_options)) {}

void ParquetIOManager::write_frame(const DataFrame& frame, const std::filesystem::path& path) {
  write_parquet(frame, path.string(), write_options_);
}

DataFrame ParquetIOManager::read_frame(const std::filesystem::path& path, const InputContext&) {
  // The file's own schema (with the strata.schema entry) restores every type.
  return read_parquet(path.string(), read_options_);
}

}  // namespace strata
