#pragma once
// The quoting state machine: splits bytes into records and fields. It is the
// single definition of the CSV dialect (see include/strata/io/csv.hpp);
// header reading, type sampling, parallel chunks and the sequential
// fallback all go through it, so they agree byte for byte.
#include <bit>
#include <cstdint>
#include <cstring>

#include "io/csv/csv_dialect.hpp"
#include "strata/core/error.hpp"

namespace strata::csv {

/// The first byte in [p, end) equal to `delimiter` or '\n', or `end`. Reads
/// eight bytes at a time (never past `end`): a byte-wise search per field
/// dominates parsing time otherwise.
inline const char* find_delimiter_or_newline(const char* p, const char* end, char delimiter) {
  if constexpr (std::endian::native == std::endian::little) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL;
    constexpr uint64_t kHighBits = 0x8080808080808080ULL;
    const uint64_t delimiters = kOnes * static_cast<uint8_t>(delimiter);
    const uint64_t newlines = kOnes * static_cast<uint8_t>('\n');
    while (end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      const uint64_t x = word ^ delimiters;
      const uint64_t y = word ^ newlines;
      // Marks zero bytes of x and y; the lowest mark is always exact.
      const uint64_t hits = (((x - kOnes) & ~x) | ((y - kOnes) & ~y)) & kHighBits;
      if (hits != 0) return p + (std::countr_zero(hits) >> 3);
      p += 8;
    }
  }
  while (p < end && *p != delimiter && *p != '\n') ++p;
  return p;
}

enum class RecordStatus : uint8_t {
  Ok,
  EndOfInput,         // no record left
  UnterminatedQuote,  // a quoted field ran to the end of the input
  TextAfterQuote,     // a closing quote followed by neither a delimiter nor a line end
};

/// Reads records from [begin, end). Single-threaded; cheap to construct.
class Tokenizer {
 public:
  /// `skip_blank_lines`: treat empty lines as absent rather than as a record
  /// with one empty field.
  Tokenizer(const Dialect& dialect, const char* begin, const char* end, bool skip_blank_lines)
      : delimiter_(dialect.delimiter),
        quote_(dialect.quote),
        escape_(dialect.escape),
        comment_(dialect.comment),
        skip_blank_lines_(skip_blank_lines),
        pos_(begin),
        end_(end) {}

  /// Reads the next record, calling on_field(field_index, span) for each of
  /// its fields in order and setting `field_count` to the number delivered.
  /// Comment lines (and blank lines, if skipped) before it are consumed.
  /// After TextAfterQuote the rest of the physical line is skipped and
  /// bad_field_index() tells which field went wrong; after
  /// UnterminatedQuote the input is exhausted.
  template <typename OnField>
  RecordStatus next_record(OnField&& on_field, int64_t& field_count);

  /// Line breaks before the start of the last record returned, counted from
  /// `begin` (0 for a record on the first line).
  int64_t record_line() const { return record_line_; }
  /// Line breaks consumed so far.
  int64_t lines() const { return lines_; }
  const char* position() const { return pos_; }
  int64_t bad_field_index() const { return bad_field_index_; }
  /// Where the field that made the last record bad starts.
  const char* bad_field_start() const { return bad_field_start_; }
  /// Whether the last record (or skipped line) ended with a line break, as
  /// opposed to the end of the input.
  bool ended_with_line_break() const { return ended_with_line_break_; }

 private:
  // Consumes the rest of the current physical line, including its '\n'.
  void skip_line() {
    const void* newline = std::memchr(pos_, '\n', static_cast<size_t>(end_ - pos_));
    if (newline) {
      pos_ = static_cast<const char*>(newline) + 1;
      ++lines_;
      ended_with_line_break_ = true;
    } else {
      pos_ = end_;
      ended_with_line_break_ = false;
    }
  }
  bool at_blank_line() const {
    return *pos_ == '\n' || (*pos_ == '\r' && (pos_ + 1 == end_ || pos_[1] == '\n'));
  }
  static FieldSpan make_span(const char* begin, const char* end, uint8_t flags) {
    const auto size = end - begin;
    if (size > int64_t{UINT32_MAX}) throw InvalidInputError("CSV field longer than 4 GiB");
    return FieldSpan{begin, static_cast<uint32_t>(size), flags};
  }

  const char delimiter_;
  const char quote_;
  const char escape_;
  const char comment_;
  const bool skip_blank_lines_;
  const char* pos_;
  const char* const end_;
  int64_t lines_ = 0;
  int64_t record_line_ = 0;
  int64_t bad_field_index_ = 0;
  const char* bad_field_start_ = nullptr;
  bool ended_with_line_break_ = true;
};

template <typename OnField>
RecordStatus Tokenizer::next_record(OnField&& on_field, int64_t& field_count) {
  field_count = 0;
  for (;;) {
    if (pos_ == end_) return RecordStatus::EndOfInput;
    if (comment_ != '\0' && *pos_ == comment_) {
      skip_line();
      continue;
    }
    if (skip_blank_lines_ && at_blank_line()) {
      skip_line();
      continue;
    }
    break;
  }
  record_line_ = lines_;
  const char* p = pos_;
  for (int64_t field_index = 0;; ++field_index) {
    if (quote_ != '\0' && p < end_ && *p == quote_) {
      bad_field_start_ = p;
      const char* const begin = ++p;
      uint8_t flags = kFieldQuoted;
      for (;;) {
        if (p >= end_) {
          pos_ = end_;
          ended_with_line_break_ = false;
          bad_field_index_ = field_index;
          return RecordStatus::UnterminatedQuote;
        }
        const char c = *p;
        if (c == quote_) {
          if (p + 1 < end_ && p[1] == quote_) {  // "" stands for one quote
            flags |= kFieldNeedsUnescape;
            p += 2;
            continue;
          }
          break;
        }
        if (c == escape_ && escape_ != '\0') {
          flags |= kFieldNeedsUnescape;
          if (p + 1 == end_) {  // a dangling escape: the quote stays open
            p = end_;
            continue;
          }
          if (p[1] == '\n') ++lines_;
          p += 2;
          continue;
        }
        if (c == '\n') ++lines_;
        ++p;
      }
      const FieldSpan span = make_span(begin, p, flags);
      ++p;  // the closing quote
      if (p == end_) {
        on_field(field_index, span);
        field_count = field_index + 1;
        pos_ = p;
        ended_with_line_break_ = false;
        return RecordStatus::Ok;
      }
      if (*p == delimiter_) {
        on_field(field_index, span);
        ++p;
        continue;
      }
      if (*p == '\n' || (*p == '\r' && (p + 1 == end_ || p[1] == '\n'))) {
        on_field(field_index, span);
        field_count = field_index + 1;
        if (*p == '\r') ++p;
        pos_ = p;
        if (p == end_) {
          ended_with_line_break_ = false;
        } else {
          ++pos_;
          ++lines_;
          ended_with_line_break_ = true;
        }
        return RecordStatus::Ok;
      }
      field_count = field_index;
      bad_field_index_ = field_index;
      pos_ = p;
      skip_line();
      return RecordStatus::TextAfterQuote;
    }
    // Unquoted field: up to the next delimiter or line break. This is the
    // hot loop for typical files.
    const char* const begin = p;
    p = find_delimiter_or_newline(p, end_, delimiter_);
    if (p < end_ && *p == delimiter_) {
      on_field(field_index, make_span(begin, p, 0));
      ++p;
      continue;
    }
    const char* field_end = p;
    if (field_end > begin && field_end[-1] == '\r') --field_end;
    on_field(field_index, make_span(begin, field_end, 0));
    field_count = field_index + 1;
    if (p < end_) {
      pos_ = p + 1;
      ++lines_;
      ended_with_line_break_ = true;
    } else {
      pos_ = p;
      ended_with_line_break_ = false;
    }
    return RecordStatus::Ok;
  }
}

}  // namespace strata::csv
