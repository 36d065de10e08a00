#pragma once
// Plain-text tables for terminals: columns padded to the widest cell by
// display width (code points of UTF-8 text), a dashed rule under the header.
#include <string>
#include <string_view>
#include <vector>

namespace strata::validate_internal {

/// Code points in UTF-8 text (bytes that do not continue a sequence).
int64_t display_width(std::string_view text);

/// `text` cut to at most `max_width` code points, ending in "…" when cut.
std::string shorten(std::string_view text, int64_t max_width);

/// Renders rows under a header; columns listed in `right_aligned` (by
/// index) are right-aligned. The last column is not padded.
std::string render_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                         const std::vector<size_t>& right_aligned = {});

}  // namespace strata::validate_internal
