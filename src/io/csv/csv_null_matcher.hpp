#pragma once
// Decides whether a field is null: missing fields, and unquoted fields equal
// to one of the configured null strings. Quoted fields are never null.
#include <string>
#include <string_view>
#include <vector>

#include "io/csv/csv_dialect.hpp"

namespace strata::csv {

class NullMatcher {
 public:
  explicit NullMatcher(std::vector<std::string> null_values) : values_(std::move(null_values)) {
    only_empty_ = values_.size() == 1 && values_[0].empty();
  }

  bool is_null(const FieldSpan& field) const {
    if (field.flags & (kFieldMissing | kFieldQuoted)) return field.missing();
    if (only_empty_) return field.size == 0;  // the default, checked per value
    const std::string_view text = field.raw();
    for (const std::string& value : values_)
      if (text == value) return true;
    return false;
  }

 private:
  std::vector<std::string> values_;
  bool only_empty_ = false;
};

}  // namespace strata::csv
