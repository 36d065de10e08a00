#pragma once
// Reading and writing Apache Parquet files with Strata's own reader and
// writer.
//
// Format support. Reading handles flat schemas and nested LIST, MAP and
// struct columns at any depth (including the legacy two-level list layouts
// and repeated fields without a LIST annotation); all physical types; data
// page v1 and v2; the encodings PLAIN, PLAIN_DICTIONARY, RLE_DICTIONARY,
// RLE, BIT_PACKED (levels), DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY,
// DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT; the codecs UNCOMPRESSED, SNAPPY,
// GZIP, ZSTD, LZ4_RAW, LZ4 (Hadoop framing, falling back to a raw LZ4 block
// and the LZ4 frame format as other readers do) and BROTLI. Page CRCs are
// checked when present (see verify_checksums). Refused with
// UnsupportedError naming the feature: encrypted files, column chunks in
// other files, the LZO codec, INTERVAL and VARIANT columns, decimals with
// more than 38 digits. Corrupt input throws InvalidInputError naming the
// file, row group and column; it never crashes or hangs.
//
// Type mapping, Parquet -> Strata (logical type first, then the legacy
// converted type, then the physical type):
//   BOOLEAN -> bool; INT32 -> i32; INT64 -> i64; FLOAT -> f32; DOUBLE -> f64
//   INT(8|16|32|64, signed) -> i8..i64; INT(.., unsigned) -> u8..u64
//   STRING / UTF8, ENUM, JSON -> str (ENUM or any dictionary-encoded string
//     column -> cat when listed in categorical_columns)
//   BYTE_ARRAY without annotation, BSON, FIXED_LEN_BYTE_ARRAY -> binary
//     (str with binary_as_string)
//   DATE -> date; TIME(any unit) -> time (nanoseconds)
//   TIMESTAMP(unit, isAdjustedToUTC) -> datetime[unit, "UTC"] when adjusted
//     to UTC, naive datetime[unit] otherwise; legacy TIMESTAMP_MILLIS/MICROS
//     are UTC-adjusted by definition
//   INT96 (legacy Impala/Spark timestamps) -> datetime[ns] by default (see
//     int96_timestamp_unit); values outside the unit's range wrap around in
//     64-bit arithmetic, as in Spark and Arrow
//   DECIMAL(p, s) on INT32, INT64, BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY ->
//     decimal[p, s] when p <= 38 (Strata's 128-bit decimal), else refused
//   UUID -> str in the canonical 8-4-4-4-12 lowercase hex form (readable and
//     comparable; the 16 raw bytes are recoverable from it)
//   FLOAT16 -> f32 (exact: every half-precision value is a float)
//   UNKNOWN (always null) -> null; unrecognised logical types from newer
//     writers fall back to the converted/physical type
//
// Files written by Strata also carry a "strata.schema" key/value entry
// holding the Strata schema; on reading it restores what Parquet cannot say
// (categorical columns, time zones other than UTC, second-resolution
// timestamps, durations), so a Strata schema round-trips exactly.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "strata/core/scalar.hpp"
#include "strata/core/table.hpp"
#include "strata/core/types.hpp"

namespace strata {

class DataFrame;

// ---- Predicates pushed into the scan ---------------------------------------

/// A simple predicate `column op value`; predicates in a list are and-ed.
/// In ParquetReadOptions::row_group_filter it only skips row groups whose
/// statistics prove that no row can match; in ParquetReadOptions::filter it
/// also drops the rows that do not match. Rows compare with the value as in
/// compute::compare (in their common type); a comparison with a null value
/// or a null row is not satisfied, as in DataFrame::filter.
struct ParquetPredicate {
  enum class Op { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual, IsNull, IsNotNull };
  std::string column;  // a top-level column name
  Op op = Op::Equal;
  Scalar value;  // ignored for IsNull / IsNotNull
};

// ---- Reading ---------------------------------------------------------------

struct ParquetReadOptions {
  /// Only these top-level columns, in this order (empty = all, file order).
  /// Unread columns' data is never touched. An unknown name is a SchemaError.
  std::vector<std::string> columns;
  /// Row groups whose statistics prove no row satisfies all predicates are
  /// skipped. Rows of the remaining row groups are returned unfiltered.
  std::vector<ParquetPredicate> row_group_filter;
  /// Only rows satisfying every predicate are returned; the predicates'
  /// columns need not be among `columns`. Row groups are pruned by
  /// statistics as with row_group_filter; in each remaining row group the
  /// predicates' columns are decoded first, the other columns only when some
  /// row matches, and only matching rows are kept, so memory holds the
  /// result plus the row groups being decoded. Equivalent to reading with
  /// row_group_filter and then filtering, without materializing the
  /// unfiltered table. n_rows counts the rows that match.
  std::vector<ParquetPredicate> filter;
  /// Stop after this many rows (row groups past it are not read).
  std::optional<int64_t> n_rows;
  /// String columns read as categorical (dictionary pages become the
  /// categories without decoding every value).
  std::vector<std::string> categorical_columns;
  /// Read BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY columns without a string
  /// annotation as str instead of binary (old writers such as Impala and
  /// Hive stored strings this way). Values are not validated as UTF-8.
  bool binary_as_string = false;
  /// Unit of INT96 timestamps. Nanoseconds cover 1677-09-21..2262-04-11;
  /// choose Micro for Spark files with dates outside that range.
  TimeUnit int96_timestamp_unit = TimeUnit::Nano;
  /// Check page CRCs when the writer stored them; a mismatch is an
  /// InvalidInputError naming the column.
  bool verify_checksums = true;
  /// Apply the "strata.schema" entry of files written by Strata.
  bool use_strata_schema = true;
  /// Decode row groups and columns on the global thread pool.
  bool parallel = true;
};

struct ParquetColumnStatistics {
  std::optional<Scalar> min;  // in the column's Strata type
  std::optional<Scalar> max;
  std::optional<int64_t> null_count;
  std::optional<int64_t> distinct_count;
};

struct ParquetColumnChunkInfo {
  std::string path;           // dotted path of the leaf column
  std::string physical_type;  // e.g. "INT64"
  std::string codec;          // e.g. "SNAPPY"
  std::vector<std::string> encodings;
  int64_t num_values = 0;  // including nulls
  int64_t compressed_size = 0;
  int64_t uncompressed_size = 0;
  ParquetColumnStatistics statistics;  // min/max only for flat columns
};

struct ParquetRowGroupInfo {
  int64_t num_rows = 0;
  int64_t total_byte_size = 0;
  std::vector<ParquetColumnChunkInfo> columns;  // one per leaf column
};

/// A Parquet file's footer, as Strata understands it.
struct ParquetFileMetadata {
  std::string path;
  int64_t num_rows = 0;
  int32_t format_version = 0;
  std::string created_by;
  /// File-level key/value metadata in file order; a key without a value
  /// maps to "".
  std::vector<std::pair<std::string, std::string>> key_value_metadata;
  /// The Strata schema the reader produces (before projection).
  Schema schema;
  /// The Parquet schema in the conventional text form ("message schema {...}").
  std::string parquet_schema;
  std::vector<ParquetRowGroupInfo> row_groups;
};

/// One opened Parquet file: the footer is parsed once, then any projection
/// of any row groups can be read, from many threads at once. This is the
/// scan-level interface the lazy engine builds on.
class ParquetFile {
 public:
  /// Opens (memory-maps) the file and parses its footer. Throws IOError when
  /// it cannot be read, InvalidInputError when it is not valid Parquet,
  /// UnsupportedError for encrypted files.
  static ParquetFile open(const std::string& path, const ParquetReadOptions& options = {});
  /// The same over bytes in memory; `name` appears in error messages.
  static ParquetFile from_buffer(std::string bytes, const std::string& name = "<memory>",
                                 const ParquetReadOptions& options = {});

  const ParquetFileMetadata& metadata() const;
  /// The Strata schema of all top-level columns.
  const Schema& schema() const;
  int64_t num_rows() const;
  int num_row_groups() const;
  int64_t row_group_num_rows(int row_group) const;

  /// Indices of the row groups that may hold rows satisfying every
  /// predicate (all of them when statistics are missing or inconclusive).
  std::vector<int> select_row_groups(const std::vector<ParquetPredicate>& predicates) const;
  /// Reads `columns` (top-level names, empty = all) of the given row groups
  /// (empty = all) as a table with one chunk per row group that has rows,
  /// keeping only rows that satisfy the open options' `filter`.
  Table read(const std::vector<std::string>& columns = {}, const std::vector<int>& row_groups = {}) const;
  /// Reads one row group's columns as a record batch (filtered likewise).
  RecordBatch read_row_group(int row_group, const std::vector<std::string>& columns = {}) const;
  /// Reads like read(), keeping only rows that satisfy `filter` (instead
  /// of the open options' filter), decoding on the thread pool only when
  /// `parallel` (a scan that already runs one row group per task passes
  /// false). Row groups are not pruned here: see select_row_groups.
  Table read_filtered(const std::vector<std::string>& columns, const std::vector<int>& row_groups,
                      const std::vector<ParquetPredicate>& filter, bool parallel) const;

  struct Impl;

 private:
  explicit ParquetFile(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

/// Reads a Parquet file, or every file matching a glob pattern (`*` and `?`
/// in any path component, `**` for any number of folders; files in sorted
/// path order, all with the same schema), into a DataFrame. See ParquetReadOptions. Throws IOError when no
/// file matches or one cannot be read, SchemaError for unknown columns or
/// files whose schemas differ, InvalidInputError for corrupt files and
/// UnsupportedError for features Strata does not read.
DataFrame read_parquet(const std::string& path_or_glob, const ParquetReadOptions& options = {});
/// Same as read_parquet, returning the core Table (one chunk per row group).
Table read_parquet_table(const std::string& path_or_glob, const ParquetReadOptions& options = {});
/// Reads a Parquet file held in memory.
Table read_parquet_table_from_buffer(std::string_view bytes, const ParquetReadOptions& options = {},
                                     const std::string& name = "<memory>");
/// The footer of one file (no column data is read).
ParquetFileMetadata read_parquet_metadata(const std::string& path);
/// The files a glob pattern matches, sorted (see list_files in
/// strata/io/file_listing.hpp: `*`, `?`, `**`; hidden files skipped); a
/// path without wildcards is returned as is. Throws IOError when nothing
/// matches.
std::vector<std::string> expand_parquet_glob(const std::string& pattern);

// ---- Writing ---------------------------------------------------------------

enum class ParquetCompression { Uncompressed, Snappy, Gzip, Zstd, Lz4Raw, Brotli };

struct ParquetWriteOptions {
  ParquetCompression compression = ParquetCompression::Snappy;
  /// Codec level for Gzip (1-9), Zstd (1-22) and Brotli (0-11); 0 = default.
  int compression_level = 0;
  /// Rows per row group (the unit of parallel reading and of pruning).
  int64_t row_group_size = int64_t{1} << 19;
  /// Target uncompressed size of a data page.
  int64_t data_page_size = int64_t{1} << 20;
  /// Dictionary-encode columns (except booleans). A column chunk whose
  /// dictionary would exceed dictionary_page_size_limit bytes falls back to
  /// PLAIN.
  bool dictionary = true;
  int64_t dictionary_page_size_limit = int64_t{1} << 20;
  /// Write min/max/null_count statistics per column chunk (flat columns;
  /// string min/max only when at most max_statistics_size bytes).
  bool write_statistics = true;
  int64_t max_statistics_size = 4096;
  /// Store a CRC32 of every page (readers that check them detect corruption).
  bool write_page_checksums = false;
  /// Extra file-level key/value metadata.
  std::vector<std::pair<std::string, std::string>> key_value_metadata;
  /// Encode a row group's columns on the global thread pool.
  bool parallel = true;
};

/// Writes `table` as one Parquet file, atomically: the bytes go to a
/// temporary file in the same directory, renamed over `path` only when
/// complete. Every Strata type is written: integers as INT32/INT64 with
/// INT(bits, signed) annotations, floats, bool, decimal (INT32/INT64 up to
/// 18 digits, FIXED_LEN_BYTE_ARRAY above), str (BYTE_ARRAY STRING), binary,
/// date (DATE), time (TIME nanos), datetime (TIMESTAMP; seconds stored as
/// milliseconds; isAdjustedToUTC when the type has a time zone), duration
/// (INT64), categorical (dictionary-encoded STRING), list (three-level
/// LIST) and struct (group), null (INT32 UNKNOWN). Throws IOError when the
/// file cannot be written, InvalidInputError when a value cannot be
/// represented (e.g. a second timestamp overflowing milliseconds).
void write_parquet_table(const Table& table, const std::string& path, const ParquetWriteOptions& options = {});
void write_parquet(const DataFrame& frame, const std::string& path, const ParquetWriteOptions& options = {});
/// The bytes write_parquet_table would write.
std::string write_parquet_table_to_buffer(const Table& table, const ParquetWriteOptions& options = {});

/// Streams row groups into one Parquet file (the sink of a pipeline):
/// write() buffers rows and emits a row group each time row_group_size rows
/// are pending; close() writes the rest and the footer, then renames the
/// temporary file into place. Destroying an unclosed writer discards the
/// file. Not thread-safe.
class ParquetWriter {
 public:
  ParquetWriter(const std::string& path, Schema schema, ParquetWriteOptions options = {});
  ~ParquetWriter();
  ParquetWriter(const ParquetWriter&) = delete;
  ParquetWriter& operator=(const ParquetWriter&) = delete;

  /// Appends rows; the table's schema must equal the writer's.
  void write(const Table& table);
  void close();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace strata
