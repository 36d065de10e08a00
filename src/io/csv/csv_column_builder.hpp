#pragma once
// Column builders turn the fields of one column into an array, parsing them
// as the column's type. A builder is single-threaded: every parse chunk has
// its own, and each chunk yields one array per column.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "io/csv/csv_dialect.hpp"
#include "io/csv/csv_null_matcher.hpp"
#include "strata/core/array.hpp"
#include "strata/io/csv.hpp"

namespace strata::csv {

/// What builders need to know about the file besides their type.
struct ColumnParseContext {
  Dialect dialect;
  NullMatcher nulls{{""}};
  CsvEncoding encoding = CsvEncoding::Utf8;
  bool try_parse_dates = true;
};

class ColumnBuilder {
 public:
  virtual ~ColumnBuilder() = default;

  /// Parses fields[begin, end) (one per record, in order) and appends one
  /// value for each. For a value that does not parse (or invalid UTF-8):
  /// when `failures` is null, nothing is appended for it and its index is
  /// returned at once; otherwise a null is appended, the index is added to
  /// *failures and parsing goes on. Returns `end` when every row was taken.
  virtual int64_t append(const FieldSpan* fields, int64_t begin, int64_t end,
                         std::vector<int64_t>* failures) = 0;
  /// Makes room for `rows` values in total (a hint; appending past it works).
  virtual void reserve(int64_t rows) = 0;
  /// Appends `count` nulls.
  virtual void append_nulls(int64_t count) = 0;
  /// Removes rows first_row + offsets[i] (offsets ascending and unique).
  virtual void remove_rows(int64_t first_row, std::span<const int64_t> offsets) = 0;
  virtual int64_t length() const = 0;
  /// The array of everything appended; the builder is empty afterwards.
  virtual Array finish() = 0;
};

/// A builder for an explicit column type. Throws UnsupportedError naming
/// the type when it cannot be read from text (null, duration, list, struct).
std::unique_ptr<ColumnBuilder> make_column_builder(const DataType& type, const ColumnParseContext& context);

/// Whether make_column_builder accepts `type`.
bool is_csv_readable_type(const DataType& type);

}  // namespace strata::csv
