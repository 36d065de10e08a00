#include "strata/compute/type_promotion.hpp"

#include <algorithm>

namespace strata::compute {

namespace {

int integer_bits(const DataType& type) { return type.byte_width() * 8; }

DataType signed_of_bits(int bits) {
  switch (bits) {
    case 8: return DataType::int8();
    case 16: return DataType::int16();
    case 32: return DataType::int32();
    default: return DataType::int64();
  }
}

DataType integer_supertype(const DataType& a, const DataType& b) {
  if (a.is_signed_integer() == b.is_signed_integer())
    return integer_bits(a) >= integer_bits(b) ? a : b;
  const DataType& signed_type = a.is_signed_integer() ? a : b;
  const DataType& unsigned_type = a.is_signed_integer() ? b : a;
  if (integer_bits(signed_type) > integer_bits(unsigned_type)) return signed_type;
  if (integer_bits(unsigned_type) == 64) return DataType::float64();
  return signed_of_bits(integer_bits(unsigned_type) * 2);
}

// Float32 is enough when neither side needs more than a float's 24-bit
// mantissa: 32-bit floats and integers of at most 16 bits.
bool fits_float32(const DataType& type) {
  return type.id() == TypeId::Float32 || (type.is_integer() && integer_bits(type) <= 16);
}

DataType decimal_supertype(const DataType& a, const DataType& b) {
  const DataType left = a.is_integer() ? decimal_for_integer(a) : a;
  const DataType right = b.is_integer() ? decimal_for_integer(b) : b;
  const int scale = std::max(left.scale(), right.scale());
  const int integer_digits = std::max(left.precision() - left.scale(), right.precision() - right.scale());
  const int precision = std::min(38, integer_digits + scale);
  return DataType::decimal(precision, std::min(scale, precision));
}

}  // namespace

TimeUnit finer_unit(TimeUnit a, TimeUnit b) { return static_cast<uint8_t>(a) >= static_cast<uint8_t>(b) ? a : b; }

DataType decimal_for_integer(const DataType& type) {
  switch (type.id()) {
    case TypeId::Int8: case TypeId::UInt8: return DataType::decimal(3, 0);
    case TypeId::Int16: case TypeId::UInt16: return DataType::decimal(5, 0);
    case TypeId::Int32: case TypeId::UInt32: return DataType::decimal(10, 0);
    case TypeId::Int64: return DataType::decimal(19, 0);
    default: return DataType::decimal(20, 0);
  }
}

std::optional<DataType> numeric_supertype(const DataType& a, const DataType& b) {
  const bool a_ok = a.is_numeric() || a.id() == TypeId::Null;
  const bool b_ok = b.is_numeric() || b.id() == TypeId::Null;
  if (!a_ok || !b_ok) return std::nullopt;
  if (a.id() == TypeId::Null) return b;
  if (b.id() == TypeId::Null || a == b) return a;
  if (a.is_integer() && b.is_integer()) return integer_supertype(a, b);
  if (a.is_floating() || b.is_floating()) {
    if (fits_float32(a) && fits_float32(b)) return DataType::float32();
    return DataType::float64();
  }
  return decimal_supertype(a, b);  // decimal with decimal or integer
}

std::optional<DataType> common_supertype(const DataType& a, const DataType& b) {
  if (auto numeric = numeric_supertype(a, b)) return numeric;
  if (a.id() == TypeId::Null) return b;
  if (b.id() == TypeId::Null) return a;
  if (a == b) return a;
  const auto is_text = [](const DataType& t) { return t.id() == TypeId::String || t.id() == TypeId::Categorical; };
  if (is_text(a) && is_text(b)) return DataType::string();
  if (a.id() == TypeId::Date && b.id() == TypeId::Timestamp) return b;
  if (a.id() == TypeId::Timestamp && b.id() == TypeId::Date) return a;
  if (a.id() == TypeId::Timestamp && b.id() == TypeId::Timestamp && a.timezone() == b.timezone())
    return DataType::timestamp(finer_unit(a.unit(), b.unit()), a.timezone());
  if (a.id() == TypeId::Duration && b.id() == TypeId::Duration)
    return DataType::duration(finer_unit(a.unit(), b.unit()));
  return std::nullopt;
}

}  // namespace strata::compute
