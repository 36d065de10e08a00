#pragma once
// Logical data types, fields and schemas.
//
// Physical representation of each type (Arrow columnar layout):
//   Null                   no buffers; every slot is null
//   Bool                   bit-packed values, LSB first
//   Int8..UInt64, Float32/64  fixed-width little-endian values
//   Decimal(p, s)          128-bit two's-complement integers scaled by 10^s
//   String, Binary         16-byte views (StringView) + shared data buffers
//   Date                   int32 days since 1970-01-01
//   Time                   int64 nanoseconds since midnight
//   Timestamp(unit, tz)    int64 units since the Unix epoch (UTC when tz set)
//   Duration(unit)         int64 units
//   Categorical            uint32 codes into a String dictionary array
//   List(child)            int64 offsets (length + 1) + one child array
//   Struct(fields)         one child array per field
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace strata {

enum class TypeId : uint8_t {
  Null, Bool,
  Int8, Int16, Int32, Int64,
  UInt8, UInt16, UInt32, UInt64,
  Float32, Float64,
  Decimal,
  String, Binary,
  Date, Time, Timestamp, Duration,
  Categorical,
  List, Struct,
};

enum class TimeUnit : uint8_t { Second, Milli, Micro, Nano };

/// Units per second for a time unit (1, 1e3, 1e6, 1e9).
int64_t units_per_second(TimeUnit unit);
const char* time_unit_suffix(TimeUnit unit);  // "s", "ms", "us", "ns"

struct Field;

/// A logical type: an id plus its parameters. Cheap to copy (nested types
/// share their children). Compare with ==.
class DataType {
 public:
  DataType() = default;  // Null
  explicit DataType(TypeId id) : id_(id) {}

  static DataType null() { return DataType(TypeId::Null); }
  static DataType boolean() { return DataType(TypeId::Bool); }
  static DataType int8() { return DataType(TypeId::Int8); }
  static DataType int16() { return DataType(TypeId::Int16); }
  static DataType int32() { return DataType(TypeId::Int32); }
  static DataType int64() { return DataType(TypeId::Int64); }
  static DataType uint8() { return DataType(TypeId::UInt8); }
  static DataType uint16() { return DataType(TypeId::UInt16); }
  static DataType uint32() { return DataType(TypeId::UInt32); }
  static DataType uint64() { return DataType(TypeId::UInt64); }
  static DataType float32() { return DataType(TypeId::Float32); }
  static DataType float64() { return DataType(TypeId::Float64); }
  static DataType decimal(int precision, int scale);
  static DataType string() { return DataType(TypeId::String); }
  static DataType binary() { return DataType(TypeId::Binary); }
  static DataType date() { return DataType(TypeId::Date); }
  static DataType time() { return DataType(TypeId::Time); }
  static DataType timestamp(TimeUnit unit = TimeUnit::Micro, std::string timezone = "");
  static DataType duration(TimeUnit unit = TimeUnit::Micro);
  static DataType categorical() { return DataType(TypeId::Categorical); }
  static DataType list(const DataType& child);
  static DataType structure(std::vector<Field> fields);

  TypeId id() const { return id_; }
  int precision() const { return precision_; }
  int scale() const { return scale_; }
  TimeUnit unit() const { return unit_; }
  const std::string& timezone() const { return timezone_; }
  const DataType& child() const;                // List only
  const std::vector<Field>& fields() const;     // Struct only

  bool is_integer() const;
  bool is_signed_integer() const;
  bool is_unsigned_integer() const;
  bool is_floating() const { return id_ == TypeId::Float32 || id_ == TypeId::Float64; }
  bool is_numeric() const { return is_integer() || is_floating() || id_ == TypeId::Decimal; }
  bool is_temporal() const;
  bool is_string_like() const { return id_ == TypeId::String || id_ == TypeId::Binary; }
  bool is_nested() const { return id_ == TypeId::List || id_ == TypeId::Struct; }
  /// Bytes per value for fixed-width types; 0 for Bool (bits), Null and nested.
  int byte_width() const;

  /// Polars-like short names: i64, f64, str, bool, date, datetime[us, UTC], ...
  std::string to_string() const;
  /// Parses the names produced by to_string() and common aliases
  /// ("int64", "double", "utf8", ...). Throws TypeError naming the input.
  static DataType parse(const std::string& name);

  bool operator==(const DataType& other) const;
  bool operator!=(const DataType& other) const { return !(*this == other); }

 private:
  TypeId id_ = TypeId::Null;
  int precision_ = 0;
  int scale_ = 0;
  TimeUnit unit_ = TimeUnit::Micro;
  std::string timezone_;
  std::shared_ptr<const std::vector<Field>> children_;  // list: 1 item; struct: fields
};

struct Field {
  std::string name;
  DataType type;
  bool nullable = true;
  bool operator==(const Field& other) const = default;
};

/// An ordered list of uniquely named fields.
class Schema {
 public:
  Schema() = default;
  explicit Schema(std::vector<Field> fields);

  const std::vector<Field>& fields() const { return fields_; }
  int64_t size() const { return static_cast<int64_t>(fields_.size()); }
  const Field& field(int64_t i) const { return fields_.at(static_cast<size_t>(i)); }
  std::optional<int64_t> index_of(const std::string& name) const;
  /// Index of `name`; throws SchemaError naming the closest existing column.
  int64_t require_index(const std::string& name) const;
  std::vector<std::string> names() const;
  std::string to_string() const;
  bool operator==(const Schema& other) const { return fields_ == other.fields_; }

 private:
  std::vector<Field> fields_;
};

/// The closest candidate to `name` by edit distance, or "" when none is close.
std::string closest_name(const std::string& name, const std::vector<std::string>& candidates);

/// A SchemaError for a missing column, with a "did you mean" hint.
[[noreturn]] void throw_column_not_found(const std::string& name,
                                         const std::vector<std::string>& candidates);

}  // namespace strata
