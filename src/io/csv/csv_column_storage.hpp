#pragma once
// Value and validity storage for the CSV column builders. Unlike the core
// builders they can drop rows again (a record rejected by a later column is
// removed from every column) and take values in bulk.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#include "strata/core/array.hpp"
#include "strata/core/bitmap.hpp"
#include "strata/core/memory.hpp"

namespace strata::csv {

/// Growable fixed-width values in a Buffer that becomes the array's values.
template <typename T>
class ValueStorage {
 public:
  /// Room for `extra` more values; returns where the next value goes.
  T* reserve(int64_t extra) {
    const int64_t needed = (length_ + extra) * static_cast<int64_t>(sizeof(T));
    if (needed > buffer_->size()) buffer_->resize(std::max<int64_t>(needed, buffer_->size() * 2));
    return buffer_->as<T>() + length_;
  }
  /// Appends one value; reserve() must have made room.
  void push_reserved(T value) { buffer_->as<T>()[length_++] = value; }
  void push(T value) {
    reserve(1);
    push_reserved(value);
  }
  int64_t length() const { return length_; }
  const T* data() const { return buffer_->as<T>(); }
  T* data() { return buffer_->as<T>(); }
  void truncate(int64_t length) { length_ = length; }
  /// Hands the buffer over, trimmed to the values written.
  BufferPtr finish() {
    buffer_->resize(length_ * static_cast<int64_t>(sizeof(T)));
    BufferPtr result = std::move(buffer_);
    buffer_ = Buffer::allocate(0);
    length_ = 0;
    return result;
  }

 private:
  BufferPtr buffer_ = Buffer::allocate(0);
  int64_t length_ = 0;
};

/// Validity as one byte per row, allocated at the first null (most CSV
/// columns have none), packed into a bitmap at the end.
class NullMask {
 public:
  void append_valid() {
    if (!valid_.empty()) valid_.push_back(1);
    ++length_;
  }
  void append_null() {
    if (valid_.empty()) valid_.assign(static_cast<size_t>(length_), 1);
    valid_.push_back(0);
    ++length_;
  }
  void append_nulls(int64_t count) {
    for (int64_t i = 0; i < count; ++i) append_null();
  }
  bool any_null() const { return !valid_.empty(); }
  bool is_valid(int64_t row) const { return valid_.empty() || valid_[static_cast<size_t>(row)]; }
  int64_t length() const { return length_; }

  /// Removes rows first_row + offsets[i] (offsets sorted ascending, unique),
  /// moving later rows down, and applies the same removal to `values` via
  /// `move_row(from, to)`.
  template <typename MoveRow>
  void remove_rows(int64_t first_row, std::span<const int64_t> offsets, MoveRow&& move_row) {
    int64_t write = first_row + offsets[0];
    size_t next = 0;
    for (int64_t read = write; read < length_; ++read) {
      if (next < offsets.size() && read == first_row + offsets[next]) {
        ++next;
        continue;
      }
      move_row(read, write);
      if (!valid_.empty()) valid_[static_cast<size_t>(write)] = valid_[static_cast<size_t>(read)];
      ++write;
    }
    length_ = write;
    if (!valid_.empty()) valid_.resize(static_cast<size_t>(length_));
  }

  /// Sets data.validity and data.null_count.
  void finish_into(ArrayData& data) {
    if (!valid_.empty()) {
      data.validity = bitmap::make_zeroed(length_);
      uint8_t* bits = data.validity->data();
      for (int64_t i = 0; i < length_; ++i)
        if (valid_[static_cast<size_t>(i)]) bitmap::set(bits, i);
    }
    finish_validity(data);
    valid_.clear();
    length_ = 0;
  }

 private:
  std::vector<uint8_t> valid_;
  int64_t length_ = 0;
};

}  // namespace strata::csv
