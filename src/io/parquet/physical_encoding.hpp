#pragma once
// Writing side of values: dense Strata values converted to their Parquet
// physical representation, and the PLAIN encoding of a range of them.
#include <cstdint>
#include <string>

#include "io/parquet/writer_schema.hpp"
#include "strata/core/array.hpp"

namespace strata::parquet {

struct PhysicalColumn {
  PhysicalType type = PhysicalType::Int32;
  int width = 0;  // bytes per value for fixed-width types
  int64_t count = 0;
  /// INT32, INT64, FLOAT, DOUBLE, FIXED_LEN_BYTE_ARRAY: `count * width`
  /// bytes, little-endian (FIXED_LEN_BYTE_ARRAY as stored).
  const uint8_t* fixed = nullptr;
  BufferPtr owned;  // keeps converted values alive
  /// BOOLEAN: the values' bits.
  const uint8_t* bits = nullptr;
  /// BYTE_ARRAY: a String/Binary array holding the values.
  Array strings;
  Array source;  // keeps the source array's buffers alive
};

/// Converts dense (null-free) values of a leaf of Strata type `leaf.type`.
/// Shares the array's buffers where the layouts agree. Throws
/// InvalidInputError when a value cannot be represented (a second
/// timestamp that overflows milliseconds).
PhysicalColumn to_physical(const Array& dense, const WriteLeaf& leaf);

/// Appends the PLAIN encoding of values [begin, end) to `out`.
void encode_plain(const PhysicalColumn& column, int64_t begin, int64_t end, std::string& out);

/// The PLAIN bytes of value i (used for statistics).
std::string plain_value(const PhysicalColumn& column, int64_t i);

}  // namespace strata::parquet
