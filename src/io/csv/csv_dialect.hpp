#pragma once
// The characters that structure a CSV file, and the span of one field as the
// tokenizer finds it. Internal to the CSV reader.
#include <cstdint>
#include <string>
#include <string_view>

namespace strata::csv {

struct Dialect {
  char delimiter = ',';
  char quote = '"';    // '\0': no quoting
  char escape = '\0';  // '\0': only doubled quotes escape (RFC 4180)
  char comment = '\0';  // '\0': no comment lines
};

/// Flags of a FieldSpan.
enum FieldFlags : uint8_t {
  kFieldQuoted = 1,         // the field was enclosed in quotes
  kFieldNeedsUnescape = 2,  // holds doubled quotes or escapes to remove
  kFieldMissing = 4,        // the record had no such field (read as null)
};

/// One field of a record: the bytes between the delimiters, without the
/// enclosing quotes (and without a trailing CR at the end of a record).
struct FieldSpan {
  const char* data = nullptr;
  uint32_t size = 0;
  uint8_t flags = 0;

  std::string_view raw() const { return {data, size}; }
  bool quoted() const { return flags & kFieldQuoted; }
  bool missing() const { return flags & kFieldMissing; }
  bool needs_unescape() const { return flags & kFieldNeedsUnescape; }
};

/// The text of a field: the raw bytes, or (for fields with doubled quotes or
/// escapes) the unescaped copy written into `scratch`.
std::string_view field_text(const FieldSpan& field, const Dialect& dialect, std::string& scratch);

}  // namespace strata::csv
