#include "strata/orchestrate/config_schema.hpp"

#include <cmath>
#include <cstdlib>
#include <set>

#include "strata/core/types.hpp"
#include "strata/orchestrate/run_config.hpp"

namespace strata {

namespace {

std::string join_path(const std::string& path, const std::string& name) {
  return path.empty() ? name : path + "." + name;
}

std::string json_kind(const Json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return "a bool";
  if (value.is_number_integer()) return "an int";
  if (value.is_number()) return "a float";
  if (value.is_string()) return "a string";
  if (value.is_array()) return "a list";
  return "an object";
}

std::string shown(const Json& value) {
  std::string text = value.dump();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

bool matches_type(ConfigType type, const Json& value) {
  switch (type) {
    case ConfigType::String: return value.is_string();
    case ConfigType::Int:
      if (value.is_number_integer()) return true;
      if (value.is_number_float()) {
        double d = value.get<double>();
        return std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.0e15;
      }
      return false;
    case ConfigType::Float: return value.is_number();
    case ConfigType::Bool: return value.is_boolean();
    case ConfigType::List: return value.is_array();
    case ConfigType::Object: return value.is_object();
    case ConfigType::Any: return true;
  }
  return false;
}

/// Ints given as 3.0 become 3 so that users read back what they declared.
Json normalized(ConfigType type, const Json& value) {
  if (type == ConfigType::Int && value.is_number_float()) return Json(static_cast<int64_t>(value.get<double>()));
  return value;
}

/// An environment variable's text as a value of the field's type.
Json from_environment(const ConfigField& field, const std::string& text, const std::string& path) {
  auto fail = [&](const char* expected) -> Json {
    throw ConfigError("config field '" + path + "': environment variable " + field.env_var + "=\"" + text +
                      "\" is not " + expected + "; set it to a valid value or give the field in the config");
  };
  switch (field.type) {
    case ConfigType::String: return Json(text);
    case ConfigType::Bool: {
      if (text == "true" || text == "1" || text == "yes" || text == "TRUE" || text == "True") return Json(true);
      if (text == "false" || text == "0" || text == "no" || text == "FALSE" || text == "False") return Json(false);
      return fail("a bool (true/false)");
    }
    case ConfigType::Int: {
      Json parsed = parse_yaml_scalar(text);
      if (!parsed.is_number_integer()) return fail("an int");
      return parsed;
    }
    case ConfigType::Float: {
      Json parsed = parse_yaml_scalar(text);
      if (!parsed.is_number()) return fail("a number");
      return parsed;
    }
    case ConfigType::List:
    case ConfigType::Object:
    case ConfigType::Any: return parse_yaml_document(text, "environment variable " + field.env_var);
  }
  return Json(text);
}

}  // namespace

const char* config_type_name(ConfigType type) {
  switch (type) {
    case ConfigType::String: return "string";
    case ConfigType::Int: return "int";
    case ConfigType::Float: return "float";
    case ConfigType::Bool: return "bool";
    case ConfigType::List: return "list";
    case ConfigType::Object: return "object";
    case ConfigType::Any: return "any";
  }
  return "unknown";
}

ConfigField ConfigField::object(std::string name, ConfigSchema schema) {
  ConfigField field = make(std::move(name), ConfigType::Object);
  field.fields = std::make_shared<const ConfigSchema>(std::move(schema));
  return field;
}

void check_config_value(const ConfigField& field, const Json& value, const std::string& path) {
  if (!matches_type(field.type, value))
    throw ConfigError("config field '" + path + "': expected " + config_type_name(field.type) + ", got " +
                      json_kind(value) + " " + shown(value) +
                      (field.description.empty() ? "" : " (" + field.description + ")"));
  if (field.type == ConfigType::List && field.element_type != ConfigType::Any) {
    for (size_t i = 0; i < value.size(); ++i) {
      if (!matches_type(field.element_type, value[i]))
        throw ConfigError("config field '" + path + "[" + std::to_string(i) + "]': expected " +
                          config_type_name(field.element_type) + ", got " + json_kind(value[i]) + " " +
                          shown(value[i]));
    }
  }
  if (!field.choices.empty()) {
    Json normal = normalized(field.type, value);
    for (const Json& choice : field.choices)
      if (choice == normal) return;
    std::string allowed;
    for (const Json& choice : field.choices) allowed += (allowed.empty() ? "" : ", ") + choice.dump();
    throw ConfigError("config field '" + path + "': " + shown(value) + " is not one of the allowed values " +
                      allowed);
  }
}

ConfigSchema::ConfigSchema(std::vector<ConfigField> fields) : fields_(std::move(fields)) {
  std::set<std::string> seen;
  for (const ConfigField& field : fields_) {
    if (field.name.empty()) throw ConfigError("config schema has a field without a name");
    if (!seen.insert(field.name).second)
      throw ConfigError("config schema declares the field '" + field.name + "' twice");
    if (field.type == ConfigType::Object && !field.fields)
      throw ConfigError("config field '" + field.name + "' is an object but declares no fields; use "
                        "ConfigType::Any for free-form objects");
    if (field.default_value) check_config_value(field, *field.default_value, field.name + " (default)");
  }
}

const ConfigField* ConfigSchema::find(const std::string& name) const {
  for (const ConfigField& field : fields_)
    if (field.name == name) return &field;
  return nullptr;
}

Json ConfigSchema::validate(const Json& value, const std::string& path) const {
  if (!value.is_null() && !value.is_object())
    throw ConfigError("config '" + (path.empty() ? std::string("<root>") : path) + "': expected an object of fields, got " +
                      json_kind(value) + " " + shown(value));
  std::vector<std::string> names;
  for (const ConfigField& field : fields_) names.push_back(field.name);
  if (value.is_object()) {
    for (const auto& [name, unused] : value.items()) {
      if (find(name)) continue;
      std::string hint = closest_name(name, names);
      std::string message = "config field '" + join_path(path, name) + "' is not declared";
      if (!hint.empty()) message += "; did you mean '" + hint + "'?";
      if (names.empty()) {
        message += "; this config takes no fields";
      } else {
        message += ". Declared fields:";
        for (const std::string& n : names) message += " " + n;
      }
      throw ConfigError(message);
    }
  }
  Json result = Json::object();
  for (const ConfigField& field : fields_) {
    const std::string field_path = join_path(path, field.name);
    Json given;
    if (value.is_object() && value.contains(field.name)) {
      given = value.at(field.name);
    } else if (!field.env_var.empty()) {
      if (const char* text = std::getenv(field.env_var.c_str())) given = from_environment(field, text, field_path);
    }
    if (given.is_null()) {
      if (field.default_value) {
        given = *field.default_value;
      } else if (field.optional) {
        continue;
      } else {
        std::string sources = field.env_var.empty() ? "" : " or set the environment variable " + field.env_var;
        throw ConfigError("config field '" + field_path + "' is required but missing (" +
                          config_type_name(field.type) +
                          (field.description.empty() ? "" : ": " + field.description) + "); give it in the config" +
                          sources);
      }
    }
    check_config_value(field, given, field_path);
    if (field.type == ConfigType::Object) {
      result[field.name] = field.fields->validate(given, field_path);
    } else {
      result[field.name] = normalized(field.type, given);
    }
  }
  return result;
}

Json ConfigSchema::describe() const {
  Json out = Json::array();
  for (const ConfigField& field : fields_) {
    Json entry = {{"name", field.name},
                  {"type", config_type_name(field.type)},
                  {"required", !field.default_value && !field.optional}};
    if (field.default_value) entry["default"] = *field.default_value;
    if (!field.description.empty()) entry["description"] = field.description;
    if (!field.env_var.empty()) entry["env_var"] = field.env_var;
    if (!field.choices.empty()) entry["choices"] = field.choices;
    if (field.type == ConfigType::List) entry["element_type"] = config_type_name(field.element_type);
    if (field.type == ConfigType::Object) entry["fields"] = field.fields->describe();
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace strata
