#pragma once
// Helpers shared by the CSV tests.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "strata/core/error.hpp"
#include "strata/core/table.hpp"
#include "strata/io/csv.hpp"

namespace strata::csv_test {

using Cells = std::vector<std::optional<std::string>>;
inline constexpr std::nullopt_t null = std::nullopt;

/// Column `name` rendered cell by cell (Array::value_to_string), nulls as nullopt.
inline Cells cells(const Table& table, const std::string& name) {
  const auto index = table.schema().index_of(name);
  EXPECT_TRUE(index.has_value()) << "no column " << name << " in " << table.schema().to_string();
  if (!index) return {};
  const Array array = table.column(*index).combine();
  Cells out;
  for (int64_t i = 0; i < array.length(); ++i) {
    if (array.is_null(i)) out.emplace_back(std::nullopt);
    else out.emplace_back(array.value_to_string(i));
  }
  return out;
}

inline DataType type_of(const Table& table, const std::string& name) {
  return table.schema().field(table.schema().require_index(name)).type;
}

inline Table read(std::string_view text, const CsvReadOptions& options = {}, CsvReadReport* report = nullptr) {
  return read_csv_table_string(text, options, report);
}

/// Options that split even tiny inputs into chunks of `chunk_bytes`.
inline CsvReadOptions parallel_options(int64_t chunk_bytes, CsvReadOptions options = {}) {
  options.parallel_min_bytes = 0;
  options.chunk_bytes = chunk_bytes;
  return options;
}

/// The message of the InvalidInputError `read` throws, or "" if none.
inline std::string read_error(std::string_view text, const CsvReadOptions& options = {}) {
  try {
    read(text, options);
  } catch (const InvalidInputError& error) {
    return error.what();
  }
  return "";
}

/// A fresh directory under the system temporary directory, removed afterwards.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() / ("strata-csv-test-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TemporaryDirectory() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(path_)) names.push_back(entry.path().filename());
    return names;
  }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace strata::csv_test
