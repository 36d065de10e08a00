#include "io/parquet/schema_tree.hpp"

#include "io/parquet/parquet_error.hpp"

namespace strata::parquet {

namespace {

constexpr int kMaxSchemaDepth = 64;

struct RawNode {
  size_t index = 0;
  std::vector<RawNode> children;
  bool group = false;
};

RawNode parse_raw(const std::vector<SchemaElement>& schema, size_t& cursor, int depth) {
  if (depth > kMaxSchemaDepth)
    throw_corrupt("the schema nests deeper than " + std::to_string(kMaxSchemaDepth) + " levels");
  if (cursor >= schema.size()) throw_corrupt("the schema ends before all declared children were listed");
  RawNode node;
  node.index = cursor;
  const SchemaElement& element = schema[cursor++];
  if (element.num_children < 0)
    throw_corrupt("schema element '" + element.name + "' has " + std::to_string(element.num_children) + " children");
  node.group = depth == 0 || element.num_children > 0 || !element.type;
  if (!node.group) return node;
  if (static_cast<size_t>(element.num_children) > schema.size() - cursor)
    throw_corrupt("schema element '" + element.name + "' declares " + std::to_string(element.num_children) +
                  " children but only " + std::to_string(schema.size() - cursor) + " elements follow");
  node.children.reserve(static_cast<size_t>(element.num_children));
  for (int32_t i = 0; i < element.num_children; ++i) node.children.push_back(parse_raw(schema, cursor, depth + 1));
  return node;
}

bool is_list_annotated(const SchemaElement& element) {
  return element.logical_type.kind == LogicalType::Kind::List ||
         (element.converted_type && *element.converted_type == ConvertedType::List);
}

bool is_map_annotated(const SchemaElement& element) {
  return element.logical_type.kind == LogicalType::Kind::Map ||
         (element.converted_type &&
          (*element.converted_type == ConvertedType::Map || *element.converted_type == ConvertedType::MapKeyValue));
}

Repetition repetition_of(const SchemaElement& element) { return element.repetition.value_or(Repetition::Required); }

void summarize(ReadNode& node) {
  node.leaf_count = 0;
  node.first_leaf = -1;
  for (const ReadNode& child : node.children) {
    if (node.first_leaf < 0 && child.first_leaf >= 0) node.first_leaf = child.first_leaf;
    node.leaf_count += child.leaf_count;
    if (node.unsupported.empty()) node.unsupported = child.unsupported;
  }
}

class TreeBuilder {
 public:
  TreeBuilder(const FileMetaData& metadata, const TypeBridgeOptions& options, FileSchema& out)
      : schema_(metadata.schema), options_(options), out_(out) {}

  // Builds `raw` as if its repetition were `repetition`, below a parent at
  // definition/repetition levels (parent_def, parent_rep), with slots
  // defined by (slot_rep, slot_def).
  ReadNode build(const RawNode& raw, Repetition repetition, int parent_def, int parent_rep, int slot_rep,
                 int slot_def) {
    const SchemaElement& element = schema_[raw.index];
    path_.push_back(element.name);
    ReadNode node = build_inner(raw, repetition, parent_def, parent_rep, slot_rep, slot_def);
    path_.pop_back();
    return node;
  }

  int column = 0;
  bool at_top = false;

 private:
  // A list node without its element (levels as documented in schema_tree.hpp).
  static ReadNode list_node(const std::string& name, bool nullable, int def, int slot_rep, int slot_def,
                            int element_def, int element_rep) {
    ReadNode list;
    list.kind = ReadNode::Kind::List;
    list.name = name;
    list.nullable = nullable;
    list.definition_level = def;
    list.slot_repetition_level = slot_rep;
    list.slot_definition_level = slot_def;
    list.element_definition_level = element_def;
    list.element_repetition_level = element_rep;
    return list;
  }

  ReadNode build_inner(const RawNode& raw, Repetition repetition, int parent_def, int parent_rep, int slot_rep,
                       int slot_def) {
    const SchemaElement& element = schema_[raw.index];
    if (repetition == Repetition::Repeated) {
      // A repeated field outside a LIST: a list of required elements.
      const int def = parent_def + 1;
      const int rep = parent_rep + 1;
      ReadNode list = list_node(element.name, false, parent_def, slot_rep, slot_def, def, rep);
      at_top = false;
      list.children.push_back(build_inner(raw, Repetition::Required, def, rep, rep, def));
      list.children[0].name = "element";
      summarize(list);
      list.type = DataType::list(list.children[0].type);
      return list;
    }
    const int def = parent_def + (repetition == Repetition::Optional ? 1 : 0);
    if (!raw.group) return build_leaf(raw, def, parent_rep, slot_rep, slot_def, repetition == Repetition::Optional);
    at_top = false;
    if ((is_list_annotated(element) || is_map_annotated(element)) && raw.children.size() == 1 &&
        repetition_of(schema_[raw.children[0].index]) == Repetition::Repeated)
      return build_list(raw, def, parent_rep, slot_rep, slot_def, repetition == Repetition::Optional);
    ReadNode node;
    node.kind = ReadNode::Kind::Struct;
    node.name = element.name;
    node.nullable = repetition == Repetition::Optional;
    node.definition_level = def;
    node.slot_repetition_level = slot_rep;
    node.slot_definition_level = slot_def;
    std::vector<Field> fields;
    for (const RawNode& child : raw.children) {
      node.children.push_back(
          build(child, repetition_of(schema_[child.index]), def, parent_rep, slot_rep, slot_def));
      fields.push_back({node.children.back().name, node.children.back().type, node.children.back().nullable});
    }
    summarize(node);
    if (raw.children.empty()) node.unsupported = "an empty group '" + element.name + "' (a struct without fields)";
    else if (is_list_annotated(element) || element.logical_type.kind == LogicalType::Kind::Map ||
             element.converted_type == ConvertedType::Map)
      node.unsupported = "a malformed LIST or MAP group '" + element.name + "' (its single child must be repeated)";
    node.type = DataType::structure(std::move(fields));
    return node;
  }

  ReadNode build_list(const RawNode& raw, int def, int parent_rep, int slot_rep, int slot_def, bool nullable) {
    const SchemaElement& element = schema_[raw.index];
    const RawNode& repeated = raw.children[0];
    const SchemaElement& repeated_element = schema_[repeated.index];
    const int element_def = def + 1;
    const int element_rep = parent_rep + 1;
    ReadNode list = list_node(element.name, nullable, def, slot_rep, slot_def, element_def, element_rep);
    path_.push_back(repeated_element.name);
    const bool repeated_is_element =
        !repeated.group || repeated.children.size() != 1 || repeated_element.name == "array" ||
        repeated_element.name == element.name + "_tuple" || is_map_annotated(element);
    if (repeated_is_element) {
      list.children.push_back(build_inner(repeated, Repetition::Required, element_def, element_rep, element_rep, element_def));
    } else {
      const RawNode& item = repeated.children[0];
      list.children.push_back(build(item, repetition_of(schema_[item.index]), element_def, element_rep, element_rep,
                                    element_def));
    }
    path_.pop_back();
    list.children[0].name = "element";
    summarize(list);
    list.type = DataType::list(list.children[0].type);
    return list;
  }

  ReadNode build_leaf(const RawNode& raw, int def, int rep, int slot_rep, int slot_def, bool nullable) {
    const SchemaElement& element = schema_[raw.index];
    ReadNode leaf;
    leaf.kind = ReadNode::Kind::Leaf;
    leaf.name = element.name;
    leaf.nullable = nullable;
    leaf.definition_level = def;
    leaf.slot_repetition_level = slot_rep;
    leaf.slot_definition_level = slot_def;
    LeafTypeMapping mapping = map_leaf_type(element, options_);
    leaf.type = mapping.type;
    leaf.unsupported = mapping.unsupported;
    leaf.leaf_index = static_cast<int>(out_.leaves.size());
    leaf.first_leaf = leaf.leaf_index;
    leaf.leaf_count = 1;
    LeafDescriptor descriptor;
    descriptor.path = path_;
    for (size_t i = 0; i < path_.size(); ++i) descriptor.dotted_path += (i ? "." : "") + path_[i];
    descriptor.element_index = raw.index;
    descriptor.max_definition_level = def;
    descriptor.max_repetition_level = rep;
    descriptor.type = mapping.type;
    descriptor.top_level = at_top;
    descriptor.column = column;
    at_top = false;
    out_.leaves.push_back(std::move(descriptor));
    return leaf;
  }

  const std::vector<SchemaElement>& schema_;
  const TypeBridgeOptions& options_;
  FileSchema& out_;
  std::vector<std::string> path_;
};

void format_element(const std::vector<SchemaElement>& schema, const RawNode& node, int indent, std::string& out) {
  const SchemaElement& element = schema[node.index];
  out.append(static_cast<size_t>(indent) * 2, ' ');
  if (indent > 0) {
    const Repetition repetition = repetition_of(element);
    out += repetition == Repetition::Required ? "required " : repetition == Repetition::Optional ? "optional " : "repeated ";
  }
  if (node.group) {
    out += indent == 0 ? "message " : "group ";
    out += element.name;
  } else {
    std::string type = *element.type == PhysicalType::ByteArray ? "binary" : physical_type_name(*element.type);
    for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (*element.type == PhysicalType::FixedLenByteArray) type += "(" + std::to_string(element.type_length) + ")";
    out += type + " " + element.name;
  }
  if (element.logical_type.kind != LogicalType::Kind::None) out += " (" + logical_type_name(element.logical_type) + ")";
  else if (element.converted_type) out += " (" + converted_type_name(*element.converted_type) + ")";
  if (node.group) {
    out += " {\n";
    for (const RawNode& child : node.children) format_element(schema, child, indent + 1, out);
    out.append(static_cast<size_t>(indent) * 2, ' ');
    out += "}\n";
  } else {
    out += ";\n";
  }
}

}  // namespace

FileSchema build_file_schema(const FileMetaData& metadata, const TypeBridgeOptions& options) {
  size_t cursor = 0;
  const RawNode root = parse_raw(metadata.schema, cursor, 0);
  if (cursor != metadata.schema.size())
    throw_corrupt("the schema lists " + std::to_string(metadata.schema.size()) + " elements but its root covers " +
                  std::to_string(cursor));
  FileSchema out;
  TreeBuilder builder(metadata, options, out);
  std::vector<Field> fields;
  for (const RawNode& child : root.children) {
    builder.column = static_cast<int>(out.columns.size());
    builder.at_top = true;
    out.columns.push_back(builder.build(child, repetition_of(metadata.schema[child.index]), 0, 0, 0, 0));
    fields.push_back({out.columns.back().name, out.columns.back().type, out.columns.back().nullable});
  }
  out.schema = Schema(std::move(fields));
  return out;
}

void refresh_node_types(ReadNode& node, std::vector<LeafDescriptor>& leaves) {
  switch (node.kind) {
    case ReadNode::Kind::Leaf: node.type = leaves[static_cast<size_t>(node.leaf_index)].type; return;
    case ReadNode::Kind::List:
      refresh_node_types(node.children[0], leaves);
      node.type = DataType::list(node.children[0].type);
      return;
    case ReadNode::Kind::Struct: {
      std::vector<Field> fields;
      for (ReadNode& child : node.children) {
        refresh_node_types(child, leaves);
        fields.push_back({child.name, child.type, child.nullable});
      }
      node.type = DataType::structure(std::move(fields));
      return;
    }
  }
}

std::string format_parquet_schema(const FileMetaData& metadata) {
  size_t cursor = 0;
  const RawNode root = parse_raw(metadata.schema, cursor, 0);
  std::string out;
  format_element(metadata.schema, root, 0, out);
  return out;
}

}  // namespace strata::parquet
