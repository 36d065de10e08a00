#include "io/parquet/plain_decoding.hpp"

#include <cstring>

#include "io/parquet/page_string_views.hpp"
#include "io/parquet/parquet_error.hpp"
#include "strata/core/bitmap.hpp"
#include "strata/core/string_view.hpp"

namespace strata::parquet {

namespace {

void decode_plain_byte_array(const EncodedValues& input, int64_t count, PhysicalValues& out) {
  // Every value takes at least its 4-byte length: check before allocating.
  if (static_cast<size_t>(count) > input.size / 4)
    throw_corrupt("a PLAIN BYTE_ARRAY page of " + std::to_string(input.size) + " bytes cannot hold " +
                  std::to_string(count) + " values");
  auto* views = reinterpret_cast<StringView*>(out.extend(count));
  const uint8_t* p = input.data;
  const uint8_t* const end = input.data + input.size;
  PageStringViews view_of(input, out);
  for (int64_t i = 0; i < count; ++i) {
    if (end - p < 4) throw_corrupt("a PLAIN BYTE_ARRAY page ends after " + std::to_string(i) + " of " +
                                   std::to_string(count) + " values");
    uint32_t length;
    std::memcpy(&length, p, 4);
    p += 4;
    if (length > static_cast<size_t>(end - p))
      throw_corrupt("a PLAIN BYTE_ARRAY value of " + std::to_string(length) + " bytes overruns its page (" +
                    std::to_string(end - p) + " bytes remain)");
    views[i] = view_of(p, length);
    p += length;
  }
}

}  // namespace

void decode_plain(const EncodedValues& input, int64_t count, PhysicalValues& out) {
  if (count <= 0) return;
  switch (out.type()) {
    case PhysicalType::Boolean: {
      if (static_cast<size_t>(bitmap::bytes_for(count)) > input.size)
        throw_corrupt("a PLAIN BOOLEAN page holds " + std::to_string(input.size * 8) + " bits but " +
                      std::to_string(count) + " values are expected");
      out.append_bits(input.data, 0, count);
      return;
    }
    case PhysicalType::ByteArray: decode_plain_byte_array(input, count, out); return;
    default: {
      const size_t width = static_cast<size_t>(out.value_width());
      if (static_cast<size_t>(count) > input.size / width)
        throw_corrupt("a PLAIN " + physical_type_name(out.type()) + " page holds " + std::to_string(input.size) +
                      " bytes, too few for " + std::to_string(count) + " values of " + std::to_string(width) +
                      " bytes");
      std::memcpy(out.extend(count), input.data, static_cast<size_t>(count) * width);
      return;
    }
  }
}

}  // namespace strata::parquet
