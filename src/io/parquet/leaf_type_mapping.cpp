// The type bridge, reading side: which Strata type each Parquet leaf
// becomes (see the table in strata/io/parquet.hpp).
#include <optional>

#include "io/parquet/type_bridge.hpp"

namespace strata::parquet {

namespace {

using Kind = LogicalType::Kind;

TimeUnit to_time_unit(ParquetTimeUnit unit) {
  switch (unit) {
    case ParquetTimeUnit::Millis: return TimeUnit::Milli;
    case ParquetTimeUnit::Micros: return TimeUnit::Micro;
    case ParquetTimeUnit::Nanos: return TimeUnit::Nano;
  }
  return TimeUnit::Micro;
}

LeafTypeMapping unsupported(const std::string& what) { return {DataType::null(), what}; }

LeafTypeMapping decimal_type(int precision, int scale, PhysicalType physical, int32_t type_length) {
  if (precision > 38)
    return unsupported("DECIMAL(" + std::to_string(precision) + ", " + std::to_string(scale) +
                       ") columns: Strata decimals hold at most 38 digits");
  if (precision < 1 || scale < 0 || scale > precision)
    return unsupported("DECIMAL(" + std::to_string(precision) + ", " + std::to_string(scale) +
                       ") columns with an invalid precision/scale");
  if (physical == PhysicalType::Boolean || physical == PhysicalType::Float || physical == PhysicalType::Double ||
      physical == PhysicalType::Int96)
    return unsupported("DECIMAL stored as " + physical_type_name(physical));
  if (physical == PhysicalType::FixedLenByteArray && (type_length < 1 || type_length > 32))
    return unsupported("DECIMAL stored in FIXED_LEN_BYTE_ARRAY(" + std::to_string(type_length) + ")");
  return {DataType::decimal(precision, scale), ""};
}

DataType integer_type(int bits, bool is_signed) {
  switch (bits) {
    case 8: return is_signed ? DataType::int8() : DataType::uint8();
    case 16: return is_signed ? DataType::int16() : DataType::uint16();
    case 32: return is_signed ? DataType::int32() : DataType::uint32();
    default: return is_signed ? DataType::int64() : DataType::uint64();
  }
}

// The mapping from the logical type, when it decides.
std::optional<LeafTypeMapping> from_logical(const SchemaElement& element, PhysicalType physical,
                                            const TypeBridgeOptions& options) {
  const LogicalType& logical = element.logical_type;
  const bool is_int32 = physical == PhysicalType::Int32;
  const bool is_int64 = physical == PhysicalType::Int64;
  const bool is_bytes = physical == PhysicalType::ByteArray || physical == PhysicalType::FixedLenByteArray;
  switch (logical.kind) {
    case Kind::None:
    case Kind::Unrecognized:
    case Kind::Map:
    case Kind::List: return std::nullopt;
    case Kind::String:
    case Kind::Enum:
    case Kind::Json:
      if (physical == PhysicalType::ByteArray) return LeafTypeMapping{DataType::string(), ""};
      return std::nullopt;
    case Kind::Bson:
    case Kind::Geometry:
    case Kind::Geography:
      if (is_bytes) return LeafTypeMapping{DataType::binary(), ""};
      return std::nullopt;
    case Kind::Decimal:
      return decimal_type(logical.precision, logical.scale, physical, element.type_length);
    case Kind::Date:
      if (is_int32) return LeafTypeMapping{DataType::date(), ""};
      return std::nullopt;
    case Kind::Time:
      if ((is_int32 && logical.unit == ParquetTimeUnit::Millis) || (is_int64 && logical.unit != ParquetTimeUnit::Millis))
        return LeafTypeMapping{DataType::time(), ""};
      return unsupported("TIME with this unit stored as " + physical_type_name(physical));
    case Kind::Timestamp:
      if (is_int64)
        return LeafTypeMapping{DataType::timestamp(to_time_unit(logical.unit), logical.adjusted_to_utc ? "UTC" : ""), ""};
      return std::nullopt;
    case Kind::Integer: {
      const int bits = logical.bit_width;
      if (bits != 8 && bits != 16 && bits != 32 && bits != 64)
        return unsupported("INTEGER logical type of " + std::to_string(bits) + " bits");
      if ((is_int32 && bits <= 32) || (is_int64 && bits == 64)) return LeafTypeMapping{integer_type(bits, logical.is_signed), ""};
      return std::nullopt;
    }
    case Kind::Unknown: return LeafTypeMapping{DataType::null(), ""};
    case Kind::Uuid:
      if (physical == PhysicalType::FixedLenByteArray && element.type_length == 16)
        return LeafTypeMapping{DataType::string(), ""};
      return std::nullopt;
    case Kind::Float16:
      if (physical == PhysicalType::FixedLenByteArray && element.type_length == 2)
        return LeafTypeMapping{DataType::float32(), ""};
      return std::nullopt;
    case Kind::Variant: return unsupported("VARIANT columns");
  }
  (void)options;
  return std::nullopt;
}

std::optional<LeafTypeMapping> from_converted(const SchemaElement& element, PhysicalType physical) {
  if (!element.converted_type) return std::nullopt;
  const bool is_int32 = physical == PhysicalType::Int32;
  const bool is_int64 = physical == PhysicalType::Int64;
  switch (*element.converted_type) {
    case ConvertedType::Utf8:
    case ConvertedType::Enum:
    case ConvertedType::Json:
      if (physical == PhysicalType::ByteArray) return LeafTypeMapping{DataType::string(), ""};
      return std::nullopt;
    case ConvertedType::Bson:
      if (physical == PhysicalType::ByteArray || physical == PhysicalType::FixedLenByteArray)
        return LeafTypeMapping{DataType::binary(), ""};
      return std::nullopt;
    case ConvertedType::Decimal:
      return decimal_type(element.precision, element.scale, physical, element.type_length);
    case ConvertedType::Date:
      if (is_int32) return LeafTypeMapping{DataType::date(), ""};
      return std::nullopt;
    case ConvertedType::TimeMillis:
      if (is_int32) return LeafTypeMapping{DataType::time(), ""};
      return std::nullopt;
    case ConvertedType::TimeMicros:
      if (is_int64) return LeafTypeMapping{DataType::time(), ""};
      return std::nullopt;
    case ConvertedType::TimestampMillis:
    case ConvertedType::TimestampMicros:
      if (is_int64)
        return LeafTypeMapping{
            DataType::timestamp(*element.converted_type == ConvertedType::TimestampMillis ? TimeUnit::Milli : TimeUnit::Micro,
                                "UTC"),
            ""};
      return std::nullopt;
    case ConvertedType::Int8: if (is_int32) return LeafTypeMapping{DataType::int8(), ""}; return std::nullopt;
    case ConvertedType::Int16: if (is_int32) return LeafTypeMapping{DataType::int16(), ""}; return std::nullopt;
    case ConvertedType::Int32: if (is_int32) return LeafTypeMapping{DataType::int32(), ""}; return std::nullopt;
    case ConvertedType::Int64: if (is_int64) return LeafTypeMapping{DataType::int64(), ""}; return std::nullopt;
    case ConvertedType::Uint8: if (is_int32) return LeafTypeMapping{DataType::uint8(), ""}; return std::nullopt;
    case ConvertedType::Uint16: if (is_int32) return LeafTypeMapping{DataType::uint16(), ""}; return std::nullopt;
    case ConvertedType::Uint32: if (is_int32) return LeafTypeMapping{DataType::uint32(), ""}; return std::nullopt;
    case ConvertedType::Uint64: if (is_int64) return LeafTypeMapping{DataType::uint64(), ""}; return std::nullopt;
    case ConvertedType::Interval: return unsupported("INTERVAL columns");
    default: return std::nullopt;
  }
}

}  // namespace

LeafTypeMapping map_leaf_type(const SchemaElement& element, const TypeBridgeOptions& options) {
  if (!element.type) return unsupported("a leaf column without a physical type");
  const PhysicalType physical = *element.type;
  if (physical == PhysicalType::FixedLenByteArray && element.type_length <= 0)
    return unsupported("FIXED_LEN_BYTE_ARRAY with length " + std::to_string(element.type_length));
  if (auto mapped = from_logical(element, physical, options)) return *mapped;
  if (element.logical_type.kind == Kind::None || element.logical_type.kind == Kind::Unrecognized) {
    if (auto mapped = from_converted(element, physical)) return *mapped;
  }
  switch (physical) {
    case PhysicalType::Boolean: return {DataType::boolean(), ""};
    case PhysicalType::Int32: return {DataType::int32(), ""};
    case PhysicalType::Int64: return {DataType::int64(), ""};
    case PhysicalType::Int96: return {DataType::timestamp(options.int96_unit), ""};
    case PhysicalType::Float: return {DataType::float32(), ""};
    case PhysicalType::Double: return {DataType::float64(), ""};
    case PhysicalType::ByteArray:
    case PhysicalType::FixedLenByteArray:
      return {options.binary_as_string ? DataType::string() : DataType::binary(), ""};
  }
  // physical_type_name names a value outside the enumeration "physical type #N".
  return unsupported(physical_type_name(physical) + ", which no Parquet version defines (is the file corrupt?)");
}

}  // namespace strata::parquet
