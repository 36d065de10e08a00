#pragma once
// The type bridge, reading side: which Strata type a Parquet leaf column
// becomes (see the table in strata/io/parquet.hpp) and the conversion of
// decoded physical values into a Strata array of that type.
#include <cstdint>
#include <string>
#include <vector>

#include "io/parquet/parquet_format.hpp"
#include "io/parquet/physical_values.hpp"
#include "strata/core/array.hpp"
#include "strata/core/types.hpp"

namespace strata::parquet {

struct TypeBridgeOptions {
  TimeUnit int96_unit = TimeUnit::Nano;
  bool binary_as_string = false;
};

struct LeafTypeMapping {
  DataType type;
  /// Non-empty when Strata cannot read the column: what is unsupported.
  std::string unsupported;
};

/// The Strata type of a leaf column described by `element`.
LeafTypeMapping map_leaf_type(const SchemaElement& element, const TypeBridgeOptions& options);

/// Converts `values` (dense, decoded from a column described by `element`)
/// into an array of `type` without nulls, where `type` is what
/// map_leaf_type returned or Categorical for a string column. Shares the
/// value buffers where the layouts agree. Throws InvalidInputError for
/// values the type cannot hold (e.g. an INT96 timestamp out of range).
Array physical_to_array(PhysicalValues&& values, const SchemaElement& element, const DataType& type);

/// A categorical array from dense dictionary codes and the dictionary page's
/// decoded BYTE_ARRAY values. Falls back to re-encoding when the dictionary
/// holds a value twice (categories must be unique).
Array categorical_from_codes(std::vector<uint32_t>&& codes, PhysicalValues&& dictionary);

/// Whether a column read as `from` can be turned into `to` by adapt_leaf
/// (used to restore a Strata schema stored in the file).
bool can_adapt_leaf(const DataType& from, const DataType& to);
/// Turns an array read as one type into the stored Strata type: str -> cat,
/// datetime unit/time zone changes, i64 -> duration.
Array adapt_leaf(const Array& array, const DataType& to);

}  // namespace strata::parquet
