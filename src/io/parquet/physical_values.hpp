#pragma once
// PhysicalValues: the values of one column chunk as the decoders produce
// them, densely (nulls have no slot) and still in their Parquet physical
// representation:
//   BOOLEAN               bits, LSB first
//   INT32/FLOAT           4 bytes per value, little-endian
//   INT64/DOUBLE          8 bytes
//   INT96                 12 bytes
//   FIXED_LEN_BYTE_ARRAY  type_length bytes
//   BYTE_ARRAY            16-byte StringViews into `data_buffers()`
// The type bridge (type_bridge.hpp) turns them into a Strata array, mostly
// without copying.
#include <cstdint>
#include <vector>

#include "io/parquet/parquet_format.hpp"
#include "strata/core/memory.hpp"

namespace strata::parquet {

class PhysicalValues {
 public:
  PhysicalValues(PhysicalType type, int32_t type_length);

  PhysicalType type() const { return type_; }
  /// Bytes per value (16 for BYTE_ARRAY views); 0 for BOOLEAN (bits).
  int value_width() const { return width_; }
  int64_t size() const { return size_; }

  /// Space for at least `count` values in total.
  void reserve(int64_t count);
  /// Appends `count` values and returns where their bytes go (not for
  /// BOOLEAN). The pointer is valid until the next extend/append.
  uint8_t* extend(int64_t count);
  /// BOOLEAN: appends `count` bits of `bits` starting at bit `bit_offset`.
  void append_bits(const uint8_t* bits, int64_t bit_offset, int64_t count);
  /// BOOLEAN: appends `count` copies of `value`.
  void append_repeated_bit(bool value, int64_t count);

  const uint8_t* data() const { return values_->data(); }
  uint8_t* mutable_data() { return values_->data(); }
  /// The value buffer, sized to the values (hand-off to an array).
  BufferPtr finish_buffer();

  /// BYTE_ARRAY: registers a buffer that views point into; returns its index.
  uint32_t add_data_buffer(BufferPtr buffer);
  const std::vector<BufferPtr>& data_buffers() const { return data_buffers_; }
  std::vector<BufferPtr> take_data_buffers() { return std::move(data_buffers_); }

 private:
  PhysicalType type_;
  int width_;
  int64_t size_ = 0;
  BufferPtr values_;
  std::vector<BufferPtr> data_buffers_;
};

}  // namespace strata::parquet
