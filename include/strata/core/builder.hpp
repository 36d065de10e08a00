#pragma once
// Builders append values one at a time (or in bulk) and produce an immutable
// Array. They are the one way kernels, readers and user code create arrays.
// A builder is single-threaded; parallel producers use one builder each and
// combine the resulting chunks.
#include <optional>
#include <string_view>
#include <vector>

#include "strata/core/array.hpp"
#include "strata/core/scalar.hpp"

namespace strata {

/// Validity bits, allocated lazily at the first null.
class ValidityBuilder {
 public:
  void reserve(int64_t capacity);
  void append(bool valid) {
    if (!valid && !bits_) materialize();
    if (bits_) {
      ensure(length_ + 1);
      bitmap::set_to(bits_->data(), length_, valid);
    }
    ++length_;
  }
  void append_valid(int64_t count);
  int64_t length() const { return length_; }
  /// Hands the bitmap to `data` and counts nulls.
  void finish_into(ArrayData& data);

 private:
  void materialize();
  void ensure(int64_t bits);
  BufferPtr bits_;
  int64_t length_ = 0;
  int64_t capacity_ = 0;
};

/// Fixed-width values: integers, floats, decimals (Int128), dates (int32_t),
/// times/timestamps/durations (int64_t), categorical codes (uint32_t).
template <typename T>
class FixedWidthBuilder {
 public:
  explicit FixedWidthBuilder(DataType type) : type_(std::move(type)), values_(Buffer::allocate(0)) {}

  void reserve(int64_t capacity) {
    values_->reserve(capacity * static_cast<int64_t>(sizeof(T)));
    validity_.reserve(capacity);
  }
  void append(T value) {
    grow(1);
    values_->template as<T>()[length_++] = value;
    validity_.append(true);
  }
  void append_null() {
    grow(1);
    values_->template as<T>()[length_++] = T{};
    validity_.append(false);
  }
  void append(const std::optional<T>& value) {
    if (value) append(*value); else append_null();
  }
  void append_values(const T* values, int64_t count) {
    if (count <= 0) return;
    grow(count);
    std::memcpy(values_->template as<T>() + length_, values, static_cast<size_t>(count) * sizeof(T));
    length_ += count;
    validity_.append_valid(count);
  }
  int64_t length() const { return length_; }
  /// Direct access to the values written so far (for in-place updates).
  T* mutable_values() { return values_->template as<T>(); }

  Array finish() {
    auto data = std::make_shared<ArrayData>();
    data->type = type_;
    data->length = length_;
    values_->resize(length_ * static_cast<int64_t>(sizeof(T)));
    data->values = std::move(values_);
    validity_.finish_into(*data);
    values_ = Buffer::allocate(0);
    validity_ = ValidityBuilder();
    length_ = 0;
    return Array(std::move(data));
  }

 private:
  void grow(int64_t extra) {
    const int64_t needed = (length_ + extra) * static_cast<int64_t>(sizeof(T));
    if (needed > values_->capacity()) values_->reserve(std::max<int64_t>(needed, values_->capacity() * 2 + 64));
    values_->resize(needed);
  }
  DataType type_;
  BufferPtr values_;
  ValidityBuilder validity_;
  int64_t length_ = 0;
};

class BoolBuilder {
 public:
  void reserve(int64_t capacity);
  void append(bool value);
  void append_null();
  void append(const std::optional<bool>& value) { if (value) append(*value); else append_null(); }
  int64_t length() const { return length_; }
  Array finish();

 private:
  void append_bit(bool value);
  BufferPtr values_ = Buffer::allocate(0);
  ValidityBuilder validity_;
  int64_t length_ = 0;
};

/// String or Binary values as views; long strings are copied into data
/// buffers owned by the resulting array.
class StringBuilder {
 public:
  explicit StringBuilder(DataType type = DataType::string());
  void reserve(int64_t capacity);
  void append(std::string_view value);
  void append_null();
  void append(const std::optional<std::string_view>& value) { if (value) append(*value); else append_null(); }
  /// Appends a view that points into `source`'s data buffers, sharing them.
  void append_view_from(const Array& source, int64_t row);
  int64_t length() const { return static_cast<int64_t>(views_.size()); }
  Array finish();

 private:
  static constexpr int64_t kDataBufferSize = 1 << 20;
  uint32_t buffer_for_shared(const ArrayData& source, uint32_t index);
  DataType type_;
  std::vector<StringView> views_;
  ValidityBuilder validity_;
  std::vector<BufferPtr> buffers_;
  BufferPtr current_;  // the buffer long strings are being appended to
  const ArrayData* last_shared_source_ = nullptr;
  std::vector<int64_t> shared_index_map_;  // source buffer index -> ours
};

/// Builds an array from C++ values, std::nullopt meaning null.
Array make_int64_array(const std::vector<std::optional<int64_t>>& values);
Array make_float64_array(const std::vector<std::optional<double>>& values);
Array make_bool_array(const std::vector<std::optional<bool>>& values);
Array make_string_array(const std::vector<std::optional<std::string>>& values);

/// An array of `length` copies of `value` (nulls if the scalar is null).
Array make_array_from_scalar(const Scalar& value, int64_t length);

/// Reads value i of an array as a Scalar.
Scalar array_value(const Array& array, int64_t i);

/// Concatenates arrays of one type into a single array.
Array concat_arrays(const std::vector<Array>& arrays);

/// Categorical from strings: builds the dictionary in first-seen order.
Array make_categorical(const Array& strings);
/// Categorical: the codes replaced by their strings.
Array decode_categorical(const Array& categorical);

}  // namespace strata
