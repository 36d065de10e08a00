#include "strata/core/array.hpp"

#include <cmath>
#include <cstdio>

#include "strata/core/builder.hpp"
#include "strata/core/decimal.hpp"
#include "strata/core/error.hpp"
#include "strata/core/float_format.hpp"
#include "strata/core/temporal.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata {

Array::Array() : data_(std::make_shared<ArrayData>()) {}

Array::Array(std::shared_ptr<const ArrayData> data) : data_(std::move(data)) {
  STRATA_CHECK(data_ != nullptr, "Array built from null ArrayData");
}

std::string_view Array::category_at(int64_t i) const {
  return Array(data_->dictionary).string_at(codes()[i]);
}

void finish_validity(ArrayData& data) {
  if (data.type.id() == TypeId::Null) {
    data.validity.reset();
    data.null_count = data.length;
    return;
  }
  if (!data.validity) {
    data.null_count = 0;
    return;
  }
  data.null_count = data.length - bitmap::count_set(data.validity->data(), data.length);
  if (data.null_count == 0) data.validity.reset();
}

Array make_null_array(const DataType& type, int64_t length) {
  auto data = std::make_shared<ArrayData>();
  data->type = type;
  data->length = length;
  data->null_count = length;
  if (type.id() == TypeId::Null) return Array(std::move(data));
  data->validity = bitmap::make_zeroed(length);
  if (type.id() == TypeId::Bool) {
    data->values = bitmap::make_zeroed(length);
  } else if (type.id() == TypeId::List) {
    data->values = Buffer::zeroed((length + 1) * 8);
    data->children.push_back(make_null_array(type.child(), 0).data_ptr());
  } else if (type.id() == TypeId::Struct) {
    data->values = Buffer::allocate(0);
    for (const auto& field : type.fields()) data->children.push_back(make_null_array(field.type, length).data_ptr());
  } else {
    data->values = Buffer::zeroed(length * type.byte_width());
    if (type.id() == TypeId::Categorical) data->dictionary = StringBuilder().finish().data_ptr();
  }
  if (length == 0) data->null_count = 0;
  return Array(std::move(data));
}

Array Array::slice(int64_t offset, int64_t length) const {
  if (offset < 0 || length < 0 || offset + length > this->length())
    throw InvalidInputError("slice [" + std::to_string(offset) + ", " + std::to_string(offset + length) +
                            ") out of bounds for length " + std::to_string(this->length()));
  if (offset == 0 && length == this->length()) return *this;
  auto data = std::make_shared<ArrayData>();
  data->type = type();
  data->length = length;
  data->dictionary = data_->dictionary;
  if (type().id() == TypeId::Null) {
    data->null_count = length;
    return Array(std::move(data));
  }
  if (data_->validity) {
    data->validity = bitmap::make_zeroed(length);
    bitmap::copy_bits(data_->validity->data(), offset, data->validity->data(), 0, length);
  }
  switch (type().id()) {
    case TypeId::Bool:
      data->values = bitmap::make_zeroed(length);
      bitmap::copy_bits(bool_bits(), offset, data->values->data(), 0, length);
      break;
    case TypeId::List: {
      const int64_t* src = list_offsets();
      data->values = Buffer::allocate((length + 1) * 8);
      for (int64_t i = 0; i <= length; ++i) data->values->as<int64_t>()[i] = src[offset + i] - src[offset];
      data->children.push_back(list_items().slice(src[offset], src[offset + length] - src[offset]).data_ptr());
      break;
    }
    case TypeId::Struct:
      data->values = Buffer::allocate(0);
      for (size_t f = 0; f < data_->children.size(); ++f)
        data->children.push_back(struct_field(static_cast<int64_t>(f)).slice(offset, length).data_ptr());
      break;
    default: {
      const int width = type().byte_width();
      data->values = Buffer::copy_of(data_->values->data() + offset * width, length * width);
      data->string_data = data_->string_data;
    }
  }
  finish_validity(*data);
  return Array(std::move(data));
}

std::string Array::value_to_string(int64_t i) const {
  if (is_null(i)) return "null";
  const DataType& t = type();
  switch (t.id()) {
    case TypeId::Null: return "null";
    case TypeId::Bool: return bool_at(i) ? "true" : "false";
    case TypeId::Int8: return std::to_string(values<int8_t>()[i]);
    case TypeId::Int16: return std::to_string(values<int16_t>()[i]);
    case TypeId::Int32: return std::to_string(values<int32_t>()[i]);
    case TypeId::Int64: return std::to_string(values<int64_t>()[i]);
    case TypeId::UInt8: return std::to_string(values<uint8_t>()[i]);
    case TypeId::UInt16: return std::to_string(values<uint16_t>()[i]);
    case TypeId::UInt32: return std::to_string(values<uint32_t>()[i]);
    case TypeId::UInt64: return std::to_string(values<uint64_t>()[i]);
    case TypeId::Float32: return format_float(values<float>()[i]);
    case TypeId::Float64: return format_float(values<double>()[i]);
    case TypeId::Decimal: return decimal::format(values<Int128>()[i], t.scale());
    case TypeId::String: return std::string(string_at(i));
    case TypeId::Binary: {
      std::string out = "b\"";
      for (unsigned char c : string_at(i)) {
        if (c >= 32 && c < 127 && c != '"' && c != '\\') {
          out += static_cast<char>(c);
        } else {
          char hex[8];
          std::snprintf(hex, sizeof hex, "\\x%02x", c);
          out += hex;
        }
      }
      return out + "\"";
    }
    case TypeId::Date: return temporal::format_date(values<int32_t>()[i]);
    case TypeId::Time: return temporal::format_time(values<int64_t>()[i]);
    case TypeId::Timestamp: {
      std::string out = temporal::format_timestamp(values<int64_t>()[i], t.unit());
      return t.timezone().empty() ? out : out + " " + t.timezone();
    }
    case TypeId::Duration: return temporal::format_duration(values<int64_t>()[i], t.unit());
    case TypeId::Categorical: return std::string(category_at(i));
    case TypeId::List: {
      const Array items = list_items();
      std::string out = "[";
      for (int64_t k = list_offsets()[i]; k < list_offsets()[i + 1]; ++k) {
        if (k != list_offsets()[i]) out += ", ";
        const bool quote = items.type().id() == TypeId::String && items.is_valid(k);
        if (quote) out += '"';
        out += items.value_to_string(k);
        if (quote) out += '"';
      }
      return out + "]";
    }
    case TypeId::Struct: {
      std::string out = "{";
      for (size_t f = 0; f < t.fields().size(); ++f) {
        if (f) out += ", ";
        out += t.fields()[f].name + ": " + struct_field(static_cast<int64_t>(f)).value_to_string(i);
      }
      return out + "}";
    }
  }
  return "?";
}

}  // namespace strata
