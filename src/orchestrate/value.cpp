#include "strata/orchestrate/value.hpp"

#include "strata/core/error.hpp"

namespace strata {

const char* value_kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::None: return "none";
    case ValueKind::Frame: return "DataFrame";
    case ValueKind::Json: return "json";
  }
  return "unknown";
}

const DataFrame& Value::frame() const {
  if (!is_frame())
    throw TypeError(std::string("expected a DataFrame value, got ") + value_kind_name(kind()) +
                    "; check the output type of the upstream asset or op");
  return std::get<DataFrame>(data_);
}

const Json& Value::json() const {
  if (!is_json())
    throw TypeError(std::string("expected a JSON value, got ") + value_kind_name(kind()) +
                    "; check the output type of the upstream asset or op");
  return std::get<Json>(data_);
}

}  // namespace strata
