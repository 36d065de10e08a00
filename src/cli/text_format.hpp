#pragma once
// Human-readable rendering shared by the commands: durations, times, sizes,
// counts, and aligned tables.
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "strata/orchestrate/value.hpp"

namespace strata::cli {

/// "850 ms", "12.3 s", "4 min 05 s", "2 h 03 min".
std::string format_duration_us(int64_t microseconds);
/// Local time "2024-06-01 14:03:27".
std::string format_time_us(int64_t microseconds_since_epoch);
/// "512 B", "1.5 KiB", "3.2 MiB", "1.1 GiB".
std::string format_bytes(int64_t bytes);
/// "1,234,567".
std::string format_count(int64_t count);
/// The first 8 characters of a run id.
std::string short_run_id(const std::string& run_id);
/// A JSON metadata value as short text (strings unquoted, long values cut).
std::string format_metadata_value(const Json& value, size_t max_width = 60);
/// Number of terminal columns `text` takes (UTF-8 code points).
size_t display_width(const std::string& text);

/// A table with a header row; columns are padded to their widest cell.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  bool empty() const { return rows_.empty(); }
  /// Cells longer than `max_cell_width` are cut with "...".
  void print(std::ostream& out, size_t max_cell_width = 60) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace strata::cli
