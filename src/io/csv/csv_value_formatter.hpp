#pragma once
// Formats a column's values as CSV text, one column at a time (one type
// dispatch per column, not per value). Quoting is applied later, per field.
#include <cstdint>
#include <string>
#include <vector>

#include "strata/core/array.hpp"

namespace strata::csv {

/// The text of rows [begin, end) of one column: value i is
/// text[ends[i-1] .. ends[i]) (starting at 0), unless null[i].
struct FormattedColumn {
  std::string text;
  std::vector<size_t> ends;
  std::vector<uint8_t> null;

  std::string_view value(size_t i) const {
    const size_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(text).substr(begin, ends[i] - begin);
  }

  void clear() {
    text.clear();
    ends.clear();
    null.clear();
  }
};

/// Appends the text of rows [begin, end) of `array` to `out`. Throws
/// UnsupportedError for list and struct columns, naming `column_name`.
void format_column(const Array& array, int64_t begin, int64_t end, const std::string& column_name,
                   FormattedColumn& out);

/// The shortest text that reads back as `value`, always marked as a float
/// ("1.0", "1e+20", "inf", "-inf", "nan").
void append_float(double value, std::string& out);
void append_float(float value, std::string& out);

}  // namespace strata::csv
