#include "validate/internal/text_table.hpp"

#include <algorithm>

namespace strata::validate_internal {

namespace {

bool continues_sequence(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

}  // namespace

int64_t display_width(std::string_view text) {
  return static_cast<int64_t>(std::count_if(text.begin(), text.end(), [](char c) { return !continues_sequence(c); }));
}

std::string shorten(std::string_view text, int64_t max_width) {
  if (display_width(text) <= max_width) return std::string(text);
  int64_t kept = 0;
  size_t end = 0;
  while (end < text.size()) {
    size_t next = end + 1;
    while (next < text.size() && continues_sequence(text[next])) ++next;
    if (++kept > max_width - 1) break;
    end = next;
  }
  return std::string(text.substr(0, end)) + "…";
}

std::string render_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                         const std::vector<size_t>& right_aligned) {
  std::vector<int64_t> widths(header.size(), 0);
  const auto measure = [&](const std::vector<std::string>& cells) {
    for (size_t c = 0; c < cells.size() && c < widths.size(); ++c)
      widths[c] = std::max(widths[c], display_width(cells[c]));
  };
  measure(header);
  for (const auto& row : rows) measure(row);
  const auto render_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t c = 0; c < cells.size() && c < widths.size(); ++c) {
      const bool last = c + 1 == widths.size();
      const auto padding = static_cast<size_t>(widths[c] - display_width(cells[c]));
      const bool right = std::find(right_aligned.begin(), right_aligned.end(), c) != right_aligned.end();
      if (right) line += std::string(padding, ' ');
      line += cells[c];
      if (!right && !last) line += std::string(padding, ' ');
      if (!last) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };
  std::string out = render_row(header);
  std::vector<std::string> rule;
  for (int64_t width : widths) rule.push_back(std::string(static_cast<size_t>(width), '-'));
  out += render_row(rule);
  for (const auto& row : rows) out += render_row(row);
  return out;
}

}  // namespace strata::validate_internal
