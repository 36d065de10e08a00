#pragma once
// Immutable arrays in the Arrow columnar layout (see types.hpp for the
// physical representation of each type). An Array is a cheap, shareable
// handle to ArrayData; arrays never change after construction, so they can
// be read from many threads at once.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "strata/core/bitmap.hpp"
#include "strata/core/memory.hpp"
#include "strata/core/string_view.hpp"
#include "strata/core/types.hpp"

namespace strata {

class Array;

struct ArrayData {
  DataType type;
  int64_t length = 0;
  int64_t null_count = 0;
  BufferPtr validity;  // bit set = valid; nullptr = no nulls (except type Null)
  BufferPtr values;    // fixed-width values, bools, views, codes or list offsets
  std::vector<BufferPtr> string_data;  // String/Binary: buffers the views point into
  std::vector<std::shared_ptr<const ArrayData>> children;  // List: item; Struct: fields
  std::shared_ptr<const ArrayData> dictionary;  // Categorical: String dictionary
};

class Array {
 public:
  Array();  // an empty Null array
  explicit Array(std::shared_ptr<const ArrayData> data);

  const DataType& type() const { return data_->type; }
  int64_t length() const { return data_->length; }
  int64_t null_count() const { return data_->null_count; }
  const ArrayData& data() const { return *data_; }
  const std::shared_ptr<const ArrayData>& data_ptr() const { return data_; }

  bool is_valid(int64_t i) const {
    if (data_->null_count == 0) return true;
    if (!data_->validity) return false;  // Null type: nothing is valid
    return bitmap::get(data_->validity->data(), i);
  }
  bool is_null(int64_t i) const { return !is_valid(i); }
  /// The validity bitmap, or nullptr when every value is valid.
  const uint8_t* validity_bits() const {
    return data_->validity ? data_->validity->data() : nullptr;
  }

  /// Fixed-width values of physical type T (int32_t for Date, int64_t for
  /// temporal types, __int128 for Decimal, uint32_t codes for Categorical).
  template <typename T> const T* values() const { return data_->values->as<T>(); }
  /// Bool values as a bitmap.
  const uint8_t* bool_bits() const { return data_->values->data(); }
  bool bool_at(int64_t i) const { return bitmap::get(bool_bits(), i); }

  const StringView* views() const { return values<StringView>(); }
  /// The bytes of string/binary value i (undefined contents when null).
  std::string_view string_at(int64_t i) const { return resolve(views()[i]); }
  std::string_view resolve(const StringView& view) const {
    if (view.is_inline()) return {view.inlined, view.size};
    return {reinterpret_cast<const char*>(data_->string_data[view.ref.buffer_index]->data()) +
                view.ref.offset, view.size};
  }

  /// Categorical: the dictionary (a String array) and the codes.
  Array dictionary() const { return Array(data_->dictionary); }
  const uint32_t* codes() const { return values<uint32_t>(); }
  /// Categorical: the string of row i (via the dictionary).
  std::string_view category_at(int64_t i) const;

  /// List: offsets (length + 1 entries) and the flattened items.
  const int64_t* list_offsets() const { return values<int64_t>(); }
  Array list_items() const { return Array(data_->children.at(0)); }
  /// Struct: the child array of field i.
  Array struct_field(int64_t i) const { return Array(data_->children.at(static_cast<size_t>(i))); }

  /// Rows [offset, offset + length), copied (strings share their buffers).
  Array slice(int64_t offset, int64_t length) const;

  /// A human-readable rendering of value i ("null" for nulls), as used by
  /// DataFrame printing and error messages.
  std::string value_to_string(int64_t i) const;

 private:
  std::shared_ptr<const ArrayData> data_;
};

/// Recounts nulls from the validity bitmap and drops the bitmap when there are
/// none. Used by builders and kernels after filling `validity`.
void finish_validity(ArrayData& data);

/// An array of `length` nulls of the given type.
Array make_null_array(const DataType& type, int64_t length);

}  // namespace strata
