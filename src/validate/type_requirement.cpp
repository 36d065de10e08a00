#include "strata/validate/type_requirement.hpp"

#include <array>
#include <utility>

namespace strata {

namespace {

constexpr std::array<std::pair<TypeFamily, const char*>, 9> kFamilyNames{{
    {TypeFamily::Integer, "integer"},
    {TypeFamily::Float, "float"},
    {TypeFamily::Numeric, "numeric"},
    {TypeFamily::String, "string"},
    {TypeFamily::Boolean, "boolean"},
    {TypeFamily::Datetime, "datetime"},
    {TypeFamily::Date, "date"},
    {TypeFamily::Categorical, "categorical"},
    {TypeFamily::Any, "any"},
}};

bool in_family(const DataType& type, TypeFamily family) {
  switch (family) {
    case TypeFamily::Integer: return type.is_integer();
    case TypeFamily::Float: return type.is_floating();
    case TypeFamily::Numeric: return type.is_numeric();
    case TypeFamily::String: return type.id() == TypeId::String;
    case TypeFamily::Boolean: return type.id() == TypeId::Bool;
    case TypeFamily::Datetime: return type.id() == TypeId::Timestamp;
    case TypeFamily::Date: return type.id() == TypeId::Date;
    case TypeFamily::Categorical: return type.id() == TypeId::Categorical;
    case TypeFamily::Any: return true;
  }
  return false;
}

}  // namespace

const char* type_family_name(TypeFamily family) {
  for (const auto& [value, name] : kFamilyNames)
    if (value == family) return name;
  return "?";
}

std::optional<TypeFamily> parse_type_family(std::string_view name) {
  for (const auto& [value, family_name] : kFamilyNames)
    if (name == family_name) return value;
  return std::nullopt;
}

std::optional<TypeFamily> narrowest_family(const DataType& type) {
  for (TypeFamily family : {TypeFamily::Integer, TypeFamily::Float, TypeFamily::Numeric, TypeFamily::String,
                            TypeFamily::Boolean, TypeFamily::Datetime, TypeFamily::Date, TypeFamily::Categorical})
    if (in_family(type, family)) return family;
  return std::nullopt;
}

TypeRequirement TypeRequirement::exactly(const DataType& type) {
  TypeRequirement requirement(narrowest_family(type).value_or(TypeFamily::Any));
  requirement.exact_ = type;
  return requirement;
}

TypeRequirement TypeRequirement::datetime(std::optional<TimeUnit> unit, std::optional<std::string> timezone) {
  TypeRequirement requirement(TypeFamily::Datetime);
  requirement.unit_ = unit;
  requirement.timezone_ = std::move(timezone);
  return requirement;
}

bool TypeRequirement::accepts(const DataType& type) const {
  if (exact_) return type == *exact_;
  if (!in_family(type, family_)) return false;
  if (family_ == TypeFamily::Datetime) {
    if (unit_ && type.unit() != *unit_) return false;
    if (timezone_ && type.timezone() != *timezone_) return false;
  }
  return true;
}

std::optional<DataType> TypeRequirement::coercion_target(const DataType& actual) const {
  if (accepts(actual)) return actual;
  if (exact_) return *exact_;
  switch (family_) {
    case TypeFamily::Integer: return DataType::int64();
    case TypeFamily::Float: return DataType::float64();
    case TypeFamily::Numeric: return DataType::float64();
    case TypeFamily::String: return DataType::string();
    case TypeFamily::Boolean: return DataType::boolean();
    case TypeFamily::Date: return DataType::date();
    case TypeFamily::Categorical: return DataType::categorical();
    case TypeFamily::Datetime: {
      // Keep what the column already has where the schema leaves it open.
      const bool is_timestamp = actual.id() == TypeId::Timestamp;
      const TimeUnit unit = unit_.value_or(is_timestamp ? actual.unit() : TimeUnit::Micro);
      const std::string timezone = timezone_.value_or(is_timestamp ? actual.timezone() : "");
      return DataType::timestamp(unit, timezone);
    }
    case TypeFamily::Any: return std::nullopt;
  }
  return std::nullopt;
}

std::string TypeRequirement::to_string() const {
  if (exact_) return exact_->to_string();
  if (family_ == TypeFamily::Datetime && (unit_ || timezone_)) {
    std::string text = std::string("datetime[") + (unit_ ? time_unit_suffix(*unit_) : "any unit");
    if (timezone_) text += ", " + (timezone_->empty() ? std::string("naive") : *timezone_);
    return text + "]";
  }
  return type_family_name(family_);
}

}  // namespace strata
