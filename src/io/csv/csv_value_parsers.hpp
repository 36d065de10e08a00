#pragma once
// One parser per column type, in the form FixedWidthColumnBuilder expects:
// `bool operator()(std::string_view text, Value& out) const`. All defer to
// the shared core parsers (value_parse.hpp, temporal.hpp, decimal.hpp).
#include <string_view>

#include "strata/core/decimal.hpp"
#include "strata/core/temporal.hpp"
#include "strata/core/value_parse.hpp"

namespace strata::csv {

template <typename T>
struct IntegerParser {
  bool operator()(std::string_view text, T& out) const {
    const auto value = parse_integer<T>(text);
    if (value) out = *value;
    return value.has_value();
  }
};

struct Float64Parser {
  bool operator()(std::string_view text, double& out) const {
    const auto value = parse_float64(text);
    if (value) out = *value;
    return value.has_value();
  }
};

struct Float32Parser {
  bool operator()(std::string_view text, float& out) const {
    const auto value = parse_float32(text);
    if (value) out = *value;
    return value.has_value();
  }
};

struct BoolParser {
  bool operator()(std::string_view text, bool& out) const {
    const auto value = parse_bool(text);
    if (value) out = *value;
    return value.has_value();
  }
};

struct DateParser {
  bool operator()(std::string_view text, int32_t& out) const {
    const auto value = temporal::parse_date(text);
    if (value) out = *value;
    return value.has_value();
  }
};

struct TimeParser {
  bool operator()(std::string_view text, int64_t& out) const {
    const auto value = temporal::parse_time(text);
    if (value) out = *value;
    return value.has_value();
  }
};

struct TimestampParser {
  TimeUnit unit = TimeUnit::Micro;
  bool operator()(std::string_view text, int64_t& out) const {
    const auto value = temporal::parse_timestamp(text, unit);
    if (value) out = *value;
    return value.has_value();
  }
};

struct DecimalParser {
  int precision = 38;
  int scale = 0;
  bool operator()(std::string_view text, Int128& out) const {
    const auto value = decimal::parse(text, precision, scale);
    if (value) out = *value;
    return value.has_value();
  }
};

}  // namespace strata::csv
