#pragma once
// Writing side of levels: turns a Strata column into, for each Parquet leaf
// column, its repetition and definition levels and the dense non-null leaf
// values (the inverse of nested_assembly.hpp).
#include <cstdint>
#include <vector>

#include "io/parquet/writer_schema.hpp"
#include "strata/core/array.hpp"

namespace strata::parquet {

struct LeafWriteData {
  int64_t entries = 0;
  /// One level per entry; empty when the leaf's maximum level is 0, and for
  /// flat columns without nulls (every level is the maximum).
  std::vector<uint8_t> definition_levels;
  std::vector<uint8_t> repetition_levels;
  /// The non-null values of the leaf, densely (no validity).
  Array values;
  int64_t null_count = 0;  // entries without a value
};

/// Levels and values of every leaf under `column` for the rows of `array`
/// (in leaf order).
std::vector<LeafWriteData> build_leaf_write_data(const WriteNode& column, const Array& array,
                                                 const std::vector<WriteLeaf>& leaves);

/// The non-null values of a flat array, without validity.
Array compact_valid_values(const Array& array);

}  // namespace strata::parquet
