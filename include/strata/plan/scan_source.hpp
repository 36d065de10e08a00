#pragma once
// What a lazy scan reads: Parquet files, CSV files or a frame in memory.
// A file source is resolved when the query is built (the files listed,
// Parquet footers opened, the schema fixed), so that errors come early and
// the optimizer can use row counts and statistics.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "strata/core/scalar.hpp"
#include "strata/core/types.hpp"
#include "strata/frame/dataframe.hpp"
#include "strata/io/csv.hpp"
#include "strata/io/parquet.hpp"

namespace strata::plan {

enum class SourceFormat { Parquet, Csv, Frame };

struct ScanFile {
  std::string path;
  /// Hive partition values of this file, one per ScanSource::hive_schema
  /// field, in its types (null for __HIVE_DEFAULT_PARTITION__).
  std::vector<Scalar> partition_values;
  /// Parquet: the opened file (footer parsed once).
  std::shared_ptr<const ParquetFile> parquet;
  /// Rows in the file when known (Parquet footers), else -1.
  int64_t rows = -1;
};

struct ScanSource {
  SourceFormat format = SourceFormat::Frame;
  std::string pattern;  // as the user gave it (explain, errors)
  std::vector<ScanFile> files;
  Schema file_schema;   // columns stored in the files
  Schema hive_schema;   // columns from hive partition folders, after them
  ParquetReadOptions parquet_options;
  CsvReadOptions csv_options;
  std::shared_ptr<const DataFrame> frame;

  /// file_schema then hive_schema: what the scan returns without projection.
  Schema schema() const;
  /// Total rows when every file's count is known (Parquet, frames).
  std::optional<int64_t> known_rows() const;
};

struct HiveOptions {
  /// Expose `key=value` folders as columns (auto: when every file has the
  /// same keys below the pattern's root).
  std::optional<bool> enabled;
  /// Types of partition columns; others are inferred from the values
  /// (integers -> i64, numbers -> f64, YYYY-MM-DD -> date, else str).
  std::vector<std::pair<std::string, DataType>> schema;
};

struct ScanParquetOptions {
  ParquetReadOptions read;  // columns/filter/n_rows there are ignored: use the LazyFrame operations
  HiveOptions hive;
};

struct ScanCsvOptions {
  CsvReadOptions read;  // columns/n_rows are ignored: use the LazyFrame operations
  HiveOptions hive;
  /// Rows read when the query is built to fix the schema (then applied to
  /// every file as explicit types): more than read.infer_schema_length so
  /// that a late float or string is seen; a value that still does not fit
  /// is an error naming the file, line and column.
  int64_t schema_rows = 10000;
};

std::shared_ptr<const ScanSource> parquet_source(const std::string& path_or_glob, const ScanParquetOptions& options);
std::shared_ptr<const ScanSource> csv_source(const std::string& path_or_glob, const ScanCsvOptions& options);
std::shared_ptr<const ScanSource> frame_source(DataFrame frame);

}  // namespace strata::plan
