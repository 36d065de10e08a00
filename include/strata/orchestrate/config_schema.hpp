#pragma once
// Declared configuration for resources, assets and ops, and its validation.
//
// A schema is a list of fields. Values are JSON (they come from YAML files,
// `--set` options and environment variables). Validation returns the value
// with defaults filled in and throws ConfigError naming the field's full
// path ("resources.db.config.port") on the first problem: a missing required
// field, a value of the wrong type, a value outside `choices`, or a field
// the schema does not declare (with a "did you mean" hint).
//
//   ConfigSchema schema({
//       ConfigField::string("url").describe("database URL").env("DB_URL"),
//       ConfigField::integer("port").default_to(5432),
//   });
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "strata/core/error.hpp"
#include "strata/orchestrate/value.hpp"

namespace strata {

/// Invalid configuration; the message names the field path.
class ConfigError : public InvalidInputError {
 public:
  using InvalidInputError::InvalidInputError;
};

enum class ConfigType {
  String,
  Int,     // a JSON integer (a float with no fraction is accepted, e.g. 3.0)
  Float,   // any JSON number
  Bool,
  List,    // a JSON array whose elements have `element_type`
  Object,  // a nested schema in `fields`
  Any,     // any JSON value, unchecked
};

/// "string", "int", "float", "bool", "list", "object", "any".
const char* config_type_name(ConfigType type);

class ConfigSchema;

/// One declared field; build it with the named constructors and setters.
struct ConfigField {
  static ConfigField string(std::string name) { return make(std::move(name), ConfigType::String); }
  static ConfigField integer(std::string name) { return make(std::move(name), ConfigType::Int); }
  static ConfigField floating(std::string name) { return make(std::move(name), ConfigType::Float); }
  static ConfigField boolean(std::string name) { return make(std::move(name), ConfigType::Bool); }
  static ConfigField any(std::string name) { return make(std::move(name), ConfigType::Any); }
  static ConfigField list(std::string name, ConfigType element_type) {
    ConfigField field = make(std::move(name), ConfigType::List);
    field.element_type = element_type;
    return field;
  }
  static ConfigField object(std::string name, ConfigSchema schema);

  ConfigField& describe(std::string text) { description = std::move(text); return *this; }
  ConfigField& default_to(Json value) { default_value = std::move(value); return *this; }
  ConfigField& env(std::string variable) { env_var = std::move(variable); return *this; }
  ConfigField& allow(std::vector<Json> values) { choices = std::move(values); return *this; }
  ConfigField& make_optional() { optional = true; return *this; }

  std::string name;
  ConfigType type = ConfigType::String;
  /// A field with a default is optional; validation fills the default in.
  std::optional<Json> default_value;
  std::string description;
  /// When set and the field is absent, its value is read from this
  /// environment variable (parsed as a YAML scalar: 5432 is an int).
  std::string env_var;
  /// Optional without a default: absent stays absent.
  bool optional = false;
  /// Allowed values (strings or numbers); empty = any value of `type`.
  std::vector<Json> choices;
  /// Element type of a List.
  ConfigType element_type = ConfigType::Any;
  /// Fields of an Object (shared so that fields stay copyable).
  std::shared_ptr<const ConfigSchema> fields;

 private:
  static ConfigField make(std::string name, ConfigType type) {
    ConfigField field;
    field.name = std::move(name);
    field.type = type;
    return field;
  }
};

class ConfigSchema {
 public:
  ConfigSchema() = default;
  /// Throws ConfigError for duplicate field names, a default of the wrong
  /// type, or an Object field without `fields`.
  explicit ConfigSchema(std::vector<ConfigField> fields);

  const std::vector<ConfigField>& fields() const { return fields_; }
  bool empty() const { return fields_.empty(); }
  const ConfigField* find(const std::string& name) const;

  /// Validates `value` (null or an object) found at `path`, returning it with
  /// defaults and environment values filled in. Throws ConfigError.
  Json validate(const Json& value, const std::string& path) const;

  /// A JSON description of the fields (name, type, required, default,
  /// description) for `list --json` and help output.
  Json describe() const;

 private:
  std::vector<ConfigField> fields_;
};

/// Throws ConfigError unless `value` matches `type` (and `choices`); `path`
/// names the value in the message.
void check_config_value(const ConfigField& field, const Json& value, const std::string& path);

}  // namespace strata
