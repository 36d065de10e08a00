#include "io/csv/csv_type_inference.hpp"

#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/temporal.hpp"
#include "strata/core/value_parse.hpp"

namespace strata::csv {

InferredKind classify_value(std::string_view text, bool try_parse_dates) {
  if (parse_int64(text)) return InferredKind::Int;
  if (parse_float64(text)) return InferredKind::Float;
  if (parse_bool(text)) return InferredKind::Bool;
  if (try_parse_dates && !text.empty() && text[0] >= '0' && text[0] <= '9') {
    if (temporal::parse_date(text)) return InferredKind::Date;
    if (temporal::parse_timestamp(text, TimeUnit::Micro)) return InferredKind::Timestamp;
    if (temporal::parse_time(text)) return InferredKind::Time;  // HH:MM[:SS[.fraction]]
  }
  return InferredKind::String;
}

InferredKind join_kinds(InferredKind a, InferredKind b) {
  if (a == b || b == InferredKind::Null) return a;
  if (a == InferredKind::Null) return b;
  const auto is = [&](InferredKind x, InferredKind y) {
    return (a == x && b == y) || (a == y && b == x);
  };
  if (is(InferredKind::Int, InferredKind::Float)) return InferredKind::Float;
  if (is(InferredKind::Date, InferredKind::Timestamp)) return InferredKind::Timestamp;
  return InferredKind::String;
}

DataType kind_type(InferredKind kind) {
  switch (kind) {
    case InferredKind::Bool: return DataType::boolean();
    case InferredKind::Int: return DataType::int64();
    case InferredKind::Float: return DataType::float64();
    case InferredKind::Date: return DataType::date();
    case InferredKind::Timestamp: return DataType::timestamp(TimeUnit::Micro);
    case InferredKind::Time: return DataType::time();
    case InferredKind::Null:
    case InferredKind::String: return DataType::string();
  }
  return DataType::string();
}

bool widens_exactly(InferredKind from, InferredKind to) {
  return from == to || (from == InferredKind::Int && to == InferredKind::Float) ||
         (from == InferredKind::Date && to == InferredKind::Timestamp);
}

namespace {

template <typename From, typename To, typename Convert>
Array convert_values(const Array& array, DataType type, Convert convert) {
  FixedWidthBuilder<To> builder(std::move(type));
  builder.reserve(array.length());
  const From* values = array.values<From>();
  if (array.null_count() == 0) {
    for (int64_t i = 0; i < array.length(); ++i) builder.append(convert(values[i]));
  } else {
    for (int64_t i = 0; i < array.length(); ++i) {
      if (array.is_valid(i)) builder.append(convert(values[i]));
      else builder.append_null();
    }
  }
  return builder.finish();
}

}  // namespace

Array widen_array(const Array& array, InferredKind from, InferredKind to) {
  if (from == to) return array;
  if (from == InferredKind::Int && to == InferredKind::Float)
    return convert_values<int64_t, double>(array, DataType::float64(),
                                           [](int64_t v) { return static_cast<double>(v); });
  if (from == InferredKind::Date && to == InferredKind::Timestamp)
    return convert_values<int32_t, int64_t>(array, DataType::timestamp(TimeUnit::Micro),
                                            [](int32_t days) { return int64_t{days} * 86'400'000'000LL; });
  throw InternalError("CSV inference: no exact widening between these kinds");
}

}  // namespace strata::csv
