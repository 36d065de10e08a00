#include "strata/compute/cast.hpp"

#include "compute/internal/cast_kernels.hpp"
#include "strata/compute/row_context.hpp"
#include "strata/core/builder.hpp"

namespace strata::compute {

namespace {

bool is_numeric_or_bool(const DataType& t) { return t.is_numeric() || t.id() == TypeId::Bool; }
bool is_temporal_type(const DataType& t) { return t.is_temporal(); }

// Conversions from String, also used for Categorical (via its strings).
bool string_converts_to(const DataType& to) {
  return is_numeric_or_bool(to) || to.id() == TypeId::String || to.id() == TypeId::Binary ||
         to.id() == TypeId::Categorical || to.id() == TypeId::Date || to.id() == TypeId::Time ||
         to.id() == TypeId::Timestamp;
}

bool temporal_converts(const DataType& from, const DataType& to) {
  if (from.is_temporal() && to.is_integer()) return true;
  if (from.is_integer() && to.is_temporal()) return true;
  switch (from.id()) {
    case TypeId::Date: return to.id() == TypeId::Timestamp;
    case TypeId::Timestamp:
      return to.id() == TypeId::Date || to.id() == TypeId::Time || to.id() == TypeId::Timestamp;
    case TypeId::Duration: return to.id() == TypeId::Duration;
    default: return false;
  }
}

}  // namespace

bool can_cast(const DataType& from, const DataType& to) {
  if (from == to || from.id() == TypeId::Null) return true;
  if (to.id() == TypeId::Null) return false;
  if (from.id() == TypeId::List && to.id() == TypeId::List) return can_cast(from.child(), to.child());
  if (from.is_nested() || to.is_nested()) return false;
  if (to.id() == TypeId::String || to.id() == TypeId::Categorical) return true;
  if (is_numeric_or_bool(from) && is_numeric_or_bool(to)) return true;
  if (from.id() == TypeId::String || from.id() == TypeId::Categorical) return string_converts_to(to);
  if (from.id() == TypeId::Binary) return false;  // only to String, handled above
  if (is_temporal_type(from) || is_temporal_type(to)) return temporal_converts(from, to);
  return false;
}

Array cast(const Array& input, const DataType& type, CastMode mode) {
  const DataType& from = input.type();
  if (from == type) return input;
  if (!can_cast(from, type))
    throw TypeError("cannot cast from " + from.to_string() + " to " + type.to_string() +
                    "; this conversion is not supported");
  if (from.id() == TypeId::Null) return make_null_array(type, input.length());
  if (from.id() == TypeId::Categorical) {
    const Array strings = decode_categorical(input);
    return type.id() == TypeId::String ? strings : cast(strings, type, mode);
  }
  if (type.id() == TypeId::Categorical) {
    return make_categorical(from.id() == TypeId::String ? input : cast(input, DataType::string(), mode));
  }
  if (from.id() == TypeId::List) {
    auto data = std::make_shared<ArrayData>(input.data());
    data->type = type;
    data->children = {cast(input.list_items(), type.child(), mode).data_ptr()};
    return Array(std::move(data));
  }
  if (type.id() == TypeId::String) {
    if (from.id() == TypeId::Binary) return internal::cast_from_string(input, type, mode);
    return internal::cast_to_string(input);
  }
  if (from.id() == TypeId::String) {
    if (type.id() == TypeId::Binary) return internal::retype(input, type);
    return internal::cast_from_string(input, type, mode);
  }
  if (is_numeric_or_bool(from) && is_numeric_or_bool(type)) return internal::cast_numeric(input, type, mode);
  return internal::cast_temporal(input, type, mode);
}

namespace internal {

void throw_cast_failure(const Array& input, int64_t row, const DataType& target, std::string_view reason) {
  const bool text = input.type().is_string_like();
  const std::string value = text ? "'" + input.value_to_string(row) + "'" : input.value_to_string(row);
  std::string message = "cannot cast value " + value + " at row " + std::to_string(reported_row(row)) +
                        " from " + input.type().to_string() + " to " + target.to_string();
  if (!reason.empty()) message += " (" + std::string(reason) + ")";
  throw ComputeError(message + "; use CastMode::NullOnFailure to turn such values into nulls");
}

Array bytes_to_bool(const Array& bytes) {
  const uint8_t* values = bytes.values<uint8_t>();
  BufferPtr bits = pack_bits(bytes.length(), [&](int64_t i) { return values[i] != 0; });
  return make_result(DataType::boolean(), bytes.length(), std::move(bits), bytes.data().validity);
}

Array retype(const Array& input, const DataType& type) {
  auto data = std::make_shared<ArrayData>(input.data());
  data->type = type;
  return Array(std::move(data));
}

}  // namespace internal

}  // namespace strata::compute
