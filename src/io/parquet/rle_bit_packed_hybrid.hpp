#pragma once
// The RLE / bit-packed hybrid encoding, used for repetition and definition
// levels, dictionary indices and (RLE-encoded) booleans. The data is a
// sequence of runs, each starting with a ULEB128 header: an even header h
// is a repeated run of h/2 copies of one value stored in ceil(width/8)
// little-endian bytes; an odd header h is (h/2) groups of 8 values
// bit-packed LSB first.
#include <cstddef>
#include <cstdint>
#include <string>

namespace strata::parquet {

/// Streams values out of one hybrid-encoded buffer the decoder does not
/// own. Bounds-checked: corrupt input gives InvalidInputError or fewer
/// values, never an over-read.
class RleBitPackedDecoder {
 public:
  /// `bit_width` must be 0..32.
  RleBitPackedDecoder(const uint8_t* data, size_t size, int bit_width);

  /// Decodes up to `count` values into `out`; returns the number decoded,
  /// which is less than `count` only when the input is exhausted.
  template <typename T>
  int64_t decode(T* out, int64_t count);

  /// Whether the next `count` values are `value`, all in one repeated run
  /// (then they are skipped); a fast check for pages of one level.
  bool skip_run_of(uint32_t value, int64_t count);

  /// Bytes consumed so far (the end of the last run that was started).
  size_t position() const { return position_; }

 private:
  bool next_run();

  const uint8_t* data_;
  size_t size_;
  size_t position_ = 0;
  int bit_width_;
  bool literal_ = false;
  int64_t remaining_ = 0;      // values left in the current run
  uint32_t repeated_value_ = 0;
  const uint8_t* literal_data_ = nullptr;  // start of the current bit-packed run
  size_t literal_size_ = 0;
  int64_t literal_index_ = 0;  // values of the bit-packed run already consumed
};

/// Appends the hybrid encoding of `values` (each < 2^bit_width) to `out`:
/// runs of 8 or more equal values become repeated runs, the rest
/// bit-packed groups (the last group padded with zeros).
template <typename T>
void encode_rle_bit_packed(const T* values, int64_t count, int bit_width, std::string& out);

/// Bits needed to store values 0..max_value (0 for max_value 0).
int bit_width_for(uint64_t max_value);

}  // namespace strata::parquet
