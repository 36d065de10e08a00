#pragma once
// Asset keys: a path of one or more components, written "prefix/name".
//
// Components are restricted so that a key can always be used as a relative
// path below a storage root: letters, digits, '_', '-' and '.', not starting
// with '.', at most 128 bytes each. That rules out "..", absolute paths,
// backslashes, empty components and hidden files by construction.
#include <compare>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace strata {

class AssetKey {
 public:
  AssetKey() = default;
  /// Throws InvalidInputError naming the key and the offending component.
  explicit AssetKey(std::vector<std::string> path);
  /// Parses "a/b/c"; same rules. Implicit so that "raw/events" can be passed
  /// wherever a key is expected.
  AssetKey(std::string_view text);  // NOLINT
  AssetKey(const char* text) : AssetKey(std::string_view(text)) {}  // NOLINT
  AssetKey(const std::string& text) : AssetKey(std::string_view(text)) {}  // NOLINT

  const std::vector<std::string>& path() const { return path_; }
  /// The last component ("" for the empty default key).
  const std::string& name() const;
  bool empty() const { return path_.empty(); }
  /// "a/b/c".
  std::string to_string() const;
  /// This key with `prefix` components in front.
  AssetKey with_prefix(const std::vector<std::string>& prefix) const;

  auto operator<=>(const AssetKey& other) const = default;
  bool operator==(const AssetKey& other) const = default;

 private:
  std::vector<std::string> path_;
};

/// Whether `component` is a valid key component (see the rules above);
/// when not, `reason` says why.
bool is_valid_key_component(std::string_view component, std::string* reason = nullptr);

std::vector<std::string> to_strings(const std::vector<AssetKey>& keys);

}  // namespace strata

template <>
struct std::hash<strata::AssetKey> {
  size_t operator()(const strata::AssetKey& key) const noexcept {
    return std::hash<std::string>{}(key.to_string());
  }
};
