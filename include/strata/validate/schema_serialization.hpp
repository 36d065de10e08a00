#pragma once
// DataFrameSchemas as JSON or YAML documents. Both formats hold the same
// tree (docs/validation.md describes every key):
//
//   name: orders
//   extra_columns: reject        # allow (default) | reject | drop
//   ordered: false
//   coerce: true
//   min_rows: 1
//   max_rows: 10000000
//   unique: [[customer_id, order_id]]
//   checks: [shipped_after_created]          # names in a CheckRegistry
//   columns:
//     - name: order_id
//       type: integer                        # a family, or dtype: i32 for an exact type
//       unique: true
//     - name: amount
//       type: float
//       nullable: true
//       ge: 0
//     - name: created
//       type: datetime
//       unit: us
//       timezone: UTC
//       ge: "2020-01-01"
//
// Custom checks are stored by name only: files have no expression syntax.
// Register the checks in C++ (CheckRegistry::global().add(...)) before
// loading a file that names them.
#include <string>

#include <nlohmann/json.hpp>

#include "strata/validate/custom_check.hpp"
#include "strata/validate/dataframe_schema.hpp"

namespace strata {

/// The schema as a JSON document, keys in the order above (keys at their
/// defaults are left out).
nlohmann::ordered_json schema_to_json(const DataFrameSchema& schema);
/// Reads a schema document. InvalidInputError naming the key path (e.g.
/// "columns[2].ge") for unknown keys, wrong value types, unknown families
/// or types and unknown check names; definition errors as ColumnSchema's,
/// prefixed with the key path.
DataFrameSchema schema_from_json(const nlohmann::ordered_json& document,
                                 const CheckRegistry& registry = CheckRegistry::global());

/// The schema as YAML text, and back.
std::string schema_to_yaml(const DataFrameSchema& schema);
DataFrameSchema schema_from_yaml(const std::string& text, const CheckRegistry& registry = CheckRegistry::global());

/// Writes the schema to `path` atomically (a temporary file renamed), as
/// JSON for ".json" and YAML otherwise. IOError on failure.
void save_schema(const DataFrameSchema& schema, const std::string& path);
/// Reads a schema file, JSON for ".json" and YAML otherwise (YAML also
/// reads JSON). IOError when unreadable; see schema_from_json.
DataFrameSchema load_schema(const std::string& path, const CheckRegistry& registry = CheckRegistry::global());

}  // namespace strata
