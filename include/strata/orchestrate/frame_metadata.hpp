#pragma once
// The metadata recorded for every DataFrame an asset produces.
#include <cstdint>

#include "strata/core/scalar.hpp"
#include "strata/orchestrate/value.hpp"

namespace strata {

/// {"row_count", "column_count", "schema": [{"name", "type"}...],
///  "preview": {"columns": [...], "rows": [[...]...]}} with the first
/// `preview_rows` rows. Numbers and booleans stay JSON numbers and booleans,
/// NaN and infinities become strings, other types their display text.
Metadata describe_frame(const DataFrame& frame, int64_t preview_rows = 5);

/// Metadata for a plain JSON value: {"value_type", "preview"} (text cut to
/// 200 characters).
Metadata describe_json_value(const Json& value);

/// A cell as JSON (see describe_frame).
Json scalar_to_json(const Scalar& value);

/// The column types recorded by describe_frame, as CSV read dtypes.
std::map<std::string, DataType> schema_from_metadata(const Metadata& metadata);

}  // namespace strata
