#pragma once
// Asset selection strings, in Dagster's syntax:
//
//   events            the asset "events" ("raw/events" for prefixed keys)
//   +events           it and its direct upstream (one layer; "++events" two)
//   events+           it and its direct downstream
//   *events           it and everything upstream
//   events*           it and everything downstream
//   group:reporting   every asset in the group
//   tag:tier=gold     every asset with that tag value ("tag:pii" = tag present)
//   owner:data@x.com  every asset with that owner
//   *                 every asset
//   a, b+, group:g    union of the terms, separated by commas
//
// The +/* modifiers apply to group:, tag: and owner: terms too. An unknown
// key or group is an error naming the closest known one.
#include <set>
#include <string>
#include <vector>

#include "strata/orchestrate/asset_key.hpp"

namespace strata {

class AssetGraph;

class AssetSelection {
 public:
  enum class TermKind { Key, Group, Tag, Owner, All };
  struct Term {
    TermKind kind = TermKind::Key;
    std::string value;      // key text, group, owner, or tag name
    std::string tag_value;  // tag: value after '=' (empty = any value)
    bool has_tag_value = false;
    int upstream_depth = 0;    // -1 = all
    int downstream_depth = 0;  // -1 = all
  };

  /// Parses `text`; throws InvalidInputError naming the bad term and its
  /// position. Empty text or whitespace is an error (select "*" for all).
  static AssetSelection parse(const std::string& text);
  /// Every asset.
  static AssetSelection all() { return parse("*"); }

  /// The selected keys. Throws InvalidInputError for unknown keys, groups
  /// (with the closest known name) and owners/tags nothing matches.
  std::set<AssetKey> resolve(const AssetGraph& graph) const;

  const std::string& text() const { return text_; }
  const std::vector<Term>& terms() const { return terms_; }

 private:
  std::string text_;
  std::vector<Term> terms_;
};

}  // namespace strata
