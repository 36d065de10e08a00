#pragma once
// Error messages of the CSV reader: the problem first, then where (source,
// line, column) and the value, then a hint.
#include <string>
#include <vector>

#include "io/csv/csv_chunk_parser.hpp"

namespace strata::csv {

/// Throws InvalidInputError for `problem`, found at 1-based physical line
/// `line` of `source`. `names` are the file's column names; `column_type`
/// names the column's explicit dtype for BadValue ("" otherwise).
[[noreturn]] void throw_record_problem(const RecordProblem& problem, const std::string& source, int64_t line,
                                       const std::vector<std::string>& names, const std::string& column_type);

/// The value as it should appear in a message: control characters (and, for
/// invalid UTF-8, non-ASCII bytes) escaped as \xNN.
std::string printable_value(const std::string& value, bool escape_non_ascii);

}  // namespace strata::csv
