#include "strata/validate/column_schema.hpp"

#include <re2/re2.h>

#include "strata/compute/comparison.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "validate/internal/constraint_labels.hpp"
#include "validate/internal/literal_conversion.hpp"

namespace strata {

namespace {

using validate_internal::literal_in_family;
using validate_internal::literal_text;

bool orderable(TypeFamily family) { return family != TypeFamily::Boolean; }
bool textual(TypeFamily family) {
  return family == TypeFamily::String || family == TypeFamily::Categorical || family == TypeFamily::Any;
}

// Whether a literal can stand for a value of the family (checked when the
// schema is built; the column's exact type is only known at validation).
bool literal_fits_family(const Scalar& value, TypeFamily family) {
  if (value.is_null()) return false;
  const DataType& type = value.type();
  switch (family) {
    case TypeFamily::Integer:
    case TypeFamily::Float:
    case TypeFamily::Numeric: return type.is_numeric();
    case TypeFamily::String:
    case TypeFamily::Categorical: return type.id() == TypeId::String;
    case TypeFamily::Boolean: return type.id() == TypeId::Bool;
    case TypeFamily::Datetime:
    case TypeFamily::Date:
      return type.id() == TypeId::String || type.id() == TypeId::Date || type.id() == TypeId::Timestamp;
    case TypeFamily::Any: return true;
  }
  return false;
}

}  // namespace

ColumnSchema::ColumnSchema(std::string name, TypeRequirement type) : name_(std::move(name)), type_(std::move(type)) {
  if (name_.empty()) throw SchemaError("a schema column needs a name");
}

ColumnSchema ColumnSchema::datetime(std::string name, std::optional<TimeUnit> unit,
                                    std::optional<std::string> timezone) {
  return {std::move(name), TypeRequirement::datetime(unit, std::move(timezone))};
}

ColumnSchema ColumnSchema::categorical(std::string name, std::vector<std::string> categories) {
  ColumnSchema column(std::move(name), TypeRequirement(TypeFamily::Categorical));
  if (!categories.empty()) column.isin(categories);
  return column;
}

ColumnSchema ColumnSchema::of_type(std::string name, const DataType& type) {
  return {std::move(name), TypeRequirement::exactly(type)};
}

ColumnSchema& ColumnSchema::optional(bool is_optional) {
  required_ = !is_optional;
  return *this;
}

ColumnSchema& ColumnSchema::nullable(bool allow_nulls) {
  nullable_ = allow_nulls;
  return *this;
}

ColumnSchema& ColumnSchema::unique(bool values_unique) {
  unique_ = values_unique;
  return *this;
}

ColumnSchema& ColumnSchema::coerce(bool cast_to_type) {
  coerce_ = cast_to_type;
  return *this;
}

ColumnSchema& ColumnSchema::description(std::string text) {
  description_ = std::move(text);
  return *this;
}

void ColumnSchema::require_family(const char* constraint, bool (*applies)(TypeFamily)) const {
  if (!applies(type_.family()))
    throw SchemaError(std::string("the constraint ") + constraint + " does not apply to column '" + name_ +
                      "' of type " + type_.to_string() + "; declare the column with a type it applies to");
}

void ColumnSchema::check_literal(const char* role, const Scalar& value) const {
  if (!literal_fits_family(value, type_.family()) || !literal_in_family(value, type_.family()))
    throw InvalidInputError(std::string("the ") + role + " " + literal_text(value) + " of column '" + name_ +
                            "' is not a value of type " + type_.to_string() +
                            (type_.family() == TypeFamily::Datetime || type_.family() == TypeFamily::Date
                                 ? "; write dates as YYYY-MM-DD and datetimes as YYYY-MM-DDTHH:MM:SS[.f][Z|+HH:MM]"
                                 : ""));
}

void ColumnSchema::check_range(const std::optional<ValueBound>& low, const std::optional<ValueBound>& high) const {
  if (!low || !high) return;
  const Array low_array = make_array_from_scalar(*literal_in_family(low->value, type_.family()), 1);
  const Array high_array = make_array_from_scalar(*literal_in_family(high->value, type_.family()), 1);
  compute::comparison_operand_type(low_array.type(), high_array.type());  // TypeError when incomparable
  const auto op = low->inclusive && high->inclusive ? compute::CompareOp::Greater : compute::CompareOp::GreaterEqual;
  const Array empty = compute::compare(op, low_array, high_array);
  if (empty.is_valid(0) && empty.bool_at(0))
    throw InvalidInputError("the range " + validate_internal::range_label(low, high) + " of column '" + name_ +
                            "' contains no value; the lower bound must be below the upper bound");
}

ColumnSchema& ColumnSchema::lower(ValueBound bound) {
  require_family("ge/gt", orderable);
  check_literal("lower bound", bound.value);
  check_range(bound, upper_);
  lower_ = std::move(bound);
  return *this;
}

ColumnSchema& ColumnSchema::upper(ValueBound bound) {
  require_family("le/lt", orderable);
  check_literal("upper bound", bound.value);
  check_range(lower_, bound);
  upper_ = std::move(bound);
  return *this;
}

ColumnSchema& ColumnSchema::isin(std::vector<Scalar> values) {
  if (values.empty())
    throw InvalidInputError("isin of column '" + name_ + "' lists no values; list at least one allowed value");
  for (const Scalar& value : values) check_literal("allowed value", value);
  allowed_ = std::move(values);
  return *this;
}

ColumnSchema& ColumnSchema::matches(std::string pattern) {
  require_family("matches", textual);
  RE2::Options options;
  options.set_log_errors(false);
  const RE2 compiled(pattern, options);
  if (!compiled.ok())
    throw InvalidInputError("invalid regular expression '" + pattern + "' for column '" + name_ +
                            "': " + compiled.error() + "; patterns use RE2 syntax");
  pattern_ = std::move(pattern);
  return *this;
}

ColumnSchema& ColumnSchema::min_length(int64_t length) {
  require_family("min_length", textual);
  if (length < 0 || (max_length_ && length > *max_length_))
    throw InvalidInputError("min_length(" + std::to_string(length) + ") of column '" + name_ +
                            "' must be between 0 and max_length" +
                            (max_length_ ? " (" + std::to_string(*max_length_) + ")" : std::string()));
  min_length_ = length;
  return *this;
}

ColumnSchema& ColumnSchema::max_length(int64_t length) {
  require_family("max_length", textual);
  if (length < 0 || (min_length_ && length < *min_length_))
    throw InvalidInputError("max_length(" + std::to_string(length) + ") of column '" + name_ +
                            "' must be at least 0 and min_length" +
                            (min_length_ ? " (" + std::to_string(*min_length_) + ")" : std::string()));
  max_length_ = length;
  return *this;
}

ColumnSchema& ColumnSchema::check(CustomCheck custom) {
  for (const CustomCheck& existing : checks_)
    if (existing.name() == custom.name())
      throw SchemaError("column '" + name_ + "' already has a check named '" + custom.name() + "'");
  checks_.push_back(std::move(custom));
  return *this;
}

std::string ColumnSchema::summary() const {
  std::string text = name_ + ": " + type_.to_string();
  if (!required_) text += ", optional";
  if (nullable_) text += ", nullable";
  if (unique_) text += ", unique";
  if (lower_ || upper_) text += ", " + validate_internal::range_label(lower_, upper_);
  if (allowed_) text += ", " + validate_internal::isin_label(*allowed_);
  if (pattern_) text += ", " + validate_internal::pattern_label(*pattern_);
  if (min_length_ || max_length_) text += ", " + validate_internal::length_label(min_length_, max_length_);
  for (const CustomCheck& custom : checks_) text += ", " + validate_internal::check_label(custom);
  return text;
}

}  // namespace strata
