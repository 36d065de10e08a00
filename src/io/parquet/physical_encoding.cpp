#include "io/parquet/physical_encoding.hpp"

#include <cstring>

#include "strata/core/bitmap.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"

namespace strata::parquet {

namespace {

template <typename From, typename To, typename Fn>
void convert(PhysicalColumn& column, const Array& dense, Fn&& fn) {
  const int64_t n = dense.length();
  column.owned = Buffer::allocate(n * static_cast<int64_t>(sizeof(To)));
  const From* in = dense.values<From>();
  To* out = column.owned->as<To>();
  for (int64_t i = 0; i < n; ++i) out[i] = fn(in[i]);
  column.fixed = column.owned->data();
}

void big_endian(Int128 value, int width, uint8_t* out) {
  auto bits = static_cast<unsigned __int128>(value);
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<uint8_t>(bits);
    bits >>= 8;
  }
}

}  // namespace

PhysicalColumn to_physical(const Array& dense, const WriteLeaf& leaf) {
  PhysicalColumn column;
  column.type = *leaf.element.type;
  column.count = dense.length();
  column.source = dense;
  const DataType& type = leaf.type;
  const int64_t n = dense.length();
  switch (column.type) {
    case PhysicalType::Boolean: column.bits = n > 0 ? dense.bool_bits() : nullptr; return column;
    case PhysicalType::ByteArray:
      column.strings = type.id() == TypeId::Categorical ? decode_categorical(dense) : dense;
      return column;
    case PhysicalType::Int32:
      column.width = 4;
      switch (type.id()) {
        case TypeId::Null: return column;
        case TypeId::Int8: convert<int8_t, int32_t>(column, dense, [](int8_t v) { return int32_t{v}; }); break;
        case TypeId::Int16: convert<int16_t, int32_t>(column, dense, [](int16_t v) { return int32_t{v}; }); break;
        case TypeId::UInt8: convert<uint8_t, int32_t>(column, dense, [](uint8_t v) { return int32_t{v}; }); break;
        case TypeId::UInt16: convert<uint16_t, int32_t>(column, dense, [](uint16_t v) { return int32_t{v}; }); break;
        case TypeId::Decimal:
          convert<Int128, int32_t>(column, dense, [](Int128 v) { return static_cast<int32_t>(v); });
          break;
        default: column.fixed = n > 0 ? dense.data().values->data() : nullptr; break;  // i32, u32, date
      }
      return column;
    case PhysicalType::Int64:
      column.width = 8;
      if (type.id() == TypeId::Decimal) {
        convert<Int128, int64_t>(column, dense, [](Int128 v) { return static_cast<int64_t>(v); });
      } else if (type.id() == TypeId::Timestamp && type.unit() == TimeUnit::Second) {
        convert<int64_t, int64_t>(column, dense, [](int64_t v) {
          int64_t millis;
          if (__builtin_mul_overflow(v, int64_t{1000}, &millis))
            throw InvalidInputError("the timestamp " + std::to_string(v) +
                                    "s overflows Parquet's millisecond timestamps. Hint: cast the column to a "
                                    "date, or store it as i64");
          return millis;
        });
      } else {
        column.fixed = n > 0 ? dense.data().values->data() : nullptr;
      }
      return column;
    case PhysicalType::Float:
    case PhysicalType::Double:
      column.width = column.type == PhysicalType::Float ? 4 : 8;
      column.fixed = n > 0 ? dense.data().values->data() : nullptr;
      return column;
    case PhysicalType::FixedLenByteArray: {
      column.width = leaf.element.type_length;
      column.owned = Buffer::allocate(n * column.width);
      const Int128* in = dense.values<Int128>();
      for (int64_t i = 0; i < n; ++i) big_endian(in[i], column.width, column.owned->data() + i * column.width);
      column.fixed = column.owned->data();
      return column;
    }
    default: break;
  }
  throw InternalError("no physical encoding for " + type.to_string());
}

void encode_plain(const PhysicalColumn& column, int64_t begin, int64_t end, std::string& out) {
  const int64_t n = end - begin;
  if (n <= 0) return;
  switch (column.type) {
    case PhysicalType::Boolean: {
      const size_t at = out.size();
      out.resize(at + static_cast<size_t>(bitmap::bytes_for(n)), '\0');
      bitmap::copy_bits(column.bits, begin, reinterpret_cast<uint8_t*>(out.data() + at), 0, n);
      return;
    }
    case PhysicalType::ByteArray: {
      const Array& strings = column.strings;
      size_t total = 0;
      for (int64_t i = begin; i < end; ++i) total += 4 + strings.views()[i].size;
      size_t at = out.size();
      out.resize(at + total);
      char* target = out.data();
      for (int64_t i = begin; i < end; ++i) {
        const std::string_view text = strings.string_at(i);
        const auto length = static_cast<uint32_t>(text.size());
        std::memcpy(target + at, &length, 4);
        if (length > 0) std::memcpy(target + at + 4, text.data(), length);
        at += 4 + length;
      }
      return;
    }
    default:
      out.append(reinterpret_cast<const char*>(column.fixed) + begin * column.width,
                 static_cast<size_t>(n * column.width));
      return;
  }
}

std::string plain_value(const PhysicalColumn& column, int64_t i) {
  switch (column.type) {
    case PhysicalType::Boolean: return std::string(1, bitmap::get(column.bits, i) ? '\1' : '\0');
    case PhysicalType::ByteArray: return std::string(column.strings.string_at(i));
    default:
      return std::string(reinterpret_cast<const char*>(column.fixed) + i * column.width, static_cast<size_t>(column.width));
  }
}

}  // namespace strata::parquet
