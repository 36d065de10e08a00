#include "strata/core/chunked_array.hpp"

#include <algorithm>

#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"

namespace strata {

ChunkedArray::ChunkedArray(Array array) : type_(array.type()), length_(array.length()) {
  if (array.length() > 0) chunks_.push_back(std::move(array));
}

ChunkedArray::ChunkedArray(DataType type, std::vector<Array> chunks) : type_(std::move(type)) {
  for (auto& chunk : chunks) {
    if (chunk.type() != type_)
      throw SchemaError("chunk of type " + chunk.type().to_string() + " in a column of type " + type_.to_string());
    if (chunk.length() == 0) continue;
    length_ += chunk.length();
    chunks_.push_back(std::move(chunk));
  }
}

int64_t ChunkedArray::null_count() const {
  int64_t count = 0;
  for (const auto& chunk : chunks_) count += chunk.null_count();
  return count;
}

Array ChunkedArray::combine() const {
  if (chunks_.empty()) return make_null_array(type_, 0);
  if (chunks_.size() == 1) return chunks_[0];
  return concat_arrays(chunks_);
}

std::pair<int64_t, int64_t> ChunkedArray::locate(int64_t row) const {
  if (row < 0 || row >= length_)
    throw InvalidInputError("row " + std::to_string(row) + " out of bounds for length " + std::to_string(length_));
  for (size_t c = 0; c < chunks_.size(); ++c) {
    if (row < chunks_[c].length()) return {static_cast<int64_t>(c), row};
    row -= chunks_[c].length();
  }
  throw InternalError("ChunkedArray::locate ran past the last chunk");
}

bool ChunkedArray::is_null(int64_t row) const {
  auto [chunk, index] = locate(row);
  return chunks_[static_cast<size_t>(chunk)].is_null(index);
}

ChunkedArray ChunkedArray::slice(int64_t offset, int64_t length) const {
  offset = std::clamp<int64_t>(offset, 0, length_);
  length = std::clamp<int64_t>(length, 0, length_ - offset);
  std::vector<Array> out;
  int64_t start = 0;
  for (const auto& chunk : chunks_) {
    const int64_t end = start + chunk.length();
    const int64_t lo = std::max(start, offset), hi = std::min(end, offset + length);
    if (lo < hi) out.push_back(chunk.slice(lo - start, hi - lo));
    start = end;
  }
  return ChunkedArray(type_, std::move(out));
}

ChunkedArray ChunkedArray::append(const ChunkedArray& other) const {
  if (other.type_ != type_)
    throw SchemaError("cannot append a column of type " + other.type_.to_string() + " to one of type " +
                      type_.to_string());
  std::vector<Array> chunks = chunks_;
  chunks.insert(chunks.end(), other.chunks_.begin(), other.chunks_.end());
  return ChunkedArray(type_, std::move(chunks));
}

}  // namespace strata
