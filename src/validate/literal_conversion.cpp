#include "validate/internal/literal_conversion.hpp"

#include "strata/compute/cast.hpp"
#include "strata/compute/comparison.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/temporal.hpp"

namespace strata::validate_internal {

namespace {

bool is_text(const Scalar& value) { return !value.is_null() && value.type().id() == TypeId::String; }

// Text as a value of a Date or Timestamp column: a date stays a date for
// date columns; timestamps take the column's unit and zone (a written
// offset converts to UTC, as stored values are).
std::optional<Scalar> parse_temporal_text(const std::string& text, const DataType& column_type) {
  if (column_type.id() == TypeId::Date) {
    if (auto days = temporal::parse_date(text)) return Scalar::date(*days);
    if (auto micros = temporal::parse_timestamp(text, TimeUnit::Micro)) return Scalar::timestamp(*micros);
    return std::nullopt;
  }
  if (auto value = temporal::parse_timestamp(text, column_type.unit()))
    return Scalar::timestamp(*value, column_type.unit(), column_type.timezone());
  return std::nullopt;
}

bool same_value(const Array& a, const Array& b) {
  const Array equal = compute::compare(compute::CompareOp::Equal, a, b);
  return equal.is_valid(0) && equal.bool_at(0);
}

}  // namespace

std::optional<Scalar> literal_in_family(const Scalar& literal, TypeFamily family) {
  if ((family != TypeFamily::Date && family != TypeFamily::Datetime) || !is_text(literal)) return literal;
  if (auto micros = temporal::parse_timestamp(literal.as_string(), TimeUnit::Micro)) return Scalar::timestamp(*micros);
  return std::nullopt;
}

Array literal_for_column(const Scalar& literal, const DataType& column_type) {
  Scalar value = literal;
  const bool temporal_column = column_type.id() == TypeId::Date || column_type.id() == TypeId::Timestamp;
  if (temporal_column && is_text(literal)) {
    auto parsed = parse_temporal_text(literal.as_string(), column_type);
    if (!parsed)
      throw InvalidInputError("'" + literal.as_string() + "' is not a valid " + column_type.to_string() +
                              " value; write dates as YYYY-MM-DD and datetimes as YYYY-MM-DDTHH:MM:SS[.f][Z|+HH:MM]");
    value = *parsed;
  }
  if (value.type().id() == TypeId::Timestamp && column_type.id() == TypeId::Timestamp &&
      value.type().timezone() != column_type.timezone()) {
    // Stored values are UTC either way: only the label differs.
    value = Scalar::timestamp(value.as_int64(), value.type().unit(), column_type.timezone());
  }
  const Array original = make_array_from_scalar(value, 1);
  compute::comparison_operand_type(column_type, original.type());  // TypeError when incomparable
  const DataType target = column_type.id() == TypeId::Categorical ? DataType::string() : column_type;
  if (value.is_null() || original.type() == target || !compute::can_cast(original.type(), target)) return original;
  const Array converted = compute::cast(original, target, CastMode::NullOnFailure);
  if (converted.is_null(0)) return original;
  const Array back = compute::cast(converted, original.type(), CastMode::NullOnFailure);
  return back.is_valid(0) && same_value(back, original) ? converted : original;
}

}  // namespace strata::validate_internal
