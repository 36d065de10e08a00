#include "strata/orchestrate/csv_io_manager.hpp"

#include "strata/core/error.hpp"
#include "strata/frame/dataframe.hpp"
#include "strata/orchestrate/frame_metadata.hpp"

namespace strata {

CsvIOManager::CsvIOManager(std::filesystem::path root, CsvWriteOptions write_options, CsvReadOptions read_options)
    : FilesystemIOManager(std::move(root), "csv"),
      write_options_(std::move(write_options)),
      read_options_(std::move(read_options)) {}

void CsvIOManager::write_frame(const DataFrame& frame, const std::filesystem::path& path) {
  write_csv(frame, path.string(), write_options_);
}

DataFrame CsvIOManager::read_frame(const std::filesystem::path& path, const InputContext& context) {
  CsvReadOptions options = read_options_;
  std::map<std::string, DataType> recorded = schema_from_metadata(context.upstream_metadata);
  if (!recorded.empty() && options.dtypes.empty()) {
    CsvReadOptions typed = options;
    typed.dtypes = recorded;
    try {
      return read_csv(path.string(), typed);
    } catch (const Error& error) {
      // The file no longer matches the recorded schema (written by another
      // version of the asset); inference still reads it correctly.
      if (error.kind() == ErrorKind::IO) throw;
    }
  }
  return read_csv(path.string(), options);
}

}  // namespace strata
