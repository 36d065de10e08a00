#pragma once
// One column of a DataFrameSchema: its type requirement and the constraints
// its values must meet, declared with a fluent builder:
//
//   ColumnSchema::integer("id").unique()
//   ColumnSchema::floating("amount").ge(0).nullable()
//   ColumnSchema::string("email").matches(R"([^@\s]+@[^@\s]+)").length_between(3, 254)
//   ColumnSchema::categorical("status", {"new", "paid", "shipped"})
//   ColumnSchema::datetime("created", TimeUnit::Micro, "UTC").ge("2020-01-01").lt("2030-01-01")
//   ColumnSchema::datetime("ended").check("after_created", col("ended") >= col("created"))
//
// Defaults follow pandera: a column is required and non-nullable, values
// need not be unique. Every value constraint skips nulls (nullability is
// its own constraint). Bounds compare as compute::compare does: numbers of
// any type by value, strings bytewise, dates with datetimes, and float NaN
// above every number (so NaN fails an upper bound and passes a lower one).
//
// Definitions are checked when made: a constraint that cannot apply to the
// declared family (a regex on an integer column), an invalid regex, an
// unparsable datetime bound or inverted bounds throw at once.
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "strata/core/scalar.hpp"
#include "strata/validate/custom_check.hpp"
#include "strata/validate/type_requirement.hpp"

namespace strata {

/// One end of a value range.
struct ValueBound {
  Scalar value;
  bool inclusive = true;
  bool operator==(const ValueBound& other) const = default;
};

namespace validate_detail {

/// The Scalar of a C++ bound or listed value: integers as i64 (u64 above
/// the i64 range), floats as f64, bools, text as str (parsed as a date or
/// datetime when the column is one).
template <typename T>
Scalar to_scalar(const T& value) {
  if constexpr (std::is_same_v<T, Scalar>) return value;
  else if constexpr (std::is_same_v<T, bool>) return Scalar::boolean(value);
  else if constexpr (std::is_integral_v<T> && std::is_unsigned_v<T> && sizeof(T) == 8) return Scalar::uint64(value);
  else if constexpr (std::is_integral_v<T>) return Scalar::int64(static_cast<int64_t>(value));
  else if constexpr (std::is_floating_point_v<T>) return Scalar::float64(static_cast<double>(value));
  else return Scalar::string(std::string(value));
}

}  // namespace validate_detail

class ColumnSchema {
 public:
  /// A column of the given type requirement.
  ColumnSchema(std::string name, TypeRequirement type);

  // ---- Declarations by family
  static ColumnSchema integer(std::string name) { return {std::move(name), TypeRequirement(TypeFamily::Integer)}; }
  static ColumnSchema floating(std::string name) { return {std::move(name), TypeRequirement(TypeFamily::Float)}; }
  static ColumnSchema numeric(std::string name) { return {std::move(name), TypeRequirement(TypeFamily::Numeric)}; }
  static ColumnSchema string(std::string name) { return {std::move(name), TypeRequirement(TypeFamily::String)}; }
  static ColumnSchema boolean(std::string name) { return {std::move(name), TypeRequirement(TypeFamily::Boolean)}; }
  static ColumnSchema date(std::string name) { return {std::move(name), TypeRequirement(TypeFamily::Date)}; }
  static ColumnSchema any(std::string name) { return {std::move(name), TypeRequirement(TypeFamily::Any)}; }
  /// A datetime of any unit and zone, or of the given unit / zone ("" = naive).
  static ColumnSchema datetime(std::string name, std::optional<TimeUnit> unit = std::nullopt,
                               std::optional<std::string> timezone = std::nullopt);
  /// A categorical column; with categories, its values must be among them.
  static ColumnSchema categorical(std::string name, std::vector<std::string> categories = {});
  /// A column of exactly `type` (e.g. DataType::int32()).
  static ColumnSchema of_type(std::string name, const DataType& type);

  // ---- Presence and nulls
  /// The column may be missing from the data (its constraints then do not run).
  ColumnSchema& optional(bool is_optional = true);
  ColumnSchema& nullable(bool allow_nulls = true);
  /// No two non-null values are equal. Nulls never collide (as in SQL).
  ColumnSchema& unique(bool values_unique = true);
  /// Cast this column to its declared type before checking it, overriding
  /// the schema's coerce setting (see DataFrameSchema::coerce).
  ColumnSchema& coerce(bool cast_to_type = true);
  ColumnSchema& description(std::string text);

  // ---- Value ranges (numbers, strings, dates, datetimes; text bounds on a
  // date or datetime column are parsed: "2024-01-31", "2024-01-31T12:00Z")
  template <typename T> ColumnSchema& ge(const T& value) { return lower({validate_detail::to_scalar(value), true}); }
  template <typename T> ColumnSchema& gt(const T& value) { return lower({validate_detail::to_scalar(value), false}); }
  template <typename T> ColumnSchema& le(const T& value) { return upper({validate_detail::to_scalar(value), true}); }
  template <typename T> ColumnSchema& lt(const T& value) { return upper({validate_detail::to_scalar(value), false}); }
  /// low <= value <= high (each end exclusive when its flag is false).
  template <typename L, typename H>
  ColumnSchema& between(const L& low, const H& high, bool low_inclusive = true, bool high_inclusive = true) {
    lower({validate_detail::to_scalar(low), low_inclusive});
    return upper({validate_detail::to_scalar(high), high_inclusive});
  }
  ColumnSchema& lower(ValueBound bound);
  ColumnSchema& upper(ValueBound bound);

  // ---- Allowed values
  /// Values must be among `values` (compared as compute::is_in does).
  ColumnSchema& isin(std::vector<Scalar> values);
  template <typename T> ColumnSchema& isin(std::initializer_list<T> values) {
    return isin(std::vector<T>(values));
  }
  template <typename T, typename = std::enable_if_t<!std::is_same_v<T, Scalar>>>
  ColumnSchema& isin(const std::vector<T>& values) {
    std::vector<Scalar> scalars;
    scalars.reserve(values.size());
    for (const T& value : values) scalars.push_back(validate_detail::to_scalar(value));
    return isin(std::move(scalars));
  }

  // ---- Strings (and categoricals, through their values)
  /// The whole value matches the RE2 regular expression `pattern`.
  ColumnSchema& matches(std::string pattern);
  /// Length in Unicode code points, bounds inclusive.
  ColumnSchema& min_length(int64_t length);
  ColumnSchema& max_length(int64_t length);
  ColumnSchema& length_between(int64_t min, int64_t max) { return min_length(min).max_length(max); }

  // ---- Custom constraints (see CustomCheck)
  ColumnSchema& check(CustomCheck check);
  ColumnSchema& check(std::string name, Expr expression, std::string description = "") {
    return check(CustomCheck(std::move(name), std::move(expression), std::move(description)));
  }

  // ---- Reading the declaration
  const std::string& name() const { return name_; }
  const TypeRequirement& type() const { return type_; }
  bool required() const { return required_; }
  bool is_nullable() const { return nullable_; }
  bool is_unique() const { return unique_; }
  const std::optional<bool>& coerce_override() const { return coerce_; }
  const std::string& description_text() const { return description_; }
  const std::optional<ValueBound>& lower_bound() const { return lower_; }
  const std::optional<ValueBound>& upper_bound() const { return upper_; }
  const std::optional<std::vector<Scalar>>& allowed_values() const { return allowed_; }
  const std::optional<std::string>& pattern() const { return pattern_; }
  const std::optional<int64_t>& min_length_bound() const { return min_length_; }
  const std::optional<int64_t>& max_length_bound() const { return max_length_; }
  const std::vector<CustomCheck>& checks() const { return checks_; }

  /// One line for listings: "amount: float, nullable, >= 0".
  std::string summary() const;

 private:
  void require_family(const char* constraint, bool (*applies)(TypeFamily)) const;
  void check_literal(const char* role, const Scalar& value) const;
  void check_range(const std::optional<ValueBound>& low, const std::optional<ValueBound>& high) const;

  std::string name_;
  TypeRequirement type_;
  bool required_ = true;
  bool nullable_ = false;
  bool unique_ = false;
  std::optional<bool> coerce_;
  std::string description_;
  std::optional<ValueBound> lower_;
  std::optional<ValueBound> upper_;
  std::optional<std::vector<Scalar>> allowed_;
  std::optional<std::string> pattern_;
  std::optional<int64_t> min_length_;
  std::optional<int64_t> max_length_;
  std::vector<CustomCheck> checks_;
};

}  // namespace strata
