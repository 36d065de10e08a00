#pragma once
// Splitting a list held in one string (run tags, multi-partition keys).
#include <string>
#include <vector>

namespace strata::internal {

/// The pieces of `text` between `separator`s; "" gives one empty piece.
inline std::vector<std::string> split_at(const std::string& text, char separator) {
  std::vector<std::string> pieces;
  size_t start = 0;
  while (true) {
    const size_t at = text.find(separator, start);
    pieces.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return pieces;
    start = at + 1;
  }
}

}  // namespace strata::internal
