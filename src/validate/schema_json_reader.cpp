// JSON document -> DataFrameSchema (see schema_serialization.hpp). Every
// error names the key path of the offending entry, e.g. "columns[2].ge".
#include <algorithm>

#include "strata/core/error.hpp"
#include "strata/core/value_parse.hpp"
#include "strata/validate/schema_serialization.hpp"

namespace strata {

namespace {

using Json = nlohmann::ordered_json;

// An error already naming its key path (others get the path added).
class DocumentError : public InvalidInputError {
 public:
  using InvalidInputError::InvalidInputError;
};

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
  throw DocumentError("schema document, " + (path.empty() ? std::string("top level") : path) + ": " + problem);
}

std::string child(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

void expect_keys(const Json& node, const std::string& path, const std::vector<std::string>& allowed) {
  if (!node.is_object()) fail(path, "expected a mapping, found " + std::string(node.type_name()));
  for (const auto& entry : node.items()) {
    if (std::find(allowed.begin(), allowed.end(), entry.key()) != allowed.end()) continue;
    std::string list;
    for (const std::string& key : allowed) list += (list.empty() ? "" : ", ") + key;
    const std::string hint = closest_name(entry.key(), allowed);
    fail(path, "unknown key '" + entry.key() + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                   "; the keys here are " + list);
  }
}

bool read_bool(const Json& node, const std::string& path) {
  if (!node.is_boolean()) fail(path, "expected true or false, found " + node.dump());
  return node.get<bool>();
}

int64_t read_count(const Json& node, const std::string& path) {
  if (!node.is_number_integer() || node.get<int64_t>() < 0) fail(path, "expected a whole number >= 0, found " + node.dump());
  return node.get<int64_t>();
}

std::string read_string(const Json& node, const std::string& path) {
  if (!node.is_string()) fail(path, "expected text, found " + node.dump());
  return node.get<std::string>();
}

std::vector<std::string> read_strings(const Json& node, const std::string& path) {
  if (!node.is_array()) fail(path, "expected a list of names, found " + node.dump());
  std::vector<std::string> out;
  for (size_t i = 0; i < node.size(); ++i) out.push_back(read_string(node[i], path + "[" + std::to_string(i) + "]"));
  return out;
}

// A literal for a column of `family`: numbers, bools and text as such;
// text in a number family that reads as a number (NaN, inf, decimals as
// written by schema_to_json) becomes that number.
Scalar read_literal(const Json& node, TypeFamily family, const std::string& path) {
  if (node.is_boolean()) return Scalar::boolean(node.get<bool>());
  if (node.is_number_unsigned()) return node.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)
                                            ? Scalar::uint64(node.get<uint64_t>())
                                            : Scalar::int64(node.get<int64_t>());
  if (node.is_number_integer()) return Scalar::int64(node.get<int64_t>());
  if (node.is_number_float()) return Scalar::float64(node.get<double>());
  if (node.is_string()) {
    const auto& text = node.get_ref<const std::string&>();
    const bool numeric = family == TypeFamily::Integer || family == TypeFamily::Float || family == TypeFamily::Numeric;
    if (numeric) {
      if (auto number = parse_float64(text)) return Scalar::float64(*number);
    }
    return Scalar::string(text);
  }
  fail(path, "expected a number, text or true/false, found " + node.dump());
}

std::optional<TimeUnit> read_unit(const Json& node, const std::string& path) {
  const std::string text = read_string(node, path);
  for (TimeUnit unit : {TimeUnit::Second, TimeUnit::Milli, TimeUnit::Micro, TimeUnit::Nano})
    if (text == time_unit_suffix(unit)) return unit;
  fail(path, "unknown time unit '" + text + "'; expected s, ms, us or ns");
}

std::vector<CustomCheck> read_checks(const Json& node, const std::string& path, const CheckRegistry& registry) {
  std::vector<CustomCheck> checks;
  const std::vector<std::string> names = read_strings(node, path);
  for (size_t i = 0; i < names.size(); ++i) {
    try {
      checks.push_back(registry.get(names[i]));
    } catch (const Error& error) {
      fail(path + "[" + std::to_string(i) + "]", error.what());
    }
  }
  return checks;
}

TypeRequirement read_type(const Json& node, const std::string& path) {
  if (node.contains("dtype")) {
    if (node.contains("type")) fail(path, "give either type (a family) or dtype (an exact type), not both");
    if (node.contains("unit") || node.contains("timezone"))
      fail(path, "unit and timezone go with type: datetime; an exact dtype names them itself (datetime[ms, UTC])");
    const std::string text = read_string(node["dtype"], child(path, "dtype"));
    try {
      return TypeRequirement::exactly(DataType::parse(text));
    } catch (const Error& error) {
      fail(child(path, "dtype"), error.what());
    }
  }
  const std::string family_name = node.contains("type") ? read_string(node["type"], child(path, "type")) : "any";
  const auto family = parse_type_family(family_name);
  if (!family)
    fail(child(path, "type"), "unknown type family '" + family_name +
                                  "'; expected integer, float, numeric, string, boolean, datetime, date, "
                                  "categorical or any (or an exact type under dtype:)");
  if (*family != TypeFamily::Datetime) {
    if (node.contains("unit") || node.contains("timezone"))
      fail(path, "unit and timezone apply to type: datetime only");
    return TypeRequirement(*family);
  }
  std::optional<TimeUnit> unit;
  std::optional<std::string> timezone;
  if (node.contains("unit")) unit = read_unit(node["unit"], child(path, "unit"));
  if (node.contains("timezone")) timezone = read_string(node["timezone"], child(path, "timezone"));
  return TypeRequirement::datetime(unit, timezone);
}

ColumnSchema read_column(const Json& node, const std::string& path, const CheckRegistry& registry) {
  expect_keys(node, path,
              {"name", "type", "dtype", "unit", "timezone", "required", "nullable", "unique", "coerce", "description",
               "ge", "gt", "le", "lt", "isin", "matches", "min_length", "max_length", "checks"});
  if (!node.contains("name")) fail(path, "a column needs a name");
  ColumnSchema column(read_string(node["name"], child(path, "name")), read_type(node, path));
  const TypeFamily family = column.type().family();
  // Keys apply in the order of the file; definition errors get the key path.
  for (const auto& entry : node.items()) {
    const std::string& key = entry.key();
    const Json& value = entry.value();
    const std::string at = child(path, key);
    try {
      if (key == "required") column.optional(!read_bool(value, at));
      else if (key == "nullable") column.nullable(read_bool(value, at));
      else if (key == "unique") column.unique(read_bool(value, at));
      else if (key == "coerce") column.coerce(read_bool(value, at));
      else if (key == "description") column.description(read_string(value, at));
      else if (key == "ge" || key == "gt") column.lower({read_literal(value, family, at), key == "ge"});
      else if (key == "le" || key == "lt") column.upper({read_literal(value, family, at), key == "le"});
      else if (key == "matches") column.matches(read_string(value, at));
      else if (key == "min_length") column.min_length(read_count(value, at));
      else if (key == "max_length") column.max_length(read_count(value, at));
      else if (key == "checks") for (CustomCheck& check : read_checks(value, at, registry)) column.check(std::move(check));
      else if (key == "isin") {
        if (!value.is_array()) fail(at, "expected a list of values, found " + value.dump());
        std::vector<Scalar> values;
        for (size_t i = 0; i < value.size(); ++i)
          values.push_back(read_literal(value[i], family, at + "[" + std::to_string(i) + "]"));
        column.isin(std::move(values));
      }
    } catch (const DocumentError&) {
      throw;
    } catch (const Error& error) {
      fail(at, error.what());
    }
  }
  return column;
}

}  // namespace

DataFrameSchema schema_from_json(const Json& document, const CheckRegistry& registry) {
  expect_keys(document, "",
              {"name", "description", "extra_columns", "ordered", "coerce", "min_rows", "max_rows", "unique",
               "checks", "columns"});
  DataFrameSchema schema(document.contains("name") ? read_string(document["name"], "name") : "");
  for (const auto& entry : document.items()) {
    const std::string& key = entry.key();
    const Json& value = entry.value();
    try {
      if (key == "description") schema.description(read_string(value, key));
      else if (key == "ordered") schema.ordered(read_bool(value, key));
      else if (key == "coerce") schema.coerce(read_bool(value, key));
      else if (key == "min_rows") schema.min_rows(read_count(value, key));
      else if (key == "max_rows") schema.max_rows(read_count(value, key));
      else if (key == "checks") for (CustomCheck& check : read_checks(value, key, registry)) schema.check(std::move(check));
      else if (key == "extra_columns") {
        const std::string mode = read_string(value, key);
        if (mode == "allow") schema.extra_columns(ExtraColumns::Allow);
        else if (mode == "reject") schema.extra_columns(ExtraColumns::Reject);
        else if (mode == "drop") schema.extra_columns(ExtraColumns::Drop);
        else fail(key, "unknown mode '" + mode + "'; expected allow, reject or drop");
      } else if (key == "unique") {
        if (!value.is_array()) fail(key, "expected a list of column lists, e.g. [[customer_id, order_id]]");
        for (size_t i = 0; i < value.size(); ++i)
          schema.unique(read_strings(value[i], "unique[" + std::to_string(i) + "]"));
      } else if (key == "columns") {
        if (!value.is_array()) fail(key, "expected a list of columns, found " + value.dump());
        for (size_t i = 0; i < value.size(); ++i)
          schema.column(read_column(value[i], "columns[" + std::to_string(i) + "]", registry));
      }
    } catch (const DocumentError&) {
      throw;
    } catch (const Error& error) {
      fail(key, error.what());
    }
  }
  return schema;
}

}  // namespace strata
