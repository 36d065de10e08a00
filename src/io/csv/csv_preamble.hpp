#pragma once
// Everything before the data rows: skipped lines, the header (or the width
// of the first record when there is none) and rows skipped after it.
#include <cstdint>
#include <string>
#include <vector>

#include "io/csv/csv_dialect.hpp"
#include "strata/io/csv.hpp"

namespace strata::csv {

struct Preamble {
  /// The file's column names, unique; empty when the input holds no record.
  std::vector<std::string> names;
  const char* data_begin = nullptr;
  /// Line breaks before data_begin, for 1-based line numbers in errors.
  int64_t lines_before_data = 0;
};

/// Reads the preamble of [begin, end) (after any byte order mark). Throws
/// InvalidInputError for a malformed header (always, whatever on_bad_lines).
Preamble read_preamble(const Dialect& dialect, const char* begin, const char* end,
                       const CsvReadOptions& options, const std::string& source);

/// Makes names unique and non-empty: "" becomes column_<i> (1-based), and a
/// repeated name gets the first free suffix _1, _2, ...
std::vector<std::string> unique_column_names(std::vector<std::string> names);

}  // namespace strata::csv
