#pragma once
// Stores DataFrames as CSV files below a root folder (see
// FilesystemIOManager for layout and atomicity). CSV has no types, so a load
// restores the column types recorded with the latest materialization and
// falls back to inference when they no longer match the file.
#include "strata/io/csv.hpp"
#include "strata/orchestrate/filesystem_io_manager.hpp"

namespace strata {

class CsvIOManager : public FilesystemIOManager {
 public:
  explicit CsvIOManager(std::filesystem::path root, CsvWriteOptions write_options = {},
                        CsvReadOptions read_options = {});
  std::string name() const override { return "csv"; }

 protected:
  void write_frame(const DataFrame& frame, const std::filesystem::path& path) override;
  DataFrame read_frame(const std::filesystem::path& path, const InputContext& context) override;

 private:
  CsvWriteOptions write_options_;
  CsvReadOptions read_options_;
};

}  // namespace strata
