// Renders a DataFrame as a box-drawn table in the style users know from
// Polars: shape line, names, types, rows with the middle elided.
#include <algorithm>
#include <sstream>

#include "strata/frame/dataframe.hpp"

namespace strata {

namespace {

constexpr size_t kMaxCellWidth = 32;
constexpr int64_t kMaxColumns = 12;

// Display width: one per code point (combining marks and wide CJK are rare
// in tables and counted as one).
size_t display_width(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80;
  return width;
}

std::string truncate_cell(const std::string& text) {
  if (display_width(text) <= kMaxCellWidth) return text;
  std::string out;
  size_t width = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80 && ++width > kMaxCellWidth - 1) break;
    out += text[i];
  }
  return out + "…";
}

std::string cell_text(const Series& column, int64_t row) {
  const Scalar value = column.get(row);
  if (value.is_null()) return "null";
  if (column.type().id() == TypeId::String || column.type().id() == TypeId::Categorical)
    return "\"" + value.as_string() + "\"";
  auto [chunk, index] = column.data().locate(row);
  return column.data().chunks()[static_cast<size_t>(chunk)].value_to_string(index);
}

bool right_aligned(const DataType& type) { return type.is_numeric() || type.id() == TypeId::Duration; }

std::string pad(const std::string& text, size_t width, bool right) {
  const size_t fill = width > display_width(text) ? width - display_width(text) : 0;
  return right ? std::string(fill, ' ') + text : text + std::string(fill, ' ');
}

std::string repeat(const std::string& piece, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) out += piece;
  return out;
}

}  // namespace

std::string DataFrame::to_string(int64_t max_rows) const {
  std::ostringstream out;
  out << "shape: (" << height_ << ", " << width() << ")\n";
  if (columns_.empty()) return out.str() + "┌┐\n└┘";

  // Which columns and rows are shown; -1 marks the elision.
  std::vector<int64_t> shown_columns;
  if (width() <= kMaxColumns) {
    for (int64_t c = 0; c < width(); ++c) shown_columns.push_back(c);
  } else {
    for (int64_t c = 0; c < kMaxColumns / 2; ++c) shown_columns.push_back(c);
    shown_columns.push_back(-1);
    for (int64_t c = width() - kMaxColumns / 2; c < width(); ++c) shown_columns.push_back(c);
  }
  std::vector<int64_t> shown_rows;
  if (height_ <= max_rows) {
    for (int64_t r = 0; r < height_; ++r) shown_rows.push_back(r);
  } else {
    const int64_t top = (max_rows + 1) / 2, bottom = max_rows / 2;
    for (int64_t r = 0; r < top; ++r) shown_rows.push_back(r);
    shown_rows.push_back(-1);
    for (int64_t r = height_ - bottom; r < height_; ++r) shown_rows.push_back(r);
  }

  struct Rendered {
    std::string name, type;
    std::vector<std::string> cells;
    bool right = false;
    size_t width = 1;
  };
  std::vector<Rendered> rendered;
  for (int64_t c : shown_columns) {
    Rendered r;
    if (c < 0) {
      r.name = r.type = "…";
      r.cells.assign(shown_rows.size(), "…");
    } else {
      const Series& column = columns_[static_cast<size_t>(c)];
      r.name = truncate_cell(column.name());
      r.type = column.type().to_string();
      r.right = right_aligned(column.type());
      for (int64_t row : shown_rows) r.cells.push_back(row < 0 ? "…" : truncate_cell(cell_text(column, row)));
    }
    r.width = std::max({display_width(r.name), display_width(r.type), size_t{3}});
    for (const auto& cell : r.cells) r.width = std::max(r.width, display_width(cell));
    rendered.push_back(std::move(r));
  }

  auto rule = [&](const char* left, const char* fill, const char* join, const char* right) {
    out << left;
    for (size_t i = 0; i < rendered.size(); ++i)
      out << (i ? join : "") << repeat(fill, rendered[i].width + 2);
    out << right << "\n";
  };
  auto line = [&](auto&& text_of, bool use_alignment) {
    out << "│";
    for (size_t i = 0; i < rendered.size(); ++i)
      out << (i ? "┆" : "") << " " << pad(text_of(rendered[i]), rendered[i].width, use_alignment && rendered[i].right)
          << " ";
    out << "│\n";
  };
  rule("┌", "─", "┬", "┐");
  line([](const Rendered& r) { return r.name; }, false);
  line([](const Rendered&) { return std::string("---"); }, false);
  line([](const Rendered& r) { return r.type; }, false);
  rule("╞", "═", "╪", "╡");
  for (size_t row = 0; row < shown_rows.size(); ++row) line([&](const Rendered& r) { return r.cells[row]; }, true);
  rule("└", "─", "┴", "┘");
  std::string text = out.str();
  text.pop_back();  // no trailing newline, like Polars
  return text;
}

}  // namespace strata
