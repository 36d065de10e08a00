#include "validate/internal/constraint_labels.hpp"

namespace strata::validate_internal {

namespace {

// Lists longer than this are shortened in labels; reports stay one line.
constexpr size_t kMaxListedValues = 6;

std::string bound_text(const char* inclusive_name, const char* exclusive_name, const ValueBound& bound) {
  return std::string(bound.inclusive ? inclusive_name : exclusive_name) + "(" + literal_text(bound.value) + ")";
}

}  // namespace

std::string literal_text(const Scalar& value) {
  if (value.is_null()) return "null";
  if (value.type().is_string_like() || value.type().id() == TypeId::Categorical) return "'" + value.to_string() + "'";
  return value.to_string();
}

std::string type_label(const TypeRequirement& type) { return "type(" + type.to_string() + ")"; }

std::string range_label(const std::optional<ValueBound>& lower, const std::optional<ValueBound>& upper) {
  std::string label;
  if (lower) label = bound_text("ge", "gt", *lower);
  if (upper) label += (label.empty() ? "" : " & ") + bound_text("le", "lt", *upper);
  return label;
}

std::string isin_label(const std::vector<Scalar>& values) {
  std::string label = "isin([";
  for (size_t i = 0; i < values.size() && i < kMaxListedValues; ++i) label += (i ? ", " : "") + literal_text(values[i]);
  if (values.size() > kMaxListedValues) label += ", ... " + std::to_string(values.size()) + " values";
  return label + "])";
}

std::string pattern_label(const std::string& pattern) { return "matches('" + pattern + "')"; }

std::string length_label(const std::optional<int64_t>& min, const std::optional<int64_t>& max) {
  std::string label;
  if (min) label = "min_length(" + std::to_string(*min) + ")";
  if (max) label += (label.empty() ? "" : " & ") + ("max_length(" + std::to_string(*max) + ")");
  return label;
}

std::string check_label(const CustomCheck& check) { return "check(" + check.name() + ")"; }

std::string unique_label(const std::vector<std::string>& columns) {
  std::string label = "unique(";
  for (size_t i = 0; i < columns.size(); ++i) label += (i ? ", " : "") + columns[i];
  return label + ")";
}

}  // namespace strata::validate_internal
