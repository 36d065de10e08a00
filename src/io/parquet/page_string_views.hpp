#pragma once
// String views of BYTE_ARRAY values that lie inside a decompressed page
// (PLAIN and DELTA_LENGTH_BYTE_ARRAY store them back to back): values of up
// to 12 bytes are copied inline, longer ones point into the page, which is
// registered with the output as a data buffer on first use, so a page of
// short strings is not kept alive.
#include <cstdint>
#include <string_view>

#include "io/parquet/encoded_values.hpp"
#include "io/parquet/physical_values.hpp"
#include "strata/core/string_view.hpp"

namespace strata::parquet {

class PageStringViews {
 public:
  PageStringViews(const EncodedValues& input, PhysicalValues& out) : input_(input), out_(out) {}

  /// The view of `length` bytes at `value`, which must lie inside the page.
  StringView operator()(const uint8_t* value, size_t length) {
    const std::string_view text(reinterpret_cast<const char*>(value), length);
    if (length <= StringView::kInlineSize) return StringView::make_inline(text);
    if (buffer_index_ < 0) buffer_index_ = out_.add_data_buffer(input_.page);
    return StringView::make_ref(text, static_cast<uint32_t>(buffer_index_),
                                static_cast<uint32_t>(input_.page_offset(value)));
  }

 private:
  const EncodedValues& input_;
  PhysicalValues& out_;
  int64_t buffer_index_ = -1;
};

}  // namespace strata::parquet
