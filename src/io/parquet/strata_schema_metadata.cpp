#include "io/parquet/strata_schema_metadata.hpp"

#include <cctype>

#include "strata/core/error.hpp"

namespace strata::parquet {

namespace {

constexpr const char* kVersionLine = "strata.schema/1";

std::string escape_name(const std::string& name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '_' || c == '.' || c == '-') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

std::optional<std::string> unescape_name(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const std::string hex = text.substr(i + 1, 2);
    if (hex.size() != 2 || !std::isxdigit(static_cast<unsigned char>(hex[0])) ||
        !std::isxdigit(static_cast<unsigned char>(hex[1])))
      return std::nullopt;
    out += static_cast<char>(std::stoi(hex, nullptr, 16));
    i += 2;
  }
  return out;
}

std::string encode_type(const DataType& type) {
  if (type.id() == TypeId::List) return "list[" + encode_type(type.child()) + "]";
  if (type.id() == TypeId::Struct) {
    std::string out = "struct[";
    for (size_t i = 0; i < type.fields().size(); ++i) {
      const Field& field = type.fields()[i];
      if (i) out += ",";
      out += escape_name(field.name) + ":" + (field.nullable ? "1" : "0") + ":" + encode_type(field.type);
    }
    return out + "]";
  }
  return type.to_string();
}

class TypeParser {
 public:
  explicit TypeParser(const std::string& text) : text_(text) {}

  std::optional<DataType> parse_all() {
    auto type = parse_type(0);
    if (!type || position_ != text_.size()) return std::nullopt;
    return type;
  }

 private:
  bool consume(const std::string& token) {
    if (text_.compare(position_, token.size(), token) != 0) return false;
    position_ += token.size();
    return true;
  }

  std::optional<DataType> parse_type(int depth) {
    if (depth > 64) return std::nullopt;
    if (consume("list[")) {
      auto child = parse_type(depth + 1);
      if (!child || !consume("]")) return std::nullopt;
      return DataType::list(*child);
    }
    if (consume("struct[")) {
      std::vector<Field> fields;
      if (consume("]")) return DataType::structure(std::move(fields));
      while (true) {
        const size_t colon = text_.find(':', position_);
        if (colon == std::string::npos) return std::nullopt;
        auto name = unescape_name(text_.substr(position_, colon - position_));
        position_ = colon + 1;
        if (!name || position_ + 2 > text_.size() || (text_[position_] != '0' && text_[position_] != '1') ||
            text_[position_ + 1] != ':')
          return std::nullopt;
        const bool nullable = text_[position_] == '1';
        position_ += 2;
        auto type = parse_type(depth + 1);
        if (!type) return std::nullopt;
        fields.push_back({*name, *type, nullable});
        if (consume("]")) return DataType::structure(std::move(fields));
        if (!consume(",")) return std::nullopt;
      }
    }
    // A scalar type runs to the next ',' or ']' outside its own brackets.
    int brackets = 0;
    size_t end = position_;
    for (; end < text_.size(); ++end) {
      const char c = text_[end];
      if (c == '[') ++brackets;
      else if (c == ']' && brackets-- == 0) break;
      else if (c == ',' && brackets == 0) break;
    }
    const std::string token = text_.substr(position_, end - position_);
    if (token.empty()) return std::nullopt;
    try {
      DataType type = DataType::parse(token);
      position_ = end;
      return type;
    } catch (const Error&) {
      return std::nullopt;
    }
  }

  const std::string& text_;
  size_t position_ = 0;
};

}  // namespace

std::string encode_strata_schema(const Schema& schema) {
  std::string out = kVersionLine;
  out += '\n';
  for (const Field& field : schema.fields())
    out += escape_name(field.name) + "\t" + (field.nullable ? "1" : "0") + "\t" + encode_type(field.type) + "\n";
  return out;
}

std::optional<Schema> decode_strata_schema(const std::string& text) {
  size_t position = 0;
  auto next_line = [&]() -> std::optional<std::string> {
    if (position >= text.size()) return std::nullopt;
    const size_t end = text.find('\n', position);
    std::string line = text.substr(position, end == std::string::npos ? std::string::npos : end - position);
    position = end == std::string::npos ? text.size() : end + 1;
    return line;
  };
  const auto version = next_line();
  if (!version || *version != kVersionLine) return std::nullopt;
  std::vector<Field> fields;
  while (auto line = next_line()) {
    const size_t first = line->find('\t');
    const size_t second = first == std::string::npos ? first : line->find('\t', first + 1);
    if (second == std::string::npos) return std::nullopt;
    auto name = unescape_name(line->substr(0, first));
    const std::string nullable = line->substr(first + 1, second - first - 1);
    const std::string type_text = line->substr(second + 1);
    TypeParser parser(type_text);
    auto type = parser.parse_all();
    if (!name || (nullable != "0" && nullable != "1") || !type) return std::nullopt;
    fields.push_back({*name, *type, nullable == "1"});
  }
  try {
    return Schema(std::move(fields));
  } catch (const Error&) {
    return std::nullopt;
  }
}

}  // namespace strata::parquet
