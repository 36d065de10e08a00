#include "strata/core/types.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "strata/core/error.hpp"

namespace strata {

int64_t units_per_second(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::Second: return 1;
    case TimeUnit::Milli: return 1000;
    case TimeUnit::Micro: return 1000000;
    case TimeUnit::Nano: return 1000000000;
  }
  return 1;
}

const char* time_unit_suffix(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::Second: return "s";
    case TimeUnit::Milli: return "ms";
    case TimeUnit::Micro: return "us";
    case TimeUnit::Nano: return "ns";
  }
  return "?";
}

DataType DataType::decimal(int precision, int scale) {
  if (precision < 1 || precision > 38)
    throw TypeError("decimal precision must be between 1 and 38, got " + std::to_string(precision));
  if (scale < 0 || scale > precision)
    throw TypeError("decimal scale must be between 0 and the precision (" +
                    std::to_string(precision) + "), got " + std::to_string(scale));
  DataType type(TypeId::Decimal);
  type.precision_ = precision;
  type.scale_ = scale;
  return type;
}

DataType DataType::timestamp(TimeUnit unit, std::string timezone) {
  DataType type(TypeId::Timestamp);
  type.unit_ = unit;
  type.timezone_ = std::move(timezone);
  return type;
}

DataType DataType::duration(TimeUnit unit) {
  DataType type(TypeId::Duration);
  type.unit_ = unit;
  return type;
}

DataType DataType::list(const DataType& child) {
  DataType type(TypeId::List);
  type.children_ = std::make_shared<const std::vector<Field>>(std::vector<Field>{{"item", child, true}});
  return type;
}

DataType DataType::structure(std::vector<Field> fields) {
  DataType type(TypeId::Struct);
  type.children_ = std::make_shared<const std::vector<Field>>(std::move(fields));
  return type;
}

const DataType& DataType::child() const {
  if (id_ != TypeId::List || !children_) throw TypeError("child() called on non-list type " + to_string());
  return (*children_)[0].type;
}

const std::vector<Field>& DataType::fields() const {
  static const std::vector<Field> empty;
  if (id_ != TypeId::Struct || !children_) return empty;
  return *children_;
}

bool DataType::is_integer() const { return is_signed_integer() || is_unsigned_integer(); }
bool DataType::is_signed_integer() const { return id_ >= TypeId::Int8 && id_ <= TypeId::Int64; }
bool DataType::is_unsigned_integer() const { return id_ >= TypeId::UInt8 && id_ <= TypeId::UInt64; }
bool DataType::is_temporal() const {
  return id_ == TypeId::Date || id_ == TypeId::Time || id_ == TypeId::Timestamp || id_ == TypeId::Duration;
}

int DataType::byte_width() const {
  switch (id_) {
    case TypeId::Int8: case TypeId::UInt8: return 1;
    case TypeId::Int16: case TypeId::UInt16: return 2;
    case TypeId::Int32: case TypeId::UInt32: case TypeId::Float32: case TypeId::Date:
    case TypeId::Categorical: return 4;
    case TypeId::Int64: case TypeId::UInt64: case TypeId::Float64: case TypeId::Time:
    case TypeId::Timestamp: case TypeId::Duration: return 8;
    case TypeId::Decimal: case TypeId::String: case TypeId::Binary: return 16;
    default: return 0;
  }
}

std::string DataType::to_string() const {
  switch (id_) {
    case TypeId::Null: return "null";
    case TypeId::Bool: return "bool";
    case TypeId::Int8: return "i8";
    case TypeId::Int16: return "i16";
    case TypeId::Int32: return "i32";
    case TypeId::Int64: return "i64";
    case TypeId::UInt8: return "u8";
    case TypeId::UInt16: return "u16";
    case TypeId::UInt32: return "u32";
    case TypeId::UInt64: return "u64";
    case TypeId::Float32: return "f32";
    case TypeId::Float64: return "f64";
    case TypeId::Decimal:
      return "decimal[" + std::to_string(precision_) + "," + std::to_string(scale_) + "]";
    case TypeId::String: return "str";
    case TypeId::Binary: return "binary";
    case TypeId::Date: return "date";
    case TypeId::Time: return "time";
    case TypeId::Timestamp:
      return std::string("datetime[") + time_unit_suffix(unit_) +
             (timezone_.empty() ? "" : ", " + timezone_) + "]";
    case TypeId::Duration: return std::string("duration[") + time_unit_suffix(unit_) + "]";
    case TypeId::Categorical: return "cat";
    case TypeId::List: return "list[" + child().to_string() + "]";
    case TypeId::Struct: {
      std::string out = "struct[";
      for (size_t i = 0; i < fields().size(); ++i) {
        if (i) out += ", ";
        out += fields()[i].name + ": " + fields()[i].type.to_string();
      }
      return out + "]";
    }
  }
  return "?";
}

namespace {

std::string lower_trimmed(const std::string& text) {
  std::string out;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<TimeUnit> parse_unit(const std::string& unit) {
  if (unit == "s") return TimeUnit::Second;
  if (unit == "ms") return TimeUnit::Milli;
  if (unit == "us" || unit == "μs") return TimeUnit::Micro;
  if (unit == "ns") return TimeUnit::Nano;
  return std::nullopt;
}

}  // namespace

DataType DataType::parse(const std::string& name) {
  static const std::unordered_map<std::string, TypeId> simple = {
      {"null", TypeId::Null}, {"bool", TypeId::Bool}, {"boolean", TypeId::Bool},
      {"i8", TypeId::Int8}, {"int8", TypeId::Int8}, {"i16", TypeId::Int16}, {"int16", TypeId::Int16},
      {"i32", TypeId::Int32}, {"int32", TypeId::Int32}, {"int", TypeId::Int64},
      {"i64", TypeId::Int64}, {"int64", TypeId::Int64}, {"u8", TypeId::UInt8}, {"uint8", TypeId::UInt8},
      {"u16", TypeId::UInt16}, {"uint16", TypeId::UInt16}, {"u32", TypeId::UInt32},
      {"uint32", TypeId::UInt32}, {"u64", TypeId::UInt64}, {"uint64", TypeId::UInt64},
      {"f32", TypeId::Float32}, {"float32", TypeId::Float32}, {"float", TypeId::Float64},
      {"f64", TypeId::Float64}, {"float64", TypeId::Float64}, {"double", TypeId::Float64},
      {"str", TypeId::String}, {"string", TypeId::String}, {"utf8", TypeId::String},
      {"binary", TypeId::Binary}, {"date", TypeId::Date}, {"time", TypeId::Time},
      {"cat", TypeId::Categorical}, {"categorical", TypeId::Categorical},
  };
  const std::string key = lower_trimmed(name);
  if (auto it = simple.find(key); it != simple.end()) return DataType(it->second);
  auto bracketed = [&](const std::string& prefix) -> std::optional<std::string> {
    if (key.rfind(prefix + "[", 0) == 0 && key.back() == ']')
      return key.substr(prefix.size() + 1, key.size() - prefix.size() - 2);
    return std::nullopt;
  };
  if (key == "datetime" || key == "timestamp") return timestamp(TimeUnit::Micro);
  if (key == "duration") return duration(TimeUnit::Micro);
  for (const char* prefix : {"datetime", "timestamp"}) {
    if (auto inner = bracketed(prefix)) {
      const auto comma = inner->find(',');
      const auto unit = parse_unit(inner->substr(0, comma));
      if (unit) {
        // Preserve the time zone's original case (e.g. "Europe/Paris").
        std::string tz;
        if (comma != std::string::npos) {
          const auto open = name.find('[');
          const auto raw_comma = name.find(',', open);
          tz = name.substr(raw_comma + 1, name.rfind(']') - raw_comma - 1);
          tz.erase(0, tz.find_first_not_of(' '));
          tz.erase(tz.find_last_not_of(' ') + 1);
        }
        return timestamp(*unit, tz);
      }
    }
  }
  if (auto inner = bracketed("duration")) {
    if (auto unit = parse_unit(*inner)) return duration(*unit);
  }
  if (auto inner = bracketed("decimal")) {
    const auto comma = inner->find(',');
    try {
      const int precision = std::stoi(inner->substr(0, comma));
      const int scale = comma == std::string::npos ? 0 : std::stoi(inner->substr(comma + 1));
      return decimal(precision, scale);
    } catch (const std::logic_error&) {
    }
  }
  if (auto inner = bracketed("list")) return list(parse(*inner));
  throw TypeError("unknown data type '" + name +
                  "'; expected one of bool, i8..i64, u8..u64, f32, f64, decimal[p,s], str, binary, "
                  "date, time, datetime[unit, tz], duration[unit], cat, list[T]");
}

bool DataType::operator==(const DataType& other) const {
  if (id_ != other.id_) return false;
  switch (id_) {
    case TypeId::Decimal: return precision_ == other.precision_ && scale_ == other.scale_;
    case TypeId::Timestamp: return unit_ == other.unit_ && timezone_ == other.timezone_;
    case TypeId::Duration: return unit_ == other.unit_;
    case TypeId::List: return child() == other.child();
    case TypeId::Struct: return fields() == other.fields();
    default: return true;
  }
}

Schema::Schema(std::vector<Field> fields) : fields_(std::move(fields)) {
  for (size_t i = 0; i < fields_.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (fields_[i].name == fields_[j].name)
        throw SchemaError("duplicate column name '" + fields_[i].name + "' in schema");
}

std::optional<int64_t> Schema::index_of(const std::string& name) const {
  for (size_t i = 0; i < fields_.size(); ++i)
    if (fields_[i].name == name) return static_cast<int64_t>(i);
  return std::nullopt;
}

int64_t Schema::require_index(const std::string& name) const {
  if (auto index = index_of(name)) return *index;
  throw_column_not_found(name, names());
}

std::vector<std::string> Schema::names() const {
  std::vector<std::string> out;
  out.reserve(fields_.size());
  for (const auto& field : fields_) out.push_back(field.name);
  return out;
}

std::string Schema::to_string() const {
  std::string out = "{";
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i) out += ", ";
    out += fields_[i].name + ": " + fields_[i].type.to_string();
  }
  return out + "}";
}

std::string closest_name(const std::string& name, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = std::max<size_t>(2, name.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    // Levenshtein distance, two rows.
    std::vector<size_t> previous(candidate.size() + 1), current(candidate.size() + 1);
    for (size_t j = 0; j <= candidate.size(); ++j) previous[j] = j;
    for (size_t i = 1; i <= name.size(); ++i) {
      current[0] = i;
      for (size_t j = 1; j <= candidate.size(); ++j) {
        const size_t substitution = previous[j - 1] + (name[i - 1] == candidate[j - 1] ? 0 : 1);
        current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      }
      std::swap(previous, current);
    }
    if (previous[candidate.size()] < best_distance) {
      best_distance = previous[candidate.size()];
      best = candidate;
    }
  }
  return best;
}

void throw_column_not_found(const std::string& name, const std::vector<std::string>& candidates) {
  std::string message = "column '" + name + "' not found";
  const std::string hint = closest_name(name, candidates);
  if (!hint.empty()) {
    message += "; did you mean '" + hint + "'?";
  } else {
    message += "; available columns: ";
    for (size_t i = 0; i < candidates.size() && i < 20; ++i) message += (i ? ", " : "") + candidates[i];
    if (candidates.size() > 20) message += ", ...";
  }
  throw SchemaError(message);
}

}  // namespace strata
