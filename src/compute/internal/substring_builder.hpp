#pragma once
// Builds a String array whose values are pieces of one source array's
// values, sharing the source's character buffers instead of copying them
// (strip, slice, split, and gathering a categorical's transformed
// dictionary). Single-threaded.
#include <vector>

#include "strata/core/array.hpp"
#include "strata/core/builder.hpp"

namespace strata::compute::internal {

class SubstringBuilder {
 public:
  explicit SubstringBuilder(const Array& source) : source_(source) {}

  void reserve(int64_t capacity) {
    views_.reserve(static_cast<size_t>(capacity));
    validity_.reserve(capacity);
  }
  /// Appends bytes [begin, begin + size) of source row `row`.
  void append(int64_t row, size_t begin, size_t size) {
    const StringView& view = source_.views()[row];
    const std::string_view piece = source_.resolve(view).substr(begin, size);
    if (piece.size() <= StringView::kInlineSize) {
      views_.push_back(StringView::make_inline(piece));
    } else {
      views_.push_back(StringView::make_ref(piece, view.ref.buffer_index,
                                            view.ref.offset + static_cast<uint32_t>(begin)));
    }
    validity_.append(true);
  }
  /// Appends source row `row` whole (valid rows only).
  void append_whole(int64_t row) {
    views_.push_back(source_.views()[row]);
    validity_.append(true);
  }
  void append_null() {
    views_.push_back(StringView::make_inline({}));
    validity_.append(false);
  }
  int64_t length() const { return static_cast<int64_t>(views_.size()); }

  Array finish() {
    auto data = std::make_shared<ArrayData>();
    data->type = source_.type().id() == TypeId::Binary ? DataType::binary() : DataType::string();
    data->length = length();
    data->values = Buffer::copy_of(views_.data(), static_cast<int64_t>(views_.size() * sizeof(StringView)));
    data->string_data = source_.data().string_data;
    validity_.finish_into(*data);
    views_.clear();
    return Array(std::move(data));
  }

 private:
  const Array& source_;
  std::vector<StringView> views_;
  ValidityBuilder validity_;
};

}  // namespace strata::compute::internal
