#include "cli/text_format.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace strata::cli {

namespace {

/// Cuts `text` to at most `width` code points, ending with "...".
std::string cut(const std::string& text, size_t width) {
  if (display_width(text) <= width || width < 4) return text;
  std::string out;
  size_t points = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) {
      if (points == width - 3) break;
      ++points;
    }
    out += text[i];
  }
  return out + "...";
}

}  // namespace

size_t display_width(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++width;
  return width;
}

std::string format_duration_us(int64_t microseconds) {
  char buffer[64];
  const double ms = static_cast<double>(microseconds) / 1000.0;
  if (ms < 1000.0) {
    std::snprintf(buffer, sizeof(buffer), "%.0f ms", ms);
  } else if (ms < 60'000.0) {
    std::snprintf(buffer, sizeof(buffer), "%.1f s", ms / 1000.0);
  } else if (ms < 3'600'000.0) {
    const int64_t seconds = microseconds / 1'000'000;
    std::snprintf(buffer, sizeof(buffer), "%lld min %02lld s", static_cast<long long>(seconds / 60),
                  static_cast<long long>(seconds % 60));
  } else {
    const int64_t minutes = microseconds / 60'000'000;
    std::snprintf(buffer, sizeof(buffer), "%lld h %02lld min", static_cast<long long>(minutes / 60),
                  static_cast<long long>(minutes % 60));
  }
  return buffer;
}

std::string format_time_us(int64_t microseconds_since_epoch) {
  std::time_t seconds = static_cast<std::time_t>(microseconds_since_epoch / 1'000'000);
  std::tm local{};
  localtime_r(&seconds, &local);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%d %H:%M:%S", &local);
  return buffer;
}

std::string format_bytes(int64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024.0 && unit < 4) {
    value /= 1024.0;
    ++unit;
  }
  char buffer[32];
  if (unit == 0) {
    std::snprintf(buffer, sizeof(buffer), "%lld B", static_cast<long long>(bytes));
  } else {
    std::snprintf(buffer, sizeof(buffer), "%.1f %s", value, units[unit]);
  }
  return buffer;
}

std::string format_count(int64_t count) {
  std::string digits = std::to_string(count);
  if (count < 0) digits.erase(0, 1);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return count < 0 ? "-" + out : out;
}

std::string short_run_id(const std::string& run_id) { return run_id.substr(0, 8); }

std::string format_metadata_value(const Json& value, size_t max_width) {
  std::string text;
  if (value.is_string()) {
    text = value.get<std::string>();
  } else if (value.is_number_integer() && !value.is_number_unsigned()) {
    text = format_count(value.get<int64_t>());
  } else {
    text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  return cut(text, max_width);
}

void TextTable::print(std::ostream& out, size_t max_cell_width) const {
  std::vector<size_t> widths(header_.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], std::min(display_width(row[i]), max_cell_width));
  };
  measure(header_);
  for (const auto& row : rows_) measure(row);
  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t i = 0; i < widths.size(); ++i) {
      std::string cell = i < row.size() ? cut(row[i], max_cell_width) : "";
      line += cell;
      if (i + 1 < widths.size()) line += std::string(widths[i] - display_width(cell) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  };
  print_row(header_);
  for (const auto& row : rows_) print_row(row);
}

}  // namespace strata::cli
