#pragma once
// The type bridge, writing side: the Parquet schema elements a Strata
// schema is written as (see write_parquet_table in strata/io/parquet.hpp for
// the mapping), and the tree of written columns with their levels.
#include <string>
#include <vector>

#include "io/parquet/parquet_format.hpp"
#include "strata/core/types.hpp"

namespace strata::parquet {

struct WriteNode {
  enum class Kind { Leaf, Struct, List };
  Kind kind = Kind::Leaf;
  std::string name;
  DataType type;
  bool nullable = true;
  /// Definition level of this node when present and non-null.
  int definition_level = 0;
  /// List: repetition level of its repeated group (a new element).
  int repetition_level = 0;
  std::vector<WriteNode> children;  // Struct fields; List: one element
  int leaf_index = -1;
};

struct WriteLeaf {
  std::vector<std::string> path;
  SchemaElement element;  // physical type, length and annotations
  DataType type;          // the Strata type of its values
  int max_definition_level = 0;
  int max_repetition_level = 0;
  bool top_level = false;  // a flat top-level column
};

struct WriteSchema {
  std::vector<SchemaElement> elements;  // depth-first, root first
  std::vector<WriteNode> columns;
  std::vector<WriteLeaf> leaves;
};

/// Builds the Parquet schema for `schema`. Throws UnsupportedError for
/// types Parquet cannot store (none today; kept for future types).
WriteSchema build_write_schema(const Schema& schema);

/// Bytes of a FIXED_LEN_BYTE_ARRAY that holds any decimal of `precision`.
int decimal_byte_width(int precision);

}  // namespace strata::parquet
