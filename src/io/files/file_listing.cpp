// Files of a scan: plain files, folders and globs with `**`; hive-style
// partition folders.
#include "strata/io/file_listing.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

#include "strata/core/error.hpp"

namespace strata {

namespace {

namespace fs = std::filesystem;

bool has_wildcard(const std::string& text) { return text.find_first_of("*?") != std::string::npos; }

bool hidden(const std::string& name) { return !name.empty() && (name[0] == '.' || name[0] == '_'); }

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// '*' is any run of characters, '?' any one (iterative, backtracking to the
// last '*').
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

struct Walker {
  const std::vector<std::string>& parts;
  const FileListingOptions& options;
  std::vector<std::string> out;

  void take_file(const fs::path& path, bool named) {
    if (named || options.extension.empty() || ends_with(path.filename().string(), options.extension))
      out.push_back(path.string());
  }

  // Every file below `folder` (what a folder or a trailing `**` means).
  void all_below(const fs::path& folder) {
    std::error_code error;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
      const std::string name = it->path().filename().string();
      if (hidden(name)) continue;
      if (it->is_directory(error)) {
        all_below(it->path());
      } else if (it->is_regular_file(error)) {
        take_file(it->path(), false);
      }
    }
  }

  void walk(const fs::path& base, size_t index) {
    std::error_code error;
    if (index == parts.size()) {
      if (fs::is_regular_file(base, error)) take_file(base, false);
      return;
    }
    const std::string& part = parts[index];
    const fs::path folder = base.empty() ? fs::path(".") : base;
    if (part == "**") {
      if (index + 1 == parts.size()) return all_below(folder);
      walk(base, index + 1);  // zero folders
      for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (!hidden(name) && it->is_directory(error)) walk(base.empty() ? fs::path(name) : base / name, index);
      }
      return;
    }
    if (!has_wildcard(part)) return walk(base / part, index + 1);
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
      const std::string name = it->path().filename().string();
      if (!wildcard_match(part, name)) continue;
      if (hidden(name) && !hidden(part)) continue;
      walk(base.empty() ? fs::path(name) : base / name, index + 1);
    }
  }
};

std::string url_decode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

}  // namespace

std::string listing_root(const std::string& path_or_glob) {
  if (!has_wildcard(path_or_glob)) {
    std::error_code error;
    if (fs::is_directory(path_or_glob, error)) return path_or_glob;
    return fs::path(path_or_glob).parent_path().string();
  }
  fs::path base;
  for (const fs::path& part : fs::path(path_or_glob)) {
    if (has_wildcard(part.string())) break;
    base /= part;
  }
  return base.string();
}

std::vector<std::string> list_files(const std::string& path_or_glob, const FileListingOptions& options) {
  std::error_code error;
  if (!has_wildcard(path_or_glob)) {
    if (fs::is_directory(path_or_glob, error)) {
      std::vector<std::string> parts;
      Walker walker{parts, options, {}};
      walker.all_below(path_or_glob);
      std::sort(walker.out.begin(), walker.out.end());
      if (walker.out.empty())
        throw IOError("the folder '" + path_or_glob + "' holds no " +
                      (options.extension.empty() ? std::string("file") : "'*" + options.extension + "' file"));
      return walker.out;
    }
    if (!fs::exists(path_or_glob, error))
      throw IOError("no such file or folder: '" + path_or_glob + "'. Hint: check the path, relative to '" +
                    fs::current_path(error).string() + "'");
    return {path_or_glob};
  }
  std::vector<std::string> parts;
  fs::path base;
  for (const fs::path& part : fs::path(path_or_glob)) {
    if (parts.empty() && !has_wildcard(part.string())) {
      base /= part;
    } else {
      parts.push_back(part.string());
    }
  }
  Walker walker{parts, options, {}};
  walker.walk(base, 0);
  std::sort(walker.out.begin(), walker.out.end());
  walker.out.erase(std::unique(walker.out.begin(), walker.out.end()), walker.out.end());
  if (walker.out.empty())
    throw IOError("no file matches the pattern '" + path_or_glob +
                  "'. Hint: '*' matches any characters within one path component, '?' one character, "
                  "'**' any number of folders");
  return walker.out;
}

std::vector<std::pair<std::string, std::string>> hive_partitions(const std::string& root, const std::string& file) {
  const fs::path relative = fs::path(file).lexically_relative(root.empty() ? fs::path(".") : fs::path(root));
  std::vector<std::pair<std::string, std::string>> out;
  const fs::path folders = (relative.empty() || relative.native().rfind("..", 0) == 0)
                               ? fs::path(file).parent_path()
                               : relative.parent_path();
  for (const fs::path& part : folders) {
    const std::string text = part.string();
    const size_t equals = text.find('=');
    if (equals == std::string::npos || equals == 0) continue;
    out.emplace_back(url_decode(text.substr(0, equals)), url_decode(text.substr(equals + 1)));
  }
  return out;
}

bool hive_partition_is_null(const std::string& value) { return value == "__HIVE_DEFAULT_PARTITION__"; }

}  // namespace strata
