#pragma once
// Reading and writing CSV files.
//
// Dialect. Fields are separated by `delimiter` and records by LF or CRLF (a
// lone CR is data). A field that starts with `quote` is quoted: it ends at
// the next quote that is not doubled (RFC 4180 `""` stands for one quote),
// may contain delimiters and line breaks, and must be followed by a
// delimiter or the end of the record. A quote inside an unquoted field is an
// ordinary character. With `escape` set (e.g. '\\'), inside quoted fields
// the escape character makes the next character literal. The last record
// may or may not end with a line break. A UTF-8 byte order mark at the
// start of the input is skipped.
//
// Lines. A line whose first character is `comment` is skipped wherever a
// record could start. A blank line is skipped when the file has more than
// one column; with a single column it is a record holding one empty field
// (a null by default), so that writing and reading a one-column frame
// round-trips.
//
// Nulls. An *unquoted* field equal to one of `null_values` is null; quoted
// fields are never null, so `""` is the empty string while an empty field is
// null (with the default null_values {""}).
//
// Types. Without an explicit dtype a column's type is inferred from its
// values (see docs/semantics.md): integers -> i64 ("007" is 7), decimal or
// scientific numbers and inf/nan -> f64, true/false in any case -> bool,
// YYYY-MM-DD -> date, dates with a time -> datetime[us] (offsets converted
// to UTC), anything else -> str. A column with no non-null value is str.
// A later value that does not fit widens the column (i64 -> f64 -> str,
// date -> datetime -> str, bool -> str); inference never fails and its
// result does not depend on how the file is split for parallel parsing.
// Numbers and booleans never have surrounding spaces trimmed: " 1" is str.
//
// Encoding. Input must be UTF-8. With CsvEncoding::Utf8 an invalid byte
// sequence in a string (or categorical) column or header is a bad value
// (an InvalidInputError naming the line and column by default); with
// CsvEncoding::Utf8Lossy each invalid sequence becomes U+FFFD.
//
// Errors. Malformed input (a record with too many or too few fields, an
// unterminated quote at the end of the input, text after a closing quote,
// a value that does not parse as the column's explicit dtype, invalid
// UTF-8) is handled according to `on_bad_lines`; the default throws
// InvalidInputError naming the source, the 1-based physical line where the
// record starts (counting the header and skipped lines), the column and the
// offending value. A missing or unreadable file is an IOError naming the
// path.
//
// Parallelism. Inputs of at least `parallel_min_bytes` are split into
// chunks of about `chunk_bytes` at record boundaries found by tracking quote
// parity, and parsed on the global thread pool; each chunk becomes one
// array per column (a categorical column gets one dictionary per chunk).
// With `n_rows` set the input is read sequentially and reading stops early. If the parity guess is wrong (comment lines or escapes
// holding quotes, malformed quoting) the affected part is re-read
// sequentially, so results never depend on the split.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strata/core/table.hpp"
#include "strata/core/types.hpp"

namespace strata {

class DataFrame;

/// What to do with a malformed record or an unparsable value.
enum class OnBadLines {
  Error,  // throw InvalidInputError for the first one (default)
  Skip,   // drop the whole record
  Null,   // keep the record: missing fields, unparsable values and invalid
          // UTF-8 become null, extra fields are dropped; an unterminated
          // quote at the end of the input still drops that last record
};

enum class CsvEncoding {
  Utf8,       // invalid UTF-8 in string columns is a bad value
  Utf8Lossy,  // invalid sequences are replaced by U+FFFD
};

struct CsvReadOptions {
  /// Whether the first record (after skip_rows) holds the column names.
  /// Without a header, columns are named column_1, column_2, ...
  /// Empty header names become column_<i>; a repeated name gets a suffix
  /// _<k> (k = 1, 2, ...) so that names stay unique.
  bool has_header = true;
  char delimiter = ',';
  char quote = '"';  // '\0' disables quoting
  /// '\0' = RFC 4180 only (doubled quotes). When set, inside quoted fields
  /// this character escapes the next one (both `\"` and `""` work).
  char escape = '\0';
  /// '\0' = no comments. Lines starting with this character are skipped.
  char comment = '\0';
  /// Unquoted field values read as null.
  std::vector<std::string> null_values = {""};
  /// Physical lines skipped at the start (before the header), whatever they
  /// contain; they still count for line numbers in error messages.
  int64_t skip_rows = 0;
  /// Records skipped after the header (before the first data row).
  int64_t skip_rows_after_header = 0;
  /// Only these columns are parsed and returned, in the order given. Use
  /// either names or 0-based indices (into the file's columns), not both.
  /// Empty = all columns in file order.
  std::vector<std::string> columns;
  std::vector<int64_t> column_indices;
  /// Stop after this many data rows.
  std::optional<int64_t> n_rows;
  /// Explicit types by column name, overriding inference. Supported: bool,
  /// all integer and float types, decimal(p, s), str, binary, date, time,
  /// datetime[unit, tz] (values with an offset are converted to UTC) and
  /// categorical. Naming a column the file does not have is a SchemaError.
  std::map<std::string, DataType> dtypes;
  /// Rows sampled to choose each column's starting type. Later rows can
  /// still widen it, so this only affects speed - except 0, which disables
  /// inference: every column without an explicit dtype is str.
  int64_t infer_schema_length = 100;
  /// Infer date and datetime columns; when false such values are str.
  bool try_parse_dates = true;
  CsvEncoding encoding = CsvEncoding::Utf8;
  OnBadLines on_bad_lines = OnBadLines::Error;
  /// Inputs at least this large are parsed in parallel.
  int64_t parallel_min_bytes = int64_t{4} << 20;
  /// Target bytes per parallel chunk (one array per column per chunk).
  int64_t chunk_bytes = int64_t{8} << 20;
  /// Name used for the input in error messages by read_csv_string.
  std::string source_name = "<string>";
};

/// What a read did besides returning data.
struct CsvReadReport {
  int64_t rows_read = 0;
  /// Records dropped (OnBadLines::Skip) or patched with nulls
  /// (OnBadLines::Null).
  int64_t bad_lines = 0;
  /// Physical line numbers of the first bad records (at most 100).
  std::vector<int64_t> bad_line_numbers;
  /// Chunks the input was parsed in (1 = sequential).
  int64_t chunks = 0;
};

enum class CsvQuoteStyle {
  Necessary,  // quote fields holding the delimiter, quote, CR/LF, leading or
              // trailing spaces, or text that would read back as null
  Always,     // quote every non-null field
  Never,      // never quote (the output may not read back)
};

struct CsvWriteOptions {
  bool include_header = true;
  char delimiter = ',';
  char quote = '"';
  CsvQuoteStyle quote_style = CsvQuoteStyle::Necessary;
  /// Text written for nulls. Non-null values equal to it are quoted.
  std::string null_value;
  std::string line_terminator = "\n";
};

/// Reads a CSV file into a DataFrame. Throws IOError when the file cannot be
/// read, InvalidInputError for malformed input (see on_bad_lines),
/// SchemaError for unknown columns in `columns`/`dtypes`, and
/// UnsupportedError for dtypes that cannot be parsed from text. An empty
/// file gives an empty DataFrame; a header-only file gives zero rows of str
/// columns (or the explicit dtypes). Fills `report` when given.
DataFrame read_csv(const std::string& path, const CsvReadOptions& options = {},
                   CsvReadReport* report = nullptr);
/// Same as read_csv, from text in memory (`options.source_name` names it in
/// errors). The text is not retained after the call.
DataFrame read_csv_string(std::string_view text, const CsvReadOptions& options = {},
                          CsvReadReport* report = nullptr);
/// Same as read_csv, returning the core Table (one chunk per parse chunk).
Table read_csv_table(const std::string& path, const CsvReadOptions& options = {},
                     CsvReadReport* report = nullptr);
Table read_csv_table_string(std::string_view text, const CsvReadOptions& options = {},
                            CsvReadReport* report = nullptr);

/// Writes a DataFrame as CSV, atomically: the data goes to a temporary file
/// in the same directory, which is flushed to disk and renamed over `path`
/// only when complete; on failure the temporary is removed and any previous
/// file at `path` is untouched. Dates, times and timestamps are written in
/// ISO 8601 (timestamps as YYYY-MM-DDTHH:MM:SS[.fraction], with a trailing
/// Z when the type has a time zone), floats as the shortest text that reads
/// back to the same value (always with a '.' or exponent, or inf/-inf/nan),
/// booleans as true/false, categoricals as their strings. List and struct
/// columns are an UnsupportedError. Throws IOError naming the path when the
/// file cannot be written.
void write_csv(const DataFrame& frame, const std::string& path, const CsvWriteOptions& options = {});
/// The CSV text write_csv would produce.
std::string write_csv_string(const DataFrame& frame, const CsvWriteOptions& options = {});
/// Table versions of write_csv and write_csv_string.
void write_csv_table(const Table& table, const std::string& path, const CsvWriteOptions& options = {});
std::string write_csv_table_string(const Table& table, const CsvWriteOptions& options = {});

/// Streams rows into one CSV file (the sink of a lazy query): write()
/// appends rows (the header before the first), close() flushes the file to
/// disk and renames it into place. Destroying an unclosed writer removes
/// the temporary file, leaving any previous file at `path` untouched. Not
/// thread-safe.
class CsvWriter {
 public:
  CsvWriter(const std::string& path, Schema schema, CsvWriteOptions options = {});
  ~CsvWriter();
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  /// Appends rows; the table's schema must equal the writer's.
  void write(const Table& table);
  void close();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace strata
