#pragma once
// The "strata.schema" key/value entry that the writer stores so that a
// Strata schema survives a round trip through Parquet. Format (text, one
// line per top-level field after a version line):
//
//   strata.schema/1
//   <name>\t<nullable 0|1>\t<type>
//
// where <type> is DataType::to_string() for scalar types, list[<type>] for
// lists and struct[<name>:<nullable>:<type>,...] for structs; names are
// percent-encoded (bytes outside [A-Za-z0-9_.-]).
#include <optional>
#include <string>

#include "strata/core/types.hpp"

namespace strata::parquet {

inline constexpr const char* kStrataSchemaKey = "strata.schema";

std::string encode_strata_schema(const Schema& schema);
/// The decoded schema, or nullopt when the text is not a valid entry (an
/// unknown version or malformed text is ignored, not an error).
std::optional<Schema> decode_strata_schema(const std::string& text);

}  // namespace strata::parquet
