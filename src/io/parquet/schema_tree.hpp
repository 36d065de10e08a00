#pragma once
// The file schema as Strata reads it: Parquet's flat, depth-first list of
// schema elements turned into a tree of Strata columns (leaves, structs and
// lists), each annotated with the repetition/definition levels that
// nested_assembly.hpp needs to rebuild it from its leaves' level streams.
//
// Levels. Walking from the root, every OPTIONAL or REPEATED element adds one
// to the definition level and every REPEATED element one to the repetition
// level. For a node N of the Strata tree:
//   - a level entry (d, r) of N's first leaf starts a new slot (a value of
//     N, null or not) when r <= N.slot_repetition_level and
//     d >= N.slot_definition_level;
//   - that value is non-null when d >= N.definition_level;
//   - for lists, an entry with d >= element_definition_level adds an
//     element, and entries with r == element_repetition_level continue the
//     current list.
//
// Lists. A LIST-annotated group holds one REPEATED child. Per the format's
// backward-compatibility rules: a repeated primitive is the element itself;
// a repeated group with several children, or named "array" or
// "<list name>_tuple", is the element (a struct); otherwise the repeated
// group's single child is the element (the standard three-level layout).
// MAP groups become list<struct<key, value>>. A REPEATED field outside a
// LIST is a list of required elements.
#include <string>
#include <vector>

#include "io/parquet/parquet_format.hpp"
#include "io/parquet/type_bridge.hpp"
#include "strata/core/types.hpp"

namespace strata::parquet {

struct ReadNode {
  enum class Kind { Leaf, Struct, List };
  Kind kind = Kind::Leaf;
  std::string name;
  DataType type;
  bool nullable = true;
  int definition_level = 0;
  int slot_repetition_level = 0;
  int slot_definition_level = 0;
  int element_definition_level = 0;  // List only
  int element_repetition_level = 0;  // List only
  std::vector<ReadNode> children;    // Struct fields; List: one element
  int leaf_index = -1;               // Leaf: index of its column chunk
  int first_leaf = -1;               // first leaf of the subtree
  int leaf_count = 0;
  /// Non-empty when the subtree cannot be read: what is unsupported.
  std::string unsupported;
};

struct LeafDescriptor {
  std::vector<std::string> path;
  std::string dotted_path;
  size_t element_index = 0;  // into FileMetaData::schema
  int max_definition_level = 0;
  int max_repetition_level = 0;
  DataType type;            // target Strata type of the leaf values
  bool top_level = false;   // a top-level column without nesting
  int column = 0;           // index of its top-level column
};

struct FileSchema {
  std::vector<ReadNode> columns;
  std::vector<LeafDescriptor> leaves;  // in column chunk order
  Schema schema;
};

/// Builds the read tree. Throws InvalidInputError for malformed schemas
/// (bad child counts, nesting deeper than 64 levels, duplicate names).
/// Leaves Strata cannot read are marked `unsupported`, not refused, so that
/// other columns stay readable.
FileSchema build_file_schema(const FileMetaData& metadata, const TypeBridgeOptions& options);

/// Re-derives the Strata types of inner nodes after leaf types changed.
void refresh_node_types(ReadNode& node, std::vector<LeafDescriptor>& leaves);

/// The Parquet schema in the conventional text form, for display.
std::string format_parquet_schema(const FileMetaData& metadata);

}  // namespace strata::parquet
