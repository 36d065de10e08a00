#pragma once
// A single typed value (or a typed null): literals in expressions, cells read
// back from columns, and aggregation results.
#include <cstdint>
#include <string>
#include <variant>

#include "strata/core/types.hpp"

namespace strata {

using Int128 = __int128;

class Scalar {
 public:
  // Storage by family: all signed integers and temporal types in int64_t,
  // UInt64 (and smaller unsigned) in uint64_t, floats in double, decimals in
  // Int128 (unscaled), strings/binary/categorical in std::string.
  using Storage = std::variant<std::monostate, bool, int64_t, uint64_t, double, Int128, std::string>;

  Scalar() = default;  // a null of type Null
  Scalar(DataType type, Storage value) : type_(std::move(type)), value_(std::move(value)) {}

  static Scalar null(DataType type = DataType::null()) { return Scalar(std::move(type), std::monostate{}); }
  static Scalar boolean(bool v) { return Scalar(DataType::boolean(), v); }
  static Scalar int64(int64_t v) { return Scalar(DataType::int64(), v); }
  static Scalar int32(int32_t v) { return Scalar(DataType::int32(), int64_t{v}); }
  static Scalar uint64(uint64_t v) { return Scalar(DataType::uint64(), v); }
  static Scalar float64(double v) { return Scalar(DataType::float64(), v); }
  static Scalar string(std::string v) { return Scalar(DataType::string(), std::move(v)); }
  static Scalar date(int32_t days) { return Scalar(DataType::date(), int64_t{days}); }
  static Scalar timestamp(int64_t v, TimeUnit unit = TimeUnit::Micro, std::string tz = "") {
    return Scalar(DataType::timestamp(unit, std::move(tz)), v);
  }
  static Scalar duration(int64_t v, TimeUnit unit = TimeUnit::Micro) {
    return Scalar(DataType::duration(unit), v);
  }
  static Scalar decimal(Int128 unscaled, int precision, int scale) {
    return Scalar(DataType::decimal(precision, scale), unscaled);
  }

  const DataType& type() const { return type_; }
  bool is_null() const { return std::holds_alternative<std::monostate>(value_); }
  const Storage& storage() const { return value_; }

  bool as_bool() const { return std::get<bool>(value_); }
  int64_t as_int64() const;    // any integer/temporal storage, converted
  uint64_t as_uint64() const;
  double as_double() const;    // any numeric storage, converted
  Int128 as_int128() const { return std::get<Int128>(value_); }
  const std::string& as_string() const { return std::get<std::string>(value_); }

  /// Same rendering as Array::value_to_string.
  std::string to_string() const;
  bool operator==(const Scalar& other) const { return type_ == other.type_ && value_ == other.value_; }

 private:
  DataType type_;
  Storage value_;
};

}  // namespace strata
