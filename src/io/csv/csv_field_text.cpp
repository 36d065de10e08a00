#include "io/csv/csv_dialect.hpp"

namespace strata::csv {

std::string_view field_text(const FieldSpan& field, const Dialect& dialect, std::string& scratch) {
  if (!field.needs_unescape()) return field.raw();
  scratch.clear();
  const char* p = field.data;
  const char* const end = p + field.size;
  while (p < end) {
    const char c = *p;
    if (c == dialect.quote && p + 1 < end && p[1] == dialect.quote) {
      scratch.push_back(c);
      p += 2;
    } else if (c == dialect.escape && dialect.escape != '\0' && p + 1 < end) {
      scratch.push_back(p[1]);
      p += 2;
    } else {
      scratch.push_back(c);
      ++p;
    }
  }
  return scratch;
}

}  // namespace strata::csv
