// DataFrameSchema -> JSON document (see schema_serialization.hpp).
#include <cmath>

#include "strata/validate/schema_serialization.hpp"

namespace strata {

namespace {

using Json = nlohmann::ordered_json;

// Numbers and bools as JSON numbers and bools; everything else (text,
// dates, datetimes, decimals, NaN and infinities) as text, which the
// reader parses back for the column's family.
Json literal_json(const Scalar& value) {
  const DataType& type = value.type();
  if (value.is_null()) return nullptr;
  if (type.id() == TypeId::Bool) return value.as_bool();
  if (type.is_signed_integer()) return value.as_int64();
  if (type.is_unsigned_integer()) return value.as_uint64();
  if (type.is_floating() && std::isfinite(value.as_double())) return value.as_double();
  if (type.id() == TypeId::String) return value.as_string();
  return value.to_string();
}

Json names_json(const std::vector<std::string>& names) {
  Json out = Json::array();
  for (const std::string& name : names) out.push_back(name);
  return out;
}

Json checks_json(const std::vector<CustomCheck>& checks) {
  Json out = Json::array();
  for (const CustomCheck& check : checks) out.push_back(check.name());
  return out;
}

Json column_json(const ColumnSchema& column) {
  Json out = Json::object();
  out["name"] = column.name();
  const TypeRequirement& type = column.type();
  if (type.exact_type()) {
    out["dtype"] = type.exact_type()->to_string();
  } else {
    out["type"] = type_family_name(type.family());
    if (type.unit()) out["unit"] = time_unit_suffix(*type.unit());
    if (type.timezone()) out["timezone"] = *type.timezone();
  }
  if (!column.required()) out["required"] = false;
  if (column.is_nullable()) out["nullable"] = true;
  if (column.is_unique()) out["unique"] = true;
  if (column.coerce_override()) out["coerce"] = *column.coerce_override();
  if (!column.description_text().empty()) out["description"] = column.description_text();
  if (const auto& lower = column.lower_bound()) out[lower->inclusive ? "ge" : "gt"] = literal_json(lower->value);
  if (const auto& upper = column.upper_bound()) out[upper->inclusive ? "le" : "lt"] = literal_json(upper->value);
  if (const auto& allowed = column.allowed_values()) {
    Json values = Json::array();
    for (const Scalar& value : *allowed) values.push_back(literal_json(value));
    out["isin"] = std::move(values);
  }
  if (column.pattern()) out["matches"] = *column.pattern();
  if (column.min_length_bound()) out["min_length"] = *column.min_length_bound();
  if (column.max_length_bound()) out["max_length"] = *column.max_length_bound();
  if (!column.checks().empty()) out["checks"] = checks_json(column.checks());
  return out;
}

}  // namespace

Json schema_to_json(const DataFrameSchema& schema) {
  Json out = Json::object();
  if (!schema.name().empty()) out["name"] = schema.name();
  if (!schema.description_text().empty()) out["description"] = schema.description_text();
  if (schema.extra_columns_mode() != ExtraColumns::Allow)
    out["extra_columns"] = extra_columns_name(schema.extra_columns_mode());
  if (schema.is_ordered()) out["ordered"] = true;
  if (schema.coerces()) out["coerce"] = true;
  if (schema.min_row_count()) out["min_rows"] = *schema.min_row_count();
  if (schema.max_row_count()) out["max_rows"] = *schema.max_row_count();
  if (!schema.unique_combinations().empty()) {
    Json combinations = Json::array();
    for (const auto& combination : schema.unique_combinations()) combinations.push_back(names_json(combination));
    out["unique"] = std::move(combinations);
  }
  if (!schema.checks().empty()) out["checks"] = checks_json(schema.checks());
  Json columns = Json::array();
  for (const ColumnSchema& column : schema.columns()) columns.push_back(column_json(column));
  out["columns"] = std::move(columns);
  return out;
}

}  // namespace strata
