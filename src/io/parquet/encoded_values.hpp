#pragma once
// The values section of one decompressed page, as handed to the value
// decoders: a byte range inside `page`, which decoders may keep alive and
// point string views into.
#include <cstddef>
#include <cstdint>

#include "strata/core/memory.hpp"

namespace strata::parquet {

struct EncodedValues {
  const BufferPtr& page;
  const uint8_t* data;  // inside page
  size_t size;

  /// Offset of `pointer` (inside data) from the start of the page buffer.
  size_t page_offset(const uint8_t* pointer) const { return static_cast<size_t>(pointer - page->data()); }
};

}  // namespace strata::parquet
