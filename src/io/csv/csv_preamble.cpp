#include "io/csv/csv_preamble.hpp"

#include <cstring>
#include <unordered_set>

#include "io/csv/csv_error.hpp"
#include "io/csv/csv_tokenizer.hpp"
#include "io/csv/utf8_validation.hpp"
#include "strata/core/error.hpp"

namespace strata::csv {

std::vector<std::string> unique_column_names(std::vector<std::string> names) {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i].empty()) names[i] = "column_" + std::to_string(i + 1);
  std::unordered_set<std::string> seen;
  for (std::string& name : names) {
    if (seen.insert(name).second) continue;
    for (int64_t suffix = 1;; ++suffix) {
      std::string candidate = name + "_" + std::to_string(suffix);
      if (seen.insert(candidate).second) {
        name = std::move(candidate);
        break;
      }
    }
  }
  return names;
}

namespace {

std::string header_name(std::string_view text, int64_t index, int64_t line, const CsvReadOptions& options,
                        const std::string& source) {
  if (is_valid_utf8(text)) return std::string(text);
  if (options.encoding == CsvEncoding::Utf8Lossy) {
    std::string name;
    append_utf8_lossy(text, name);
    return name;
  }
  throw InvalidInputError("CSV header is not valid UTF-8 in " + source + ", line " + std::to_string(line) +
                          ", column " + std::to_string(index + 1) + ", value '" +
                          printable_value(std::string(text), true) +
                          "'. Hint: convert the file to UTF-8 or set encoding=Utf8Lossy");
}

}  // namespace

Preamble read_preamble(const Dialect& dialect, const char* begin, const char* end,
                       const CsvReadOptions& options, const std::string& source) {
  Preamble preamble;
  const char* p = begin;
  for (int64_t i = 0; i < options.skip_rows && p < end; ++i) {
    const void* newline = std::memchr(p, '\n', static_cast<size_t>(end - p));
    p = newline ? static_cast<const char*>(newline) + 1 : end;
    if (newline) ++preamble.lines_before_data;
  }

  Tokenizer header(dialect, p, end, /*skip_blank_lines=*/true);
  std::vector<std::string> names;
  std::string scratch;
  int64_t field_count = 0;
  const RecordStatus status = header.next_record(
      [&](int64_t index, const FieldSpan& span) {
        names.push_back(options.has_header ? header_name(field_text(span, dialect, scratch), index,
                                                         preamble.lines_before_data + header.record_line() + 1,
                                                         options, source)
                                           : std::string());
      },
      field_count);
  if (status == RecordStatus::EndOfInput) {
    preamble.data_begin = end;
    return preamble;
  }
  if (options.has_header && status != RecordStatus::Ok) {
    throw InvalidInputError(std::string(status == RecordStatus::UnterminatedQuote
                                            ? "CSV header has a quoted name that is never closed"
                                            : "CSV header has text after a closing quote") +
                            " in " + source + ", line " +
                            std::to_string(preamble.lines_before_data + header.record_line() + 1) +
                            ", column " + std::to_string(header.bad_field_index() + 1) +
                            ". Hint: check the quoting of the header, or set has_header=false");
  }
  if (!options.has_header) {
    // The first record is data: it only tells how many columns there are.
    if (names.empty()) names.resize(1);
    preamble.names = unique_column_names(std::move(names));
    preamble.data_begin = p;
  } else {
    preamble.names = unique_column_names(std::move(names));
    preamble.lines_before_data += header.lines();
    preamble.data_begin = header.position();
  }

  if (options.skip_rows_after_header > 0) {
    Tokenizer skipper(dialect, preamble.data_begin, end, preamble.names.size() > 1);
    for (int64_t i = 0; i < options.skip_rows_after_header; ++i) {
      int64_t ignored = 0;
      if (skipper.next_record([](int64_t, const FieldSpan&) {}, ignored) == RecordStatus::EndOfInput) break;
    }
    preamble.lines_before_data += skipper.lines();
    preamble.data_begin = skipper.position();
  }
  return preamble;
}

}  // namespace strata::csv
