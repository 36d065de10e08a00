#include "strata/validate/column_statistics.hpp"

#include <cmath>

namespace strata {

nlohmann::json scalar_json(const Scalar& value) {
  if (value.is_null()) return nullptr;
  const DataType& type = value.type();
  if (type.id() == TypeId::Bool) return value.as_bool();
  if (type.is_signed_integer()) return value.as_int64();
  if (type.is_unsigned_integer()) return value.as_uint64();
  if (type.is_floating() && std::isfinite(value.as_double())) return value.as_double();
  return value.to_string();
}

nlohmann::json ColumnStatistics::to_json() const {
  nlohmann::json out = {{"name", name},     {"type", type.to_string()}, {"count", count},
                        {"null_count", null_count}, {"min", scalar_json(min)}, {"max", scalar_json(max)}};
  out["mean"] = mean && std::isfinite(*mean) ? nlohmann::json(*mean) : nlohmann::json(nullptr);
  out["distinct_estimate"] = distinct_estimate ? nlohmann::json(*distinct_estimate) : nlohmann::json(nullptr);
  return out;
}

}  // namespace strata
