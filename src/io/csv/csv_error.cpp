#include "io/csv/csv_error.hpp"

#include <cstdio>

#include "strata/core/error.hpp"

namespace strata::csv {

std::string printable_value(const std::string& value, bool escape_non_ascii) {
  std::string out;
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F || (escape_non_ascii && byte >= 0x80)) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

std::string column_label(const std::vector<std::string>& names, int64_t field_index) {
  if (field_index < static_cast<int64_t>(names.size()))
    return "column '" + names[static_cast<size_t>(field_index)] + "'";
  return "field " + std::to_string(field_index + 1) + " (beyond the last column '" +
         (names.empty() ? std::string() : names.back()) + "')";
}

}  // namespace

void throw_record_problem(const RecordProblem& problem, const std::string& source, int64_t line,
                          const std::vector<std::string>& names, const std::string& column_type) {
  const std::string where = " in " + source + ", line " + std::to_string(line) + ", " +
                            column_label(names, problem.field_index);
  const std::string value = ", value '" + printable_value(problem.value, problem.kind == ProblemKind::InvalidUtf8) + "'";
  const std::string skip_hint = "set on_bad_lines=skip to drop such rows";
  switch (problem.kind) {
    case ProblemKind::FieldCount:
      throw InvalidInputError(
          "CSV record has " + std::to_string(problem.fields_found) + " fields but the header has " +
          std::to_string(names.size()) + where +
          (problem.fields_found < static_cast<int64_t>(names.size()) ? " (the first missing field)" : "") +
          ". Hint: check the delimiter and quoting, or " + skip_hint +
          " (or on_bad_lines=null to fill missing fields with nulls)");
    case ProblemKind::UnterminatedQuote:
      throw InvalidInputError("CSV quoted field is not closed before the end of the input" + where + value +
                              ". Hint: add the missing closing quote, or " + skip_hint);
    case ProblemKind::TextAfterQuote:
      throw InvalidInputError("CSV field has text after its closing quote" + where + value +
                              ". Hint: write a quote inside a quoted field as two quotes (\"\"), or " +
                              skip_hint);
    case ProblemKind::BadValue:
      throw InvalidInputError("CSV value does not parse as " + column_type + where + value +
                              ". Hint: fix the value, read the column with another dtype (e.g. str), or " +
                              skip_hint + " (on_bad_lines=null reads such values as null)");
    case ProblemKind::InvalidUtf8:
      throw InvalidInputError("CSV value is not valid UTF-8" + where + value +
                              ". Hint: convert the file to UTF-8, read the column as binary, or set "
                              "encoding=Utf8Lossy to replace invalid bytes");
  }
  throw InternalError("unknown CSV problem kind");
}

}  // namespace strata::csv
