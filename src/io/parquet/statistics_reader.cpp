#include "io/parquet/statistics_reader.hpp"

#include <cmath>
#include <cstring>
#include <string>

namespace strata::parquet {

namespace {

bool legacy_order_is_trustworthy(const SchemaElement& element, const DataType& type) {
  if (!element.type) return false;
  switch (*element.type) {
    case PhysicalType::Boolean:
    case PhysicalType::Int32:
    case PhysicalType::Int64:
    case PhysicalType::Float:
    case PhysicalType::Double: return !type.is_unsigned_integer();
    default: return false;
  }
}

template <typename T>
std::optional<T> load(const std::string& bytes) {
  if (bytes.size() != sizeof(T)) return std::nullopt;
  T value;
  std::memcpy(&value, bytes.data(), sizeof(T));
  return value;
}

std::optional<Int128> decimal_from_big_endian(const std::string& bytes) {
  if (bytes.empty() || bytes.size() > 16) return std::nullopt;
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  unsigned __int128 value = (p[0] & 0x80) ? ~static_cast<unsigned __int128>(0) : 0;
  for (size_t i = 0; i < bytes.size(); ++i) value = (value << 8) | p[i];
  return static_cast<Int128>(value);
}

std::optional<int64_t> physical_integer(const std::string& bytes, const SchemaElement& element) {
  if (element.type == PhysicalType::Int32) {
    if (auto v = load<int32_t>(bytes)) return *v;
    return std::nullopt;
  }
  if (element.type == PhysicalType::Int64) return load<int64_t>(bytes);
  return std::nullopt;
}

std::optional<Scalar> decode_value(const std::string& bytes, const SchemaElement& element, const DataType& type) {
  switch (type.id()) {
    case TypeId::Bool:
      if (bytes.size() != 1) return std::nullopt;
      return Scalar(type, bytes[0] != 0);
    case TypeId::Int8:
    case TypeId::Int16:
    case TypeId::Int32:
    case TypeId::Int64:
    case TypeId::Date:
      if (auto v = physical_integer(bytes, element)) return Scalar(type, *v);
      return std::nullopt;
    case TypeId::UInt8:
    case TypeId::UInt16:
    case TypeId::UInt32:
      if (auto v = load<uint32_t>(bytes)) return Scalar(type, uint64_t{*v});
      return std::nullopt;
    case TypeId::UInt64:
      if (auto v = load<uint64_t>(bytes)) return Scalar(type, *v);
      return std::nullopt;
    case TypeId::Float32:
      if (element.type == PhysicalType::FixedLenByteArray) return std::nullopt;  // FLOAT16: not decoded
      if (auto v = load<float>(bytes); v && !std::isnan(*v)) return Scalar(type, double{*v});
      return std::nullopt;
    case TypeId::Float64:
      if (auto v = load<double>(bytes); v && !std::isnan(*v)) return Scalar(type, *v);
      return std::nullopt;
    case TypeId::Time: {
      auto v = physical_integer(bytes, element);
      if (!v) return std::nullopt;
      const bool millis = element.type == PhysicalType::Int32;
      const bool micros = element.logical_type.kind == LogicalType::Kind::Time
                              ? element.logical_type.unit == ParquetTimeUnit::Micros
                              : element.converted_type == ConvertedType::TimeMicros;
      return Scalar(type, *v * (millis ? 1000000 : micros ? 1000 : 1));
    }
    case TypeId::Timestamp:
      if (element.type != PhysicalType::Int64) return std::nullopt;
      if (auto v = load<int64_t>(bytes)) return Scalar(type, *v);
      return std::nullopt;
    case TypeId::Decimal: {
      std::optional<Int128> v;
      if (element.type == PhysicalType::Int32 || element.type == PhysicalType::Int64) {
        if (auto i = physical_integer(bytes, element)) v = Int128{*i};
      } else {
        v = decimal_from_big_endian(bytes);
      }
      if (v) return Scalar(type, *v);
      return std::nullopt;
    }
    case TypeId::String:
    case TypeId::Binary:
    case TypeId::Categorical:
      if (element.logical_type.kind == LogicalType::Kind::Uuid) return std::nullopt;
      return Scalar(type.id() == TypeId::Categorical ? DataType::string() : type, bytes);
    default: return std::nullopt;
  }
}

int sign_of(auto difference) { return difference < 0 ? -1 : difference > 0 ? 1 : 0; }

}  // namespace

DecodedStatistics decode_statistics(const Statistics& stats, const SchemaElement& element, const DataType& type) {
  DecodedStatistics out;
  if (stats.null_count && *stats.null_count >= 0) out.null_count = stats.null_count;
  if (stats.distinct_count && *stats.distinct_count >= 0) out.distinct_count = stats.distinct_count;
  if (element.type == PhysicalType::Int96) return out;
  if (stats.min_value && stats.max_value) {
    out.min = decode_value(*stats.min_value, element, type);
    out.max = decode_value(*stats.max_value, element, type);
  } else if (stats.min && stats.max && legacy_order_is_trustworthy(element, type)) {
    out.min = decode_value(*stats.min, element, type);
    out.max = decode_value(*stats.max, element, type);
  }
  if (!out.min || !out.max) {
    out.min.reset();
    out.max.reset();
  }
  return out;
}

std::optional<int> compare_scalars(const Scalar& a, const Scalar& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  const DataType& ta = a.type();
  const DataType& tb = b.type();
  const bool a_text = ta.is_string_like() || ta.id() == TypeId::Categorical;
  const bool b_text = tb.is_string_like() || tb.id() == TypeId::Categorical;
  if (a_text || b_text) {
    if (!(a_text && b_text)) return std::nullopt;
    return sign_of(a.as_string().compare(b.as_string()));
  }
  if (ta.id() == TypeId::Bool || tb.id() == TypeId::Bool) {
    if (ta.id() != tb.id()) return std::nullopt;
    return sign_of(int{a.as_bool()} - int{b.as_bool()});
  }
  if (ta.id() == TypeId::Decimal || tb.id() == TypeId::Decimal) {
    if (ta.id() != tb.id() || ta.scale() != tb.scale()) return std::nullopt;
    const Int128 x = a.as_int128();
    const Int128 y = b.as_int128();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ta.is_temporal() || tb.is_temporal()) {
    if (ta.id() != tb.id()) return std::nullopt;
    Int128 x = a.as_int64();
    Int128 y = b.as_int64();
    if (ta.id() == TypeId::Timestamp || ta.id() == TypeId::Duration) {
      const int64_t ua = units_per_second(ta.unit());
      const int64_t ub = units_per_second(tb.unit());
      if (ua < ub) x *= ub / ua;
      else if (ub < ua) y *= ua / ub;
    }
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (!ta.is_numeric() || !tb.is_numeric()) return std::nullopt;
  if (ta.is_floating() || tb.is_floating()) {
    const double x = a.as_double();
    const double y = b.as_double();
    if (std::isnan(x) || std::isnan(y)) return std::nullopt;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const Int128 x = ta.is_unsigned_integer() ? Int128{a.as_uint64()} : Int128{a.as_int64()};
  const Int128 y = tb.is_unsigned_integer() ? Int128{b.as_uint64()} : Int128{b.as_int64()};
  return x < y ? -1 : x > y ? 1 : 0;
}

}  // namespace strata::parquet
