#include "strata/orchestrate/frame_metadata.hpp"

#include <cmath>

#include "strata/core/error.hpp"

namespace strata {

Json scalar_to_json(const Scalar& value) {
  if (value.is_null()) return Json();
  const DataType& type = value.type();
  if (type.id() == TypeId::Bool) return Json(value.as_bool());
  if (type.is_signed_integer()) return Json(value.as_int64());
  if (type.is_unsigned_integer()) return Json(value.as_uint64());
  if (type.is_floating()) {
    double d = value.as_double();
    if (std::isfinite(d)) return Json(d);
  }
  return Json(value.to_string());
}

Metadata describe_frame(const DataFrame& frame, int64_t preview_rows) {
  Metadata metadata = Metadata::object();
  metadata["row_count"] = frame.height();
  metadata["column_count"] = frame.width();
  Json schema = Json::array();
  Json columns = Json::array();
  for (const Series& column : frame.columns()) {
    schema.push_back({{"name", column.name()}, {"type", column.type().to_string()}});
    columns.push_back(column.name());
  }
  metadata["schema"] = std::move(schema);
  Json rows = Json::array();
  DataFrame head = frame.head(preview_rows);
  for (int64_t row = 0; row < head.height(); ++row) {
    Json cells = Json::array();
    for (const Series& column : head.columns()) cells.push_back(scalar_to_json(column.get(row)));
    rows.push_back(std::move(cells));
  }
  metadata["preview"] = {{"columns", std::move(columns)}, {"rows", std::move(rows)}};
  return metadata;
}

Metadata describe_json_value(const Json& value) {
  std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (text.size() > 200) text = text.substr(0, 197) + "...";
  return {{"value_type", value.type_name()}, {"preview", text}};
}

std::map<std::string, DataType> schema_from_metadata(const Metadata& metadata) {
  std::map<std::string, DataType> types;
  if (!metadata.is_object() || !metadata.contains("schema") || !metadata["schema"].is_array()) return types;
  for (const Json& field : metadata["schema"]) {
    if (!field.contains("name") || !field.contains("type")) continue;
    try {
      types[field["name"].get<std::string>()] = DataType::parse(field["type"].get<std::string>());
    } catch (const Error&) {
      // A type this build cannot name is read by inference instead.
    }
  }
  return types;
}

}  // namespace strata
