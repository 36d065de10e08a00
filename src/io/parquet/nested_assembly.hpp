#pragma once
// Rebuilding Strata columns from decoded leaf column chunks: the validity
// of flat columns, and list offsets and struct/list validity from
// repetition and definition levels (see schema_tree.hpp for how levels map
// to slots).
#include <cstdint>
#include <vector>

#include "io/parquet/schema_tree.hpp"
#include "strata/core/array.hpp"

namespace strata::parquet {

/// A decoded leaf: its dense non-null values as a Strata array, plus levels
/// (nested) or validity (flat).
struct LeafData {
  Array dense;
  int64_t entries = 0;
  std::vector<uint8_t> definition_levels;
  std::vector<uint8_t> repetition_levels;
  BufferPtr validity;  // flat leaves: nullptr = no nulls
  int64_t null_count = 0;
};

/// Places dense values at the valid positions of a `length`-long array with
/// the given validity bitmap (nullptr = all valid).
Array spread_dense_values(const Array& dense, BufferPtr validity, int64_t length, int64_t null_count);

/// Builds the array of `node` from `leaves`, the decoded leaves of its
/// subtree in order (leaves[i] is leaf node.first_leaf + i). Throws InvalidInputError when the
/// levels are inconsistent with each other or the values.
Array assemble_column(const ReadNode& node, const std::vector<LeafData>& leaves);

}  // namespace strata::parquet
