#pragma once
// Helpers shared by the Parquet tests: building tables, rendering cells,
// temporary directories and the location of the parquet-testing files.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/table.hpp"
#include "strata/io/parquet.hpp"

namespace strata::parquet_test {

using Cells = std::vector<std::string>;

/// Column `name` rendered cell by cell ("null" for nulls).
inline Cells cells(const Table& table, const std::string& name) {
  const auto index = table.schema().index_of(name);
  EXPECT_TRUE(index.has_value()) << "no column " << name << " in " << table.schema().to_string();
  if (!index) return {};
  Cells out;
  for (const Array& chunk : table.column(*index).chunks())
    for (int64_t i = 0; i < chunk.length(); ++i) out.push_back(chunk.value_to_string(i));
  return out;
}

/// A table from named arrays (all nullable).
inline Table make_table(const std::vector<std::pair<std::string, Array>>& columns) {
  std::vector<Field> fields;
  std::vector<ChunkedArray> data;
  for (const auto& [name, array] : columns) {
    fields.push_back({name, array.type(), true});
    data.emplace_back(array);
  }
  return Table(Schema(std::move(fields)), std::move(data));
}

/// Writes `table` to memory and reads it back.
inline Table round_trip(const Table& table, const ParquetWriteOptions& write = {}, const ParquetReadOptions& read = {}) {
  const std::string bytes = write_parquet_table_to_buffer(table, write);
  return read_parquet_table_from_buffer(bytes, read);
}

/// Asserts equal schemas and equal cells in every column.
inline void expect_same_table(const Table& expected, const Table& actual) {
  ASSERT_EQ(expected.schema().to_string(), actual.schema().to_string());
  ASSERT_EQ(expected.num_rows(), actual.num_rows());
  for (const Field& field : expected.schema().fields())
    EXPECT_EQ(cells(expected, field.name), cells(actual, field.name)) << "column " << field.name;
}

/// A fresh directory under the system temporary directory, removed afterwards.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() / ("strata-parquet-test-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TemporaryDirectory() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// The Apache parquet-testing checkout: $STRATA_PARQUET_TESTING_DIR, else
/// <repo>/../shared/data/parquet-testing. Empty when absent.
inline std::string parquet_testing_dir() {
  if (const char* env = std::getenv("STRATA_PARQUET_TESTING_DIR"); env && *env) {
    if (std::filesystem::is_directory(env)) return env;
    return "";
  }
  const auto path = std::filesystem::path(STRATA_SOURCE_DIR).parent_path() / "shared" / "data" / "parquet-testing";
  return std::filesystem::is_directory(path) ? path.string() : "";
}

#define STRATA_REQUIRE_PARQUET_TESTING(dir)                                                          \
  const std::string dir = ::strata::parquet_test::parquet_testing_dir();                             \
  if (dir.empty())                                                                                    \
  GTEST_SKIP() << "parquet-testing files not found: set STRATA_PARQUET_TESTING_DIR to a checkout of " \
                  "https://github.com/apache/parquet-testing (or place it at ../shared/data/parquet-testing)"

}  // namespace strata::parquet_test
