// The type bridge, reading side: decoded physical values turned into
// Strata arrays, mostly by sharing their buffers.
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_set>

#include "io/parquet/parquet_error.hpp"
#include "io/parquet/type_bridge.hpp"
#include "strata/core/bitmap.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/decimal.hpp"
#include "strata/core/string_view.hpp"

namespace strata::parquet {

namespace {

using Kind = LogicalType::Kind;

Array make_array(const DataType& type, int64_t length, BufferPtr values, std::vector<BufferPtr> string_data = {}) {
  auto data = std::make_shared<ArrayData>();
  data->type = type;
  data->length = length;
  data->values = std::move(values);
  data->string_data = std::move(string_data);
  return Array(std::move(data));
}

template <typename From, typename To, typename Fn>
Array convert_each(const PhysicalValues& values, const DataType& type, Fn&& fn) {
  const int64_t n = values.size();
  BufferPtr out = Buffer::allocate(n * static_cast<int64_t>(sizeof(To)));
  const uint8_t* in = values.data();
  To* target = out->as<To>();
  for (int64_t i = 0; i < n; ++i) {
    From value;
    std::memcpy(&value, in + i * static_cast<int64_t>(sizeof(From)), sizeof(From));
    target[i] = fn(value);
  }
  return make_array(type, n, std::move(out));
}

Int128 big_endian_to_int128(const uint8_t* bytes, int length) {
  // Sign-extend from the first byte; bytes beyond 16 must be pure sign
  // extension (checked by the caller).
  Int128 value = (length > 0 && (bytes[0] & 0x80)) ? Int128{-1} : Int128{0};
  for (int i = 0; i < length; ++i) value = static_cast<Int128>((static_cast<unsigned __int128>(value) << 8) | bytes[i]);
  return value;
}

Int128 decimal_from_bytes(const uint8_t* bytes, int length) {
  if (length > 16) {
    const uint8_t sign = (bytes[0] & 0x80) ? 0xff : 0x00;
    for (int i = 0; i < length - 16; ++i)
      if (bytes[i] != sign) throw_corrupt("a DECIMAL value does not fit in 128 bits");
    const bool negative = (bytes[length - 16] & 0x80) != 0;
    if (negative != (sign == 0xff)) throw_corrupt("a DECIMAL value does not fit in 128 bits");
    return big_endian_to_int128(bytes + length - 16, 16);
  }
  return big_endian_to_int128(bytes, length);
}

Array decimals(PhysicalValues& values, const DataType& type) {
  const int64_t n = values.size();
  BufferPtr out = Buffer::allocate(n * 16);
  Int128* target = out->as<Int128>();
  const uint8_t* in = values.data();
  switch (values.type()) {
    case PhysicalType::Int32:
      for (int64_t i = 0; i < n; ++i) {
        int32_t v;
        std::memcpy(&v, in + i * 4, 4);
        target[i] = v;
      }
      break;
    case PhysicalType::Int64:
      for (int64_t i = 0; i < n; ++i) {
        int64_t v;
        std::memcpy(&v, in + i * 8, 8);
        target[i] = v;
      }
      break;
    case PhysicalType::FixedLenByteArray: {
      const int width = values.value_width();
      for (int64_t i = 0; i < n; ++i) target[i] = decimal_from_bytes(in + i * width, width);
      break;
    }
    case PhysicalType::ByteArray: {
      const auto* views = reinterpret_cast<const StringView*>(in);
      const auto& buffers = values.data_buffers();
      for (int64_t i = 0; i < n; ++i) {
        const StringView& view = views[i];
        const uint8_t* bytes = view.is_inline() ? reinterpret_cast<const uint8_t*>(view.inlined)
                                                : buffers[view.ref.buffer_index]->data() + view.ref.offset;
        if (view.size > 32) throw_corrupt("a DECIMAL value has " + std::to_string(view.size) + " bytes");
        target[i] = decimal_from_bytes(bytes, static_cast<int>(view.size));
      }
      break;
    }
    default: throw InternalError("decimal from " + physical_type_name(values.type()));
  }
  // Values must fit the declared precision.
  const Int128 limit = decimal::max_for_precision(type.precision());
  for (int64_t i = 0; i < n; ++i)
    if (target[i] > limit || target[i] < -limit)
      throw_corrupt("a DECIMAL value has more digits than the column's precision " + std::to_string(type.precision()));
  return make_array(type, n, std::move(out));
}

float half_to_float(uint16_t half) {
  const uint32_t sign = (half >> 15) & 1;
  const int exponent = (half >> 10) & 0x1f;
  const uint32_t mantissa = half & 0x3ff;
  float magnitude;
  if (exponent == 0) magnitude = std::ldexp(static_cast<float>(mantissa), -24);
  else if (exponent == 31) magnitude = mantissa ? std::numeric_limits<float>::quiet_NaN() : std::numeric_limits<float>::infinity();
  else magnitude = std::ldexp(static_cast<float>(mantissa | 0x400), exponent - 25);
  return sign ? -magnitude : magnitude;
}

// INT96: nanoseconds within the day (8 bytes) and the Julian day (4 bytes).
// Like Spark and Arrow, the result is computed in 64-bit two's-complement
// arithmetic, so values outside the unit's range wrap around rather than
// failing (Spark itself writes such values for far-away dates).
Array int96_timestamps(const PhysicalValues& values, const DataType& type) {
  constexpr int64_t kJulianDayOfEpoch = 2440588;
  const int64_t units = units_per_second(type.unit());
  const auto units_per_day = static_cast<uint64_t>(units) * 86400;
  const int64_t nanos_per_unit = 1000000000 / units;
  return convert_each<std::array<uint8_t, 12>, int64_t>(values, type, [&](const std::array<uint8_t, 12>& raw) {
    int64_t nanos;
    int32_t julian_day;
    std::memcpy(&nanos, raw.data(), 8);
    std::memcpy(&julian_day, raw.data() + 8, 4);
    const auto days = static_cast<uint64_t>(int64_t{julian_day} - kJulianDayOfEpoch);
    const int64_t within_day = nanos / nanos_per_unit - (nanos % nanos_per_unit < 0);
    return static_cast<int64_t>(days * units_per_day + static_cast<uint64_t>(within_day));
  });
}

Array uuid_strings(const PhysicalValues& values) {
  static constexpr char kHex[] = "0123456789abcdef";
  StringBuilder builder;
  builder.reserve(values.size());
  char text[36];
  for (int64_t i = 0; i < values.size(); ++i) {
    const uint8_t* bytes = values.data() + i * 16;
    int at = 0;
    for (int b = 0; b < 16; ++b) {
      if (b == 4 || b == 6 || b == 8 || b == 10) text[at++] = '-';
      text[at++] = kHex[bytes[b] >> 4];
      text[at++] = kHex[bytes[b] & 15];
    }
    builder.append(std::string_view(text, 36));
  }
  return builder.finish();
}

// FIXED_LEN_BYTE_ARRAY values as binary/string views into the value buffer.
Array fixed_bytes_as_views(PhysicalValues& values, const DataType& type) {
  const int64_t n = values.size();
  const int width = values.value_width();
  BufferPtr bytes = values.finish_buffer();
  BufferPtr views = Buffer::allocate(n * 16);
  auto* out = views->as<StringView>();
  for (int64_t i = 0; i < n; ++i) {
    const std::string_view text(reinterpret_cast<const char*>(bytes->data()) + i * width, static_cast<size_t>(width));
    out[i] = width <= static_cast<int>(StringView::kInlineSize)
                 ? StringView::make_inline(text)
                 : StringView::make_ref(text, 0, static_cast<uint32_t>(i * width));
  }
  std::vector<BufferPtr> data;
  if (width > static_cast<int>(StringView::kInlineSize)) data.push_back(std::move(bytes));
  return make_array(type, n, std::move(views), std::move(data));
}

}  // namespace

namespace {

// Whether values of `physical` can become `type` (what map_leaf_type promises).
bool convertible(PhysicalType physical, const DataType& type) {
  switch (type.id()) {
    case TypeId::Null: return true;
    case TypeId::Bool: return physical == PhysicalType::Boolean;
    case TypeId::Int8:
    case TypeId::Int16:
    case TypeId::Int32:
    case TypeId::UInt8:
    case TypeId::UInt16:
    case TypeId::UInt32:
    case TypeId::Date: return physical == PhysicalType::Int32;
    case TypeId::Int64:
    case TypeId::UInt64: return physical == PhysicalType::Int64;
    case TypeId::Float32: return physical == PhysicalType::Float || physical == PhysicalType::FixedLenByteArray;
    case TypeId::Float64: return physical == PhysicalType::Double;
    case TypeId::Time: return physical == PhysicalType::Int32 || physical == PhysicalType::Int64;
    case TypeId::Timestamp: return physical == PhysicalType::Int64 || physical == PhysicalType::Int96;
    case TypeId::Decimal:
      return physical == PhysicalType::Int32 || physical == PhysicalType::Int64 ||
             physical == PhysicalType::ByteArray || physical == PhysicalType::FixedLenByteArray;
    case TypeId::String:
    case TypeId::Binary: return physical == PhysicalType::ByteArray || physical == PhysicalType::FixedLenByteArray;
    case TypeId::Categorical: return physical == PhysicalType::ByteArray;
    default: return false;
  }
}

}  // namespace

Array physical_to_array(PhysicalValues&& values, const SchemaElement& element, const DataType& type) {
  const int64_t n = values.size();
  const PhysicalType physical = values.type();
  if (!convertible(physical, type))
    throw InternalError("no conversion from Parquet " + physical_type_name(physical) + " to " + type.to_string());
  switch (type.id()) {
    case TypeId::Null: return make_null_array(type, n);
    case TypeId::Bool: return make_array(type, n, values.finish_buffer());
    case TypeId::Int8: return convert_each<int32_t, int8_t>(values, type, [](int32_t v) { return static_cast<int8_t>(v); });
    case TypeId::Int16: return convert_each<int32_t, int16_t>(values, type, [](int32_t v) { return static_cast<int16_t>(v); });
    case TypeId::UInt8: return convert_each<int32_t, uint8_t>(values, type, [](int32_t v) { return static_cast<uint8_t>(v); });
    case TypeId::UInt16: return convert_each<int32_t, uint16_t>(values, type, [](int32_t v) { return static_cast<uint16_t>(v); });
    case TypeId::Int32:
    case TypeId::UInt32:
    case TypeId::Date:
    case TypeId::Int64:
    case TypeId::UInt64:
    case TypeId::Float64: return make_array(type, n, values.finish_buffer());
    case TypeId::Float32:
      if (physical == PhysicalType::FixedLenByteArray)
        return convert_each<uint16_t, float>(values, type, [](uint16_t v) { return half_to_float(v); });
      return make_array(type, n, values.finish_buffer());
    case TypeId::Time:
      if (physical == PhysicalType::Int32)
        return convert_each<int32_t, int64_t>(values, type, [](int32_t v) { return int64_t{v} * 1000000; });
      if (element.logical_type.kind == Kind::Time ? element.logical_type.unit == ParquetTimeUnit::Micros
                                                  : element.converted_type == ConvertedType::TimeMicros)
        return convert_each<int64_t, int64_t>(values, type, [](int64_t v) {
          return static_cast<int64_t>(static_cast<uint64_t>(v) * 1000);
        });
      return make_array(type, n, values.finish_buffer());
    case TypeId::Timestamp:
      if (physical == PhysicalType::Int96) return int96_timestamps(values, type);
      return make_array(type, n, values.finish_buffer());
    case TypeId::Decimal: return decimals(values, type);
    case TypeId::String:
    case TypeId::Binary:
      if (physical == PhysicalType::FixedLenByteArray) {
        if (element.logical_type.kind == Kind::Uuid && type.id() == TypeId::String) return uuid_strings(values);
        return fixed_bytes_as_views(values, type);
      }
      {
        std::vector<BufferPtr> buffers = values.take_data_buffers();
        return make_array(type, n, values.finish_buffer(), std::move(buffers));
      }
    case TypeId::Categorical: {
      std::vector<BufferPtr> buffers = values.take_data_buffers();
      return make_categorical(make_array(DataType::string(), n, values.finish_buffer(), std::move(buffers)));
    }
    default: break;
  }
  throw InternalError("no conversion from Parquet " + physical_type_name(physical) + " to " + type.to_string());
}

Array categorical_from_codes(std::vector<uint32_t>&& codes, PhysicalValues&& dictionary) {
  const int64_t size = dictionary.size();
  std::vector<BufferPtr> buffers = dictionary.take_data_buffers();
  Array categories = make_array(DataType::string(), size, dictionary.finish_buffer(), std::move(buffers));
  std::unordered_set<std::string_view> seen;
  seen.reserve(static_cast<size_t>(size));
  bool unique = true;
  for (int64_t i = 0; i < size && unique; ++i) unique = seen.insert(categories.string_at(i)).second;
  const auto n = static_cast<int64_t>(codes.size());
  BufferPtr code_buffer = Buffer::copy_of(codes.data(), n * 4);
  auto data = std::make_shared<ArrayData>();
  data->type = DataType::categorical();
  data->length = n;
  data->values = std::move(code_buffer);
  data->dictionary = categories.data_ptr();
  Array result(std::move(data));
  if (unique) return result;
  return make_categorical(decode_categorical(result));
}

bool can_adapt_leaf(const DataType& from, const DataType& to) {
  if (from == to) return true;
  switch (to.id()) {
    case TypeId::Categorical: return from.id() == TypeId::String;
    case TypeId::Timestamp: return from.id() == TypeId::Timestamp;
    case TypeId::Duration: return from.id() == TypeId::Int64;
    default: return false;
  }
}

Array adapt_leaf(const Array& array, const DataType& to) {
  const DataType& from = array.type();
  if (from == to) return array;
  if (to.id() == TypeId::Categorical) return make_categorical(array);
  auto data = std::make_shared<ArrayData>(array.data());
  data->type = to;
  if (to.id() == TypeId::Timestamp && from.unit() != to.unit()) {
    const int64_t from_units = units_per_second(from.unit());
    const int64_t to_units = units_per_second(to.unit());
    BufferPtr out = Buffer::allocate(array.length() * 8);
    const int64_t* in = array.values<int64_t>();
    int64_t* target = out->as<int64_t>();
    for (int64_t i = 0; i < array.length(); ++i) {
      if (to_units < from_units) {
        const int64_t divisor = from_units / to_units;
        target[i] = in[i] / divisor - ((in[i] % divisor != 0) && in[i] < 0);
      } else {
        target[i] = static_cast<int64_t>(static_cast<uint64_t>(in[i]) * static_cast<uint64_t>(to_units / from_units));
      }
    }
    data->values = std::move(out);
  }
  return Array(std::move(data));
}

}  // namespace strata::parquet
