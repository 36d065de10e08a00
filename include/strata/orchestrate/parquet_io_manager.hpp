#pragma once
// Stores DataFrames as Parquet files below a root folder (see
// FilesystemIOManager for layout and atomicity): typed, compressed and
// fast to read. The default IO manager for DataFrames.
#include "strata/io/parquet.hpp"
#include "strata/orchestrate/filesystem_io_manager.hpp"

namespace strata {

class ParquetIOManager : public FilesystemIOManager {
 public:
  explicit ParquetIOManager(std::filesystem::path root, ParquetWriteOptions write_options = {},
                            ParquetReadOptions read_options = {});
  std::string name() const override { return "parquet"; }

 protected:
  void write_frame(const DataFrame& frame, const std::filesystem::path& path) override;
  DataFrame read_frame(const std::filesystem::path& path, const InputContext& context) override;

 private:
  ParquetWriteOptions write_options_;
  ParquetReadOptions read_options_;
};

}  // namespace strata
