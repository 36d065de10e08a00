#include "io/csv/csv_column_builder.hpp"

#include "io/csv/csv_fixed_width_builder.hpp"
#include "io/csv/csv_string_builder.hpp"
#include "io/csv/csv_value_parsers.hpp"
#include "strata/core/error.hpp"

namespace strata::csv {

namespace {

template <typename Value, typename Parser>
std::unique_ptr<ColumnBuilder> fixed(const DataType& type, const ColumnParseContext& context,
                                     Parser parser = {}) {
  return std::make_unique<FixedWidthColumnBuilder<Value, Parser>>(type, parser, context);
}

}  // namespace

bool is_csv_readable_type(const DataType& type) {
  switch (type.id()) {
    case TypeId::Null:
    case TypeId::Duration:
    case TypeId::List:
    case TypeId::Struct: return false;
    default: return true;
  }
}

std::unique_ptr<ColumnBuilder> make_column_builder(const DataType& type, const ColumnParseContext& context) {
  switch (type.id()) {
    case TypeId::Bool: return fixed<bool, BoolParser>(type, context);
    case TypeId::Int8: return fixed<int8_t, IntegerParser<int8_t>>(type, context);
    case TypeId::Int16: return fixed<int16_t, IntegerParser<int16_t>>(type, context);
    case TypeId::Int32: return fixed<int32_t, IntegerParser<int32_t>>(type, context);
    case TypeId::Int64: return fixed<int64_t, IntegerParser<int64_t>>(type, context);
    case TypeId::UInt8: return fixed<uint8_t, IntegerParser<uint8_t>>(type, context);
    case TypeId::UInt16: return fixed<uint16_t, IntegerParser<uint16_t>>(type, context);
    case TypeId::UInt32: return fixed<uint32_t, IntegerParser<uint32_t>>(type, context);
    case TypeId::UInt64: return fixed<uint64_t, IntegerParser<uint64_t>>(type, context);
    case TypeId::Float32: return fixed<float, Float32Parser>(type, context);
    case TypeId::Float64: return fixed<double, Float64Parser>(type, context);
    case TypeId::Decimal:
      return fixed<Int128, DecimalParser>(type, context, DecimalParser{type.precision(), type.scale()});
    case TypeId::Date: return fixed<int32_t, DateParser>(type, context);
    case TypeId::Time: return fixed<int64_t, TimeParser>(type, context);
    case TypeId::Timestamp: return fixed<int64_t, TimestampParser>(type, context, TimestampParser{type.unit()});
    case TypeId::String:
    case TypeId::Binary:
    case TypeId::Categorical: return std::make_unique<StringColumnBuilder>(type, context);
    default:
      throw UnsupportedError("CSV cannot read columns of type " + type.to_string() +
                             ": read the column as str and convert it afterwards");
  }
}

}  // namespace strata::csv
