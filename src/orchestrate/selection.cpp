#include "strata/orchestrate/selection.hpp"

#include "strata/core/error.hpp"
#include "strata/orchestrate/asset_graph.hpp"

namespace strata {

namespace {

std::string trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\n\r");
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t\n\r");
  return text.substr(begin, end - begin + 1);
}

[[noreturn]] void throw_syntax(const std::string& text, const std::string& term, const std::string& reason) {
  throw InvalidInputError("invalid asset selection '" + text + "': term '" + term + "' " + reason +
                          ". Syntax: key, +key, key+, *key, key*, group:name, tag:k=v, owner:x, *, "
                          "joined by commas");
}

/// Reads leading (or trailing) '+'/'*' modifiers: returns the depth (-1 for '*').
int read_modifiers(std::string& body, bool leading, const std::string& text, const std::string& term) {
  int depth = 0;
  bool star = false;
  while (!body.empty()) {
    char c = leading ? body.front() : body.back();
    if (c != '+' && c != '*') break;
    if (star || (c == '*' && depth > 0)) throw_syntax(text, term, "mixes '*' and '+'");
    if (c == '*') {
      star = true;
    } else {
      ++depth;
    }
    if (leading) {
      body.erase(body.begin());
    } else {
      body.pop_back();
    }
  }
  return star ? -1 : depth;
}

bool owns(const AssetNode& node, const std::string& owner) {
  for (const std::string& o : node.spec->owners())
    if (o == owner) return true;
  return false;
}

}  // namespace

AssetSelection AssetSelection::parse(const std::string& text) {
  AssetSelection selection;
  selection.text_ = text;
  if (trim(text).empty())
    throw InvalidInputError("empty asset selection; select '*' for every asset or name the assets, e.g. 'events+'");
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string term_text = trim(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    start = comma == std::string::npos ? text.size() + 1 : comma + 1;
    if (term_text.empty()) throw_syntax(text, term_text, "is empty (two commas in a row?)");
    Term term;
    if (term_text == "*") {
      term.kind = TermKind::All;
      selection.terms_.push_back(term);
      continue;
    }
    std::string body = term_text;
    term.upstream_depth = read_modifiers(body, true, text, term_text);
    term.downstream_depth = read_modifiers(body, false, text, term_text);
    if (body.empty()) throw_syntax(text, term_text, "names no asset");
    auto take_prefix = [&](const char* prefix) {
      if (body.rfind(prefix, 0) != 0) return false;
      body = body.substr(std::string(prefix).size());
      if (body.empty()) throw_syntax(text, term_text, std::string("has nothing after '") + prefix + "'");
      return true;
    };
    if (take_prefix("group:")) {
      term.kind = TermKind::Group;
      term.value = body;
    } else if (take_prefix("tag:")) {
      term.kind = TermKind::Tag;
      size_t equals = body.find('=');
      term.value = body.substr(0, equals);
      if (equals != std::string::npos) {
        term.has_tag_value = true;
        term.tag_value = body.substr(equals + 1);
      }
      if (term.value.empty()) throw_syntax(text, term_text, "has an empty tag name");
    } else if (take_prefix("owner:")) {
      term.kind = TermKind::Owner;
      term.value = body;
    } else if (take_prefix("key:")) {
      term.kind = TermKind::Key;
      term.value = body;
    } else {
      if (body.find(':') != std::string::npos)
        throw_syntax(text, term_text, "has an unknown prefix (known: group:, tag:, owner:, key:)");
      term.kind = TermKind::Key;
      term.value = body;
    }
    if (term.kind == TermKind::Key) {
      try {
        (void)AssetKey(term.value);
      } catch (const InvalidInputError&) {
        throw_syntax(text, term_text, "is not a valid asset key");
      }
    }
    selection.terms_.push_back(std::move(term));
  }
  return selection;
}

std::set<AssetKey> AssetSelection::resolve(const AssetGraph& graph) const {
  std::set<AssetKey> selected;
  for (const Term& term : terms_) {
    std::set<AssetKey> base;
    switch (term.kind) {
      case TermKind::All:
        for (const auto& [key, node] : graph.nodes()) base.insert(key);
        break;
      case TermKind::Key: {
        AssetKey key(term.value);
        if (!graph.contains(key)) graph.throw_unknown(term.value, "selection '" + text_ + "'");
        base.insert(key);
        break;
      }
      case TermKind::Group: {
        for (const auto& [key, node] : graph.nodes())
          if (node.group == term.value) base.insert(key);
        if (base.empty()) {
          std::string hint = closest_name(term.value, graph.groups());
          throw InvalidInputError("unknown asset group '" + term.value + "' in selection '" + text_ + "'" +
                                  (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
        }
        break;
      }
      case TermKind::Tag:
        for (const auto& [key, node] : graph.nodes()) {
          auto it = node.spec->tags().find(term.value);
          if (it != node.spec->tags().end() && (!term.has_tag_value || it->second == term.tag_value)) base.insert(key);
        }
        if (base.empty())
          throw InvalidInputError("no asset has the tag '" + term.value +
                                  (term.has_tag_value ? "=" + term.tag_value : "") + "' (selection '" + text_ + "')");
        break;
      case TermKind::Owner:
        for (const auto& [key, node] : graph.nodes())
          if (owns(node, term.value)) base.insert(key);
        if (base.empty())
          throw InvalidInputError("no asset is owned by '" + term.value + "' (selection '" + text_ + "')");
        break;
    }
    for (const AssetKey& key : base) {
      selected.insert(key);
      if (term.upstream_depth != 0)
        for (const AssetKey& up : graph.upstream_of(key, term.upstream_depth)) selected.insert(up);
      if (term.downstream_depth != 0)
        for (const AssetKey& down : graph.downstream_of(key, term.downstream_depth)) selected.insert(down);
    }
  }
  return selected;
}

}  // namespace strata
