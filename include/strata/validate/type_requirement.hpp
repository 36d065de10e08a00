#pragma once
// What a schema column requires of a column's data type: a family of types
// (any integer, any float, ...), optionally narrowed to one exact type or,
// for datetimes, to a time unit and time zone. Also decides the type a
// column is converted to when the schema coerces.
#include <optional>
#include <string>
#include <string_view>

#include "strata/core/types.hpp"

namespace strata {

/// Families of data types a column can be declared with.
///   Integer      i8..i64, u8..u64
///   Float        f32, f64
///   Numeric      integers, floats and decimals
///   String       str
///   Boolean      bool
///   Datetime     datetime[unit, tz] (any unit and zone unless narrowed)
///   Date         date
///   Categorical  cat
///   Any          every type (no type check, no coercion)
enum class TypeFamily { Integer, Float, Numeric, String, Boolean, Datetime, Date, Categorical, Any };

/// "integer", "float", "numeric", "string", "boolean", "datetime", "date",
/// "categorical", "any": the names used in schema files.
const char* type_family_name(TypeFamily family);

/// The family named `name` (the names of type_family_name), or nullopt.
std::optional<TypeFamily> parse_type_family(std::string_view name);

/// The family an exact type belongs to (the narrowest one: i32 is Integer,
/// decimal is Numeric); nullopt for types outside every family (binary,
/// time, duration, list, struct), which only TypeFamily::Any accepts.
std::optional<TypeFamily> narrowest_family(const DataType& type);

class TypeRequirement {
 public:
  TypeRequirement() = default;
  explicit TypeRequirement(TypeFamily family) : family_(family) {}
  /// Exactly `type`; its family is the narrowest family of the type (Any
  /// for types outside every family).
  static TypeRequirement exactly(const DataType& type);
  /// A datetime, optionally of one unit and one time zone ("" = naive).
  static TypeRequirement datetime(std::optional<TimeUnit> unit, std::optional<std::string> timezone);

  TypeFamily family() const { return family_; }
  const std::optional<DataType>& exact_type() const { return exact_; }
  const std::optional<TimeUnit>& unit() const { return unit_; }
  const std::optional<std::string>& timezone() const { return timezone_; }

  /// Whether a column of `type` satisfies the requirement as it is.
  bool accepts(const DataType& type) const;
  /// The type a column of `actual` type is cast to when coercing: `actual`
  /// itself when accepted (always under Any); else the exact type, or the
  /// family's default (Integer: i64, Float and Numeric: f64, Datetime:
  /// datetime with the required unit and zone, else the column's own or
  /// us and naive).
  std::optional<DataType> coercion_target(const DataType& actual) const;
  /// "integer", "i32", "datetime[ms, UTC]", "datetime[any unit, UTC]", ...
  std::string to_string() const;

  bool operator==(const TypeRequirement& other) const = default;

 private:
  TypeFamily family_ = TypeFamily::Any;
  std::optional<DataType> exact_;
  std::optional<TimeUnit> unit_;
  std::optional<std::string> timezone_;
};

}  // namespace strata
