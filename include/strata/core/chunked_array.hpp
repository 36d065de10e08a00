#pragma once
// A column: a logical sequence of values stored as several arrays (chunks)
// of one type. Appending adds a chunk without copying; kernels process
// chunks in parallel.
#include <vector>

#include "strata/core/array.hpp"

namespace strata {

class ChunkedArray {
 public:
  ChunkedArray() = default;
  explicit ChunkedArray(Array array);
  /// All chunks must have `type`; empty chunks are dropped.
  ChunkedArray(DataType type, std::vector<Array> chunks);

  const DataType& type() const { return type_; }
  int64_t length() const { return length_; }
  int64_t null_count() const;
  const std::vector<Array>& chunks() const { return chunks_; }
  int64_t num_chunks() const { return static_cast<int64_t>(chunks_.size()); }

  /// One contiguous array (cached per call site by the caller; no copy when
  /// there is exactly one chunk).
  Array combine() const;
  /// Locates a logical row: (chunk index, row inside chunk).
  std::pair<int64_t, int64_t> locate(int64_t row) const;
  bool is_null(int64_t row) const;
  /// Rows [offset, offset + length): whole chunks are shared, edges sliced.
  ChunkedArray slice(int64_t offset, int64_t length) const;
  /// This column followed by `other` (same type), sharing chunks.
  ChunkedArray append(const ChunkedArray& other) const;

 private:
  DataType type_;
  std::vector<Array> chunks_;
  int64_t length_ = 0;
};

}  // namespace strata
