// Casts to and from String (and Binary -> String).
#include <charconv>
#include <cmath>

#include "compute/internal/cast_kernels.hpp"
#include "compute/internal/utf8.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/decimal.hpp"
#include "strata/core/temporal.hpp"
#include "strata/core/float_format.hpp"
#include "strata/core/type_dispatch.hpp"
#include "strata/core/value_parse.hpp"

namespace strata::compute::internal {

namespace {

template <typename Out, typename Parse>
Array parse_strings(const Array& input, const DataType& target, CastMode mode, Parse&& parse) {
  return convert_fixed_width<Out>(input, target, mode,
                                  [&](int64_t i, Out& out) { return parse(input.string_at(i), out); });
}

Array binary_to_string(const Array& input, CastMode mode) {
  const auto fails = [&](int64_t i) { return !utf8::is_valid(input.string_at(i)); };
  const int64_t first = first_valid_failure(input.validity_bits(), input.length(), fails);
  if (first < 0) return retype(input, DataType::string());
  if (mode == CastMode::Strict) throw_cast_failure(input, first, DataType::string(), "invalid UTF-8");
  auto data = std::make_shared<ArrayData>(input.data());
  data->type = DataType::string();
  data->validity = writable_validity(input.data().validity, input.length());
  for (int64_t i = first; i < input.length(); ++i)
    if (fails(i)) bitmap::clear(data->validity->data(), i);
  finish_validity(*data);
  return Array(std::move(data));
}

}  // namespace

Array cast_to_string(const Array& input) {
  const int64_t length = input.length();
  StringBuilder builder;
  builder.reserve(length);
  char buffer[64];
  visit_physical(input.type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    for (int64_t i = 0; i < length; ++i) {
      if (input.is_null(i)) {
        builder.append_null();
        continue;
      }
      if constexpr (std::is_same_v<T, BoolTag>) {
        builder.append(std::string_view(input.bool_at(i) ? "true" : "false"));
      } else if constexpr (std::is_floating_point_v<T>) {
        builder.append(format_float(input.values<T>()[i], buffer));
      } else if constexpr (std::is_integral_v<T>) {
        if (input.type().is_integer()) {
          auto result = std::to_chars(buffer, buffer + sizeof buffer, input.values<T>()[i]);
          builder.append(std::string_view(buffer, static_cast<size_t>(result.ptr - buffer)));
        } else {
          builder.append(std::string_view(input.value_to_string(i)));  // temporal types
        }
      } else {
        builder.append(std::string_view(input.value_to_string(i)));
      }
    }
  });
  return builder.finish();
}

Array cast_from_string(const Array& input, const DataType& target, CastMode mode) {
  switch (target.id()) {
    case TypeId::String: return binary_to_string(input, mode);
    case TypeId::Bool: {
      const Array bytes = parse_strings<uint8_t>(input, DataType::boolean(), mode, [](std::string_view text, uint8_t& out) {
        const auto value = parse_bool(text);
        out = value && *value;
        return value.has_value();
      });
      return bytes_to_bool(bytes);
    }
    case TypeId::Float32:
      return parse_strings<float>(input, target, mode, [](std::string_view text, float& out) {
        const auto value = parse_float32(text);
        out = value.value_or(0.0f);
        return value.has_value();
      });
    case TypeId::Float64:
      return parse_strings<double>(input, target, mode, [](std::string_view text, double& out) {
        const auto value = parse_float64(text);
        out = value.value_or(0.0);
        return value.has_value();
      });
    case TypeId::Decimal:
      return parse_strings<Int128>(input, target, mode, [&](std::string_view text, Int128& out) {
        const auto value = decimal::parse(text, target.precision(), target.scale());
        out = value.value_or(0);
        return value.has_value();
      });
    case TypeId::Date:
      return parse_strings<int32_t>(input, target, mode, [](std::string_view text, int32_t& out) {
        const auto value = temporal::parse_date(text);
        out = value.value_or(0);
        return value.has_value();
      });
    case TypeId::Time:
      return parse_strings<int64_t>(input, target, mode, [](std::string_view text, int64_t& out) {
        const auto value = temporal::parse_time(text);
        out = value.value_or(0);
        return value.has_value();
      });
    case TypeId::Timestamp:
      return parse_strings<int64_t>(input, target, mode, [&](std::string_view text, int64_t& out) {
        const auto value = temporal::parse_timestamp(text, target.unit());
        out = value.value_or(0);
        return value.has_value();
      });
    default:
      break;
  }
  if (!target.is_integer()) throw InternalError("string cast to unexpected type " + target.to_string());
  return visit_physical(target, [&](auto tag) -> Array {
    using Out = typename decltype(tag)::type;
    if constexpr (std::is_integral_v<Out>) {
      return parse_strings<Out>(input, target, mode, [](std::string_view text, Out& out) {
        const auto value = parse_integer<Out>(text);
        out = value.value_or(Out{});
        return value.has_value();
      });
    } else {
      throw InternalError("string cast to unexpected type " + target.to_string());
    }
  });
}

}  // namespace strata::compute::internal
