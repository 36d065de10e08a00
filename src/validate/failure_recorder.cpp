#include "validate/internal/failure_recorder.hpp"

#include <cstdio>

namespace strata::validate_internal {

std::string display_value(const Array& array, int64_t row) {
  if (array.is_null(row)) return "null";
  const TypeId id = array.type().id();
  if (id != TypeId::String && id != TypeId::Categorical) return array.value_to_string(row);
  const std::string_view text = id == TypeId::String ? array.string_at(row) : array.category_at(row);
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

FailureRecorder::FailureRecorder(std::string column, std::string constraint, int64_t max_cases)
    : max_cases_(max_cases) {
  failure_.column = std::move(column);
  failure_.constraint = std::move(constraint);
}

void FailureRecorder::record(const Violations& violations, int64_t batch_rows, int64_t first_row,
                             const std::function<std::string(int64_t)>& describe) {
  if (violations.count == 0) return;
  failure_.failing_rows += violations.count;
  const auto room = max_cases_ - static_cast<int64_t>(failure_.cases.size());
  if (room <= 0) return;
  for_each_violation(violations.bits->data(), batch_rows, room, [&](int64_t row) {
    failure_.cases.push_back({first_row + row, describe(row)});
  });
}

void FailureRecorder::record(const Violations& violations, const Array& values, int64_t first_row) {
  record(violations, values.length(), first_row, [&](int64_t row) { return display_value(values, row); });
}

void FailureRecorder::fail(std::string detail) {
  if (failure_.detail.empty()) failure_.detail = std::move(detail);
}

}  // namespace strata::validate_internal
