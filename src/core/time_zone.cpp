#include "strata/core/time_zone.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "core/internal/zone_rules.hpp"
#include "strata/core/error.hpp"
#include "strata/core/types.hpp"

namespace strata {
namespace {

namespace fs = std::filesystem;
using detail::LocalTimeType;
using detail::ZoneRules;

constexpr const char* kDefaultZoneDirectory = "/usr/share/zoneinfo";
// Real zone files are a few kilobytes; anything this large is not one.
constexpr uintmax_t kMaxZoneFileBytes = 1 << 20;

std::shared_ptr<const ZoneRules> fixed_rules(std::string name, int32_t utoff, std::string abbreviation) {
  auto rules = std::make_shared<ZoneRules>();
  rules->name = std::move(name);
  rules->types.push_back({utoff, false, std::move(abbreviation)});
  return rules;
}

/// "+05:30", "-08:00", "+05:30:15", "+0530", "+05" as seconds east of UTC.
std::optional<int32_t> parse_fixed_offset(const std::string& text) {
  if (text.size() < 3 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  std::string digits;
  for (size_t i = 1; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ':') {
      if (i != 3 && i != 6) return std::nullopt;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    digits += c;
  }
  if (digits.size() != 2 && digits.size() != 4 && digits.size() != 6) return std::nullopt;
  // Colons, when used, separate every field: "+05:30", never "+0530:15".
  const bool has_colon = text.find(':') != std::string::npos;
  if (has_colon && text.size() != 1 + digits.size() + digits.size() / 2 - 1) return std::nullopt;
  const int hours = std::stoi(digits.substr(0, 2));
  const int minutes = digits.size() >= 4 ? std::stoi(digits.substr(2, 2)) : 0;
  const int seconds = digits.size() == 6 ? std::stoi(digits.substr(4, 2)) : 0;
  if (hours > 24 || minutes > 59 || seconds > 59) return std::nullopt;
  const int32_t magnitude = hours * 3600 + minutes * 60 + seconds;
  return text[0] == '-' ? -magnitude : magnitude;
}

std::string format_fixed_offset(int32_t utoff) {
  const int32_t magnitude = utoff < 0 ? -utoff : utoff;
  char text[16];
  const int h = magnitude / 3600, m = magnitude / 60 % 60, s = magnitude % 60;
  if (s != 0) {
    std::snprintf(text, sizeof text, "%c%02d:%02d:%02d", utoff < 0 ? '-' : '+', h, m, s);
  } else {
    std::snprintf(text, sizeof text, "%c%02d:%02d", utoff < 0 ? '-' : '+', h, m);
  }
  return text;
}

bool is_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '+' ||
         c == '-' || c == '/';
}

/// Why `name` may not be looked up as a file, or "" when it may.
std::string name_problem(const std::string& name) {
  if (name.empty()) return "the name is empty";
  if (name.size() > 255) return "the name is longer than 255 characters";
  for (const char c : name) {
    if (!is_name_char(c)) return "only letters, digits and '_', '+', '-', '/' are allowed";
  }
  if (name.front() == '/') return "absolute paths are not zone names";
  if (name.back() == '/' || name.find("//") != std::string::npos) return "a path component is empty";
  if (name.find("..") != std::string::npos) return "'..' is not allowed";
  return "";
}

std::string zone_directory() {
  const char* from_env = std::getenv("TZDIR");
  return from_env != nullptr && *from_env != '\0' ? from_env : kDefaultZoneDirectory;
}

/// The zone names under `directory`, sorted, for "did you mean" hints.
std::vector<std::string> zone_names(const std::string& directory) {
  std::vector<std::string> names;
  std::error_code error;
  fs::recursive_directory_iterator it(directory, fs::directory_options::skip_permission_denied, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const std::string relative = fs::path(it->path()).lexically_relative(directory).generic_string();
    // "posix/" and "right/" repeat every zone; lower-case files are tables, not zones.
    if (it->is_directory(error)) {
      if (relative == "posix" || relative == "right") it.disable_recursion_pending();
      continue;
    }
    if (relative.empty() || !(relative[0] >= 'A' && relative[0] <= 'Z') || !name_problem(relative).empty()) continue;
    names.push_back(relative);
    if (names.size() > 10000) break;
  }
  std::sort(names.begin(), names.end());
  return names;
}

[[noreturn]] void throw_unknown_zone(const std::string& name, const std::string& directory) {
  std::string message = "unknown time zone '" + name + "' (no such zone in " + directory + ")";
  const std::string hint = closest_name(name, zone_names(directory));
  if (!hint.empty()) message += "; did you mean '" + hint + "'?";
  throw InvalidInputError(message);
}

std::shared_ptr<const ZoneRules> read_zone_file(const std::string& name, const std::string& directory,
                                                const std::string& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) throw_unknown_zone(name, directory);
  const uintmax_t size = fs::file_size(path, error);
  if (error) throw InvalidInputError("time zone '" + name + "': cannot read " + path + ": " + error.message());
  if (size > kMaxZoneFileBytes) {
    throw InvalidInputError("time zone '" + name + "': " + path + " is " + std::to_string(size) +
                            " bytes, too large for a zone file");
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<size_t>(size), '\0');
  if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    throw InvalidInputError("time zone '" + name + "': cannot read " + path);
  }
  try {
    auto rules = std::make_shared<ZoneRules>(detail::parse_tzif(bytes));
    rules->name = name;
    return rules;
  } catch (const std::invalid_argument& e) {
    throw InvalidInputError("time zone '" + name + "': malformed zone file " + path + ": " + e.what());
  }
}

// Zones already read, by file path (so that a different TZDIR reads its own files).
std::mutex cache_mutex;
std::map<std::string, std::shared_ptr<const ZoneRules>>& zone_cache() {
  static std::map<std::string, std::shared_ptr<const ZoneRules>> cache;
  return cache;
}

int64_t saturating_add(int64_t a, int64_t b) {
  int64_t sum;
  if (__builtin_add_overflow(a, b, &sum)) return b > 0 ? INT64_MAX : INT64_MIN;
  return sum;
}

}  // namespace

TimeZone TimeZone::utc() {
  static const auto rules = fixed_rules("UTC", 0, "UTC");
  return TimeZone(rules);
}

TimeZone TimeZone::load(const std::string& name) {
  if (name == "UTC" || name == "Z") return utc();
  if (name.size() > 1 && (name[0] == '+' || name[0] == '-')) {
    const auto utoff = parse_fixed_offset(name);
    if (!utoff) {
      throw InvalidInputError("invalid time zone offset '" + name +
                              "'; expected +HH:MM, -HH:MM, +HHMM or +HH (hours up to 24)");
    }
    const std::string canonical = format_fixed_offset(*utoff);
    return TimeZone(fixed_rules(canonical, *utoff, canonical));
  }
  if (const std::string problem = name_problem(name); !problem.empty()) {
    throw InvalidInputError("invalid time zone name '" + name + "': " + problem);
  }
  const std::string directory = zone_directory();
  const std::string path = directory + "/" + name;
  {
    const std::lock_guard<std::mutex> lock(cache_mutex);
    const auto found = zone_cache().find(path);
    if (found != zone_cache().end()) return TimeZone(found->second);
  }
  auto rules = read_zone_file(name, directory, path);
  const std::lock_guard<std::mutex> lock(cache_mutex);
  return TimeZone(zone_cache().emplace(path, std::move(rules)).first->second);
}

const std::string& TimeZone::name() const { return rules_->name; }

int32_t TimeZone::offset_at(int64_t utc_seconds) const { return rules_->type_at(utc_seconds).utoff; }

std::string TimeZone::abbreviation_at(int64_t utc_seconds) const {
  return rules_->type_at(utc_seconds).abbreviation;
}

std::optional<int64_t> TimeZone::to_utc(int64_t local_seconds, AmbiguousTime choose) const {
  // Every instant u with u + offset_at(u) == local_seconds lies within the largest offset of
  // local_seconds, so the offsets in force over that window are the only candidates.
  const int64_t window = detail::kMaxUtcOffset + 1;
  const int64_t lo = saturating_add(local_seconds, -window);
  const int64_t hi = saturating_add(local_seconds, window);
  std::vector<int32_t> offsets{offset_at(lo)};
  for (const int64_t change : rules_->changes_between(lo, hi)) offsets.push_back(offset_at(change));
  std::sort(offsets.begin(), offsets.end());
  offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());

  std::optional<int64_t> earliest, latest;
  for (const int32_t offset : offsets) {
    int64_t utc;
    if (__builtin_sub_overflow(local_seconds, int64_t{offset}, &utc) || offset_at(utc) != offset) continue;
    if (!earliest || utc < *earliest) earliest = utc;
    if (!latest || utc > *latest) latest = utc;
  }
  return choose == AmbiguousTime::Earliest ? earliest : latest;
}

int64_t TimeZone::to_local(int64_t utc_seconds) const {
  return saturating_add(utc_seconds, offset_at(utc_seconds));
}

}  // namespace strata
