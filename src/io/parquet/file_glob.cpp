#include <algorithm>
#include <filesystem>
#include <system_error>

#include "strata/core/error.hpp"
#include "strata/io/parquet.hpp"

namespace strata {

namespace {

namespace fs = std::filesystem;

bool has_wildcard(const std::string& text) { return text.find_first_of("*?") != std::string::npos; }

// Matches `name` against `pattern` where '*' is any run of characters and '?'
// any one character (iterative, with backtracking to the last '*').
bool wildcard_match(const std::string& pattern, const std::string& name) {
  size_t p = 0, n = 0, star = std::string::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (star != std::string::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

void expand(const fs::path& base, const std::vector<std::string>& parts, size_t index, std::vector<std::string>& out) {
  if (index == parts.size()) {
    std::error_code error;
    if (fs::is_regular_file(base, error)) out.push_back(base.string());
    return;
  }
  const std::string& part = parts[index];
  if (!has_wildcard(part)) {
    expand(base / part, parts, index + 1, out);
    return;
  }
  std::error_code error;
  const fs::path directory = base.empty() ? fs::path(".") : base;
  for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (!wildcard_match(part, name)) continue;
    // Hidden files match only a pattern that names the dot explicitly.
    if (!name.empty() && name[0] == '.' && part[0] != '.') continue;
    expand(base.empty() ? fs::path(name) : base / name, parts, index + 1, out);
  }
}

}  // namespace

std::vector<std::string> expand_parquet_glob(const std::string& pattern) {
  if (!has_wildcard(pattern)) return {pattern};
  const fs::path path(pattern);
  std::vector<std::string> parts;
  fs::path base;
  for (const fs::path& part : path) {
    if (parts.empty() && !has_wildcard(part.string())) {
      base /= part;
    } else {
      parts.push_back(part.string());
    }
  }
  std::vector<std::string> out;
  expand(base, parts, 0, out);
  std::sort(out.begin(), out.end());
  if (out.empty())
    throw IOError("no file matches the pattern '" + pattern +
                  "'. Hint: '*' matches any characters within one path component, '?' one character");
  return out;
}

}  // namespace strata
