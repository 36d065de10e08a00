#include "strata/orchestrate/run_config.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "strata/core/error.hpp"
#include "strata/orchestrate/config_schema.hpp"

namespace strata {

namespace {

bool is_integer_text(std::string_view text) {
  size_t i = (text.size() > 1 && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
  if (i >= text.size() || text.size() - i > 18) return false;  // stays within int64
  for (; i < text.size(); ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  return true;
}

bool is_float_text(std::string_view text) {
  if (text.empty()) return false;
  bool digits = false;
  bool dot = false;
  bool exponent = false;
  size_t i = (text[0] == '-' || text[0] == '+') ? 1 : 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '.' && !dot && !exponent) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digits && !exponent) {
      exponent = true;
      digits = false;
      if (i + 1 < text.size() && (text[i + 1] == '-' || text[i + 1] == '+')) ++i;
    } else {
      return false;
    }
  }
  return digits && (dot || exponent);
}

Json to_json(const YAML::Node& node, const std::string& source) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: return Json();
    case YAML::NodeType::Scalar:
      // "!" marks a quoted (non-plain) scalar: it stays a string.
      if (node.Tag() == "!") return Json(node.Scalar());
      return parse_yaml_scalar(node.Scalar());
    case YAML::NodeType::Sequence: {
      Json out = Json::array();
      for (const YAML::Node& item : node) out.push_back(to_json(item, source));
      return out;
    }
    case YAML::NodeType::Map: {
      Json out = Json::object();
      for (const auto& entry : node) {
        if (!entry.first.IsScalar())
          throw ConfigError("config " + source + ": line " + std::to_string(entry.first.Mark().line + 1) +
                            ": mapping keys must be plain text");
        out[entry.first.Scalar()] = to_json(entry.second, source);
      }
      return out;
    }
  }
  return Json();
}

}  // namespace

Json parse_yaml_scalar(std::string_view text) {
  if (text == "true" || text == "True" || text == "TRUE") return Json(true);
  if (text == "false" || text == "False" || text == "FALSE") return Json(false);
  if (text.empty() || text == "null" || text == "Null" || text == "NULL" || text == "~") return Json();
  if (is_integer_text(text)) return Json(std::stoll(std::string(text)));
  if (is_float_text(text)) return Json(std::stod(std::string(text)));
  return Json(std::string(text));
}

Json parse_yaml_document(std::string_view text, const std::string& source) {
  try {
    return to_json(YAML::Load(std::string(text)), source);
  } catch (const YAML::Exception& error) {
    throw ConfigError("config " + source + " is not valid YAML: line " + std::to_string(error.mark.line + 1) +
                      ", column " + std::to_string(error.mark.column + 1) + ": " + error.msg);
  }
}

Json load_yaml_config_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IOError("cannot read config file '" + path + "'; check that it exists and is readable");
  std::stringstream buffer;
  buffer << in.rdbuf();
  Json config = parse_yaml_document(buffer.str(), "file '" + path + "'");
  if (config.is_null()) return Json::object();
  if (!config.is_object())
    throw ConfigError("config file '" + path + "' must hold a mapping (resources:, assets:, ops:) at the top level");
  return config;
}

void apply_config_assignment(Json& config, std::string_view assignment) {
  size_t equals = assignment.find('=');
  if (equals == std::string_view::npos)
    throw ConfigError("config assignment '" + std::string(assignment) +
                      "' has no '='; write it as path.to.field=value, e.g. assets.events.config.rows=100");
  std::string_view path = assignment.substr(0, equals);
  Json value = parse_yaml_scalar(assignment.substr(equals + 1));
  if (!config.is_object()) config = Json::object();
  Json* node = &config;
  size_t start = 0;
  std::string walked;
  while (true) {
    size_t dot = path.find('.', start);
    std::string part(path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (part.empty())
      throw ConfigError("config assignment '" + std::string(assignment) + "' has an empty path component");
    walked += (walked.empty() ? "" : ".") + part;
    if (dot == std::string_view::npos) {
      (*node)[part] = value;
      return;
    }
    Json& next = (*node)[part];
    if (next.is_null()) next = Json::object();
    if (!next.is_object())
      throw ConfigError("config assignment '" + std::string(assignment) + "': '" + walked +
                        "' already holds a value that is not an object");
    node = &next;
    start = dot + 1;
  }
}

Json merge_config(Json base, const Json& overlay) {
  if (!base.is_object() || !overlay.is_object()) return overlay.is_null() ? base : overlay;
  for (const auto& [key, value] : overlay.items()) {
    base[key] = base.contains(key) ? merge_config(base[key], value) : value;
  }
  return base;
}

Json resolve_env_references(const Json& config, const std::string& path) {
  if (config.is_object()) {
    if (config.size() == 1 && config.contains("env") && config["env"].is_string()) {
      const std::string name = config["env"].get<std::string>();
      const char* text = std::getenv(name.c_str());
      if (!text)
        throw ConfigError("config field '" + path + "' refers to the environment variable " + name +
                          ", which is not set; export it or give the value directly");
      return parse_yaml_scalar(text);
    }
    Json out = Json::object();
    for (const auto& [key, value] : config.items())
      out[key] = resolve_env_references(value, path.empty() ? key : path + "." + key);
    return out;
  }
  if (config.is_array()) {
    Json out = Json::array();
    for (size_t i = 0; i < config.size(); ++i)
      out.push_back(resolve_env_references(config[i], path + "[" + std::to_string(i) + "]"));
    return out;
  }
  return config;
}

}  // namespace strata
