// Schemas as YAML text and as files; YAML is read into the same JSON tree
// that schema_from_json reads, so both formats share one reader.
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "io/csv/atomic_file_writer.hpp"
#include "strata/core/error.hpp"
#include "strata/core/value_parse.hpp"
#include "strata/validate/schema_serialization.hpp"

namespace strata {

namespace {

using Json = nlohmann::ordered_json;

bool looks_numeric(std::string_view text) {
  if (text.empty()) return false;
  const char first = text[0];
  return (first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.';
}

// A plain (unquoted) YAML scalar: YAML 1.2 core schema booleans, nulls,
// integers and floats; anything else is text.
Json plain_scalar(const std::string& text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  if (text.empty() || text == "null" || text == "Null" || text == "NULL" || text == "~") return nullptr;
  if (looks_numeric(text)) {
    if (auto integer = parse_int64(text)) return *integer;
    if (auto number = parse_float64(text)) return *number;
  }
  return text;
}

Json yaml_to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: return nullptr;
    case YAML::NodeType::Scalar:
      // yaml-cpp tags quoted scalars "!": they stay text.
      return node.Tag() == "!" ? Json(node.Scalar()) : plain_scalar(node.Scalar());
    case YAML::NodeType::Sequence: {
      Json out = Json::array();
      for (const YAML::Node& item : node) out.push_back(yaml_to_json(item));
      return out;
    }
    case YAML::NodeType::Map: {
      Json out = Json::object();
      for (const auto& entry : node) {
        if (!entry.first.IsScalar())
          throw InvalidInputError("schema YAML, line " + std::to_string(entry.first.Mark().line + 1) +
                                  ": mapping keys must be plain text");
        out[entry.first.Scalar()] = yaml_to_json(entry.second);
      }
      return out;
    }
  }
  return nullptr;
}

bool is_scalar_list(const Json& node) {
  return node.is_array() && std::all_of(node.begin(), node.end(), [](const Json& item) { return item.is_primitive(); });
}

void emit(YAML::Emitter& out, const Json& node) {
  if (node.is_object()) {
    out << YAML::BeginMap;
    for (const auto& entry : node.items()) {
      out << YAML::Key << entry.key() << YAML::Value;
      emit(out, entry.value());
    }
    out << YAML::EndMap;
  } else if (node.is_array()) {
    // Short lists of values on one line ([a, b]), columns one per block.
    out << (is_scalar_list(node) ? YAML::Flow : YAML::Block) << YAML::BeginSeq;
    for (const Json& item : node) emit(out, item);
    out << YAML::EndSeq;
  } else if (node.is_string()) {
    // Text that would read back as a number, bool or null is quoted.
    const auto& text = node.get_ref<const std::string&>();
    if (!plain_scalar(text).is_string()) out << YAML::DoubleQuoted;
    out << text;
  } else if (node.is_boolean()) {
    out << (node.get<bool>() ? "true" : "false");
  } else if (node.is_null()) {
    out << YAML::Null;
  } else {
    out << node.dump();  // numbers exactly as JSON writes them
  }
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::string schema_to_yaml(const DataFrameSchema& schema) {
  YAML::Emitter out;
  emit(out, schema_to_json(schema));
  return std::string(out.c_str()) + "\n";
}

DataFrameSchema schema_from_yaml(const std::string& text, const CheckRegistry& registry) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& error) {
    throw InvalidInputError("schema YAML is not valid: line " + std::to_string(error.mark.line + 1) + ", column " +
                            std::to_string(error.mark.column + 1) + ": " + error.msg);
  }
  return schema_from_json(yaml_to_json(root), registry);
}

void save_schema(const DataFrameSchema& schema, const std::string& path) {
  const std::string text = ends_with(path, ".json") ? schema_to_json(schema).dump(2) + "\n" : schema_to_yaml(schema);
  csv::AtomicFileWriter writer(path);
  writer.write(text);
  writer.commit();
}

DataFrameSchema load_schema(const std::string& path, const CheckRegistry& registry) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IOError("cannot read schema file '" + path + "'; check that it exists and is readable");
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    if (!ends_with(path, ".json")) return schema_from_yaml(buffer.str(), registry);
    return schema_from_json(Json::parse(buffer.str()), registry);
  } catch (const nlohmann::json::parse_error& error) {
    throw InvalidInputError("schema file '" + path + "' is not valid JSON: " + error.what());
  } catch (const InvalidInputError& error) {
    throw InvalidInputError("schema file '" + path + "': " + error.what());
  }
}

}  // namespace strata
