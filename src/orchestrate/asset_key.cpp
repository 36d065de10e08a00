#include "strata/orchestrate/asset_key.hpp"

#include "strata/core/error.hpp"

namespace strata {

namespace {

constexpr size_t kMaxComponentBytes = 128;

bool is_allowed_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

[[noreturn]] void throw_bad_key(std::string_view key, const std::string& reason) {
  throw InvalidInputError("invalid asset key '" + std::string(key) + "': " + reason +
                          ". Keys are '/'-separated components of letters, digits, '_', '-' and '.'"
                          " (not starting with '.'), e.g. 'raw/events'");
}

}  // namespace

bool is_valid_key_component(std::string_view component, std::string* reason) {
  auto fail = [&](std::string why) {
    if (reason) *reason = std::move(why);
    return false;
  };
  if (component.empty()) return fail("it has an empty component");
  if (component.size() > kMaxComponentBytes)
    return fail("component '" + std::string(component.substr(0, 20)) + "...' is longer than 128 bytes");
  if (component.front() == '.') return fail("component '" + std::string(component) + "' starts with '.'");
  for (char c : component) {
    if (!is_allowed_char(c)) {
      std::string shown = c == '\\' ? "\\\\" : (static_cast<unsigned char>(c) < 0x20 ? "control" : std::string(1, c));
      return fail("component '" + std::string(component) + "' contains the character '" + shown + "'");
    }
  }
  return true;
}

AssetKey::AssetKey(std::vector<std::string> path) : path_(std::move(path)) {
  std::string joined = to_string();
  if (path_.empty()) throw_bad_key(joined, "it is empty");
  for (const std::string& component : path_) {
    std::string reason;
    if (!is_valid_key_component(component, &reason)) throw_bad_key(joined, reason);
  }
}

AssetKey::AssetKey(std::string_view text) {
  if (text.empty()) throw_bad_key(text, "it is empty");
  if (text.front() == '/') throw_bad_key(text, "it is an absolute path");
  size_t start = 0;
  while (true) {
    size_t slash = text.find('/', start);
    std::string_view component = text.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    std::string reason;
    if (!is_valid_key_component(component, &reason)) throw_bad_key(text, reason);
    path_.emplace_back(component);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
}

const std::string& AssetKey::name() const {
  static const std::string empty;
  return path_.empty() ? empty : path_.back();
}

std::string AssetKey::to_string() const {
  std::string out;
  for (size_t i = 0; i < path_.size(); ++i) {
    if (i) out += '/';
    out += path_[i];
  }
  return out;
}

AssetKey AssetKey::with_prefix(const std::vector<std::string>& prefix) const {
  std::vector<std::string> path = prefix;
  path.insert(path.end(), path_.begin(), path_.end());
  return AssetKey(std::move(path));
}

std::vector<std::string> to_strings(const std::vector<AssetKey>& keys) {
  std::vector<std::string> out;
  out.reserve(keys.size());
  for (const AssetKey& key : keys) out.push_back(key.to_string());
  return out;
}

}  // namespace strata
