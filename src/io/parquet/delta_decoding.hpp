#pragma once
// The DELTA family of encodings, decoding side.
//
// DELTA_BINARY_PACKED (INT32, INT64): a header <block size> <miniblocks per
// block> <total count> <first value (zigzag)>, then blocks of <min delta
// (zigzag)> <one bit width byte per miniblock> <miniblocks of bit-packed
// deltas minus min delta>. Arithmetic wraps around, as the writer's did.
// DELTA_LENGTH_BYTE_ARRAY: the lengths DELTA_BINARY_PACKED, then all the
// bytes back to back. DELTA_BYTE_ARRAY: prefix lengths shared with the
// previous value (DELTA_BINARY_PACKED), then the suffixes as
// DELTA_LENGTH_BYTE_ARRAY.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "io/parquet/encoded_values.hpp"
#include "io/parquet/physical_values.hpp"

namespace strata::parquet {

class DeltaBinaryPackedDecoder {
 public:
  /// Parses the header. Throws InvalidInputError when it is malformed.
  DeltaBinaryPackedDecoder(const uint8_t* data, size_t size);

  /// Values the encoded stream holds in total.
  int64_t total_values() const { return total_values_; }
  /// Decodes the next `count` values (count <= values left).
  template <typename T>
  void decode(T* out, int64_t count);
  /// Bytes consumed so far; after all values are decoded, where the
  /// following data starts.
  size_t position() const { return position_; }

 private:
  uint64_t read_varint();
  void load_miniblock();

  const uint8_t* data_;
  size_t size_;
  size_t position_ = 0;
  int64_t values_per_miniblock_ = 0;
  int64_t miniblocks_per_block_ = 0;
  int64_t total_values_ = 0;
  int64_t emitted_ = 0;
  uint64_t last_value_ = 0;
  uint64_t min_delta_ = 0;
  std::vector<uint8_t> bit_widths_;
  int64_t miniblock_index_ = 0;  // next miniblock to load in the current block
  std::vector<uint64_t> deltas_;
  int64_t delta_position_ = 0;
  int64_t deltas_available_ = 0;
};

/// Appends `count` DELTA_BINARY_PACKED values (INT32 or INT64 columns).
void decode_delta_binary_packed(const EncodedValues& input, int64_t count, PhysicalValues& out);
/// Appends `count` DELTA_LENGTH_BYTE_ARRAY values (BYTE_ARRAY columns);
/// views point into the page.
void decode_delta_length_byte_array(const EncodedValues& input, int64_t count, PhysicalValues& out);
/// Appends `count` DELTA_BYTE_ARRAY values (BYTE_ARRAY or
/// FIXED_LEN_BYTE_ARRAY columns); values are rebuilt into a new buffer.
void decode_delta_byte_array(const EncodedValues& input, int64_t count, PhysicalValues& out);

}  // namespace strata::parquet
