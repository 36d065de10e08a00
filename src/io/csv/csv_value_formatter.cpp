#include "io/csv/csv_value_formatter.hpp"

#include <charconv>
#include <cmath>

#include "strata/core/decimal.hpp"
#include "strata/core/error.hpp"
#include "strata/core/float_format.hpp"
#include "strata/core/temporal.hpp"

namespace strata::csv {

namespace {

template <typename T>
void append_floating(T value, std::string& out) {
  char buffer[kFloatTextCapacity];
  out += format_float(value, buffer);
}

template <typename T>
void append_integer(T value, std::string& out) {
  char buffer[48];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

std::string iso_timestamp(int64_t value, const DataType& type) {
  std::string text = temporal::format_timestamp(value, type.unit());
  const size_t space = text.find(' ');
  if (space != std::string::npos) text[space] = 'T';
  if (!type.timezone().empty()) text += 'Z';
  return text;
}

// Calls append(i) for each valid row, recording ends and nulls.
template <typename Append>
void format_rows(const Array& array, int64_t begin, int64_t end, FormattedColumn& out, Append&& append) {
  out.ends.reserve(out.ends.size() + static_cast<size_t>(end - begin));
  out.null.reserve(out.null.size() + static_cast<size_t>(end - begin));
  for (int64_t i = begin; i < end; ++i) {
    const bool valid = array.is_valid(i);
    if (valid) append(i);
    out.ends.push_back(out.text.size());
    out.null.push_back(valid ? 0 : 1);
  }
}

}  // namespace

void append_float(double value, std::string& out) { append_floating(value, out); }
void append_float(float value, std::string& out) { append_floating(value, out); }

void format_column(const Array& array, int64_t begin, int64_t end, const std::string& column_name,
                   FormattedColumn& out) {
  std::string& text = out.text;
  const DataType& type = array.type();
  switch (type.id()) {
    case TypeId::Null:
      for (int64_t i = begin; i < end; ++i) {
        out.ends.push_back(out.text.size());
        out.null.push_back(1);
      }
      return;
    case TypeId::Bool:
      return format_rows(array, begin, end, out, [&](int64_t i) { text += array.bool_at(i) ? "true" : "false"; });
    case TypeId::Int8: return format_rows(array, begin, end, out, [&](int64_t i) { append_integer(array.values<int8_t>()[i], text); });
    case TypeId::Int16: return format_rows(array, begin, end, out, [&](int64_t i) { append_integer(array.values<int16_t>()[i], text); });
    case TypeId::Int32: return format_rows(array, begin, end, out, [&](int64_t i) { append_integer(array.values<int32_t>()[i], text); });
    case TypeId::Int64: return format_rows(array, begin, end, out, [&](int64_t i) { append_integer(array.values<int64_t>()[i], text); });
    case TypeId::UInt8: return format_rows(array, begin, end, out, [&](int64_t i) { append_integer(array.values<uint8_t>()[i], text); });
    case TypeId::UInt16: return format_rows(array, begin, end, out, [&](int64_t i) { append_integer(array.values<uint16_t>()[i], text); });
    case TypeId::UInt32: return format_rows(array, begin, end, out, [&](int64_t i) { append_integer(array.values<uint32_t>()[i], text); });
    case TypeId::UInt64: return format_rows(array, begin, end, out, [&](int64_t i) { append_integer(array.values<uint64_t>()[i], text); });
    case TypeId::Float32: return format_rows(array, begin, end, out, [&](int64_t i) { append_float(array.values<float>()[i], text); });
    case TypeId::Float64: return format_rows(array, begin, end, out, [&](int64_t i) { append_float(array.values<double>()[i], text); });
    case TypeId::Decimal:
      return format_rows(array, begin, end, out,
                         [&](int64_t i) { text += decimal::format(array.values<Int128>()[i], type.scale()); });
    case TypeId::Date:
      return format_rows(array, begin, end, out, [&](int64_t i) { text += temporal::format_date(array.values<int32_t>()[i]); });
    case TypeId::Time:
      return format_rows(array, begin, end, out, [&](int64_t i) { text += temporal::format_time(array.values<int64_t>()[i]); });
    case TypeId::Timestamp:
      return format_rows(array, begin, end, out, [&](int64_t i) { text += iso_timestamp(array.values<int64_t>()[i], type); });
    case TypeId::Duration:
      return format_rows(array, begin, end, out,
                         [&](int64_t i) { text += temporal::format_duration(array.values<int64_t>()[i], type.unit()); });
    case TypeId::String:
    case TypeId::Binary:
      return format_rows(array, begin, end, out, [&](int64_t i) { text += array.string_at(i); });
    case TypeId::Categorical:
      return format_rows(array, begin, end, out, [&](int64_t i) { text += array.category_at(i); });
    case TypeId::List:
    case TypeId::Struct:
      throw UnsupportedError("CSV cannot hold nested values: column '" + column_name + "' has type " +
                             type.to_string() + ". Hint: drop the column or convert it to str first");
  }
  throw InternalError("format_column: unknown type");
}

}  // namespace strata::csv
