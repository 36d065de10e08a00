#include "compute/internal/elementwise.hpp"

#include "strata/core/error.hpp"

namespace strata::compute::internal {

int64_t broadcast_length(const Array& left, const Array& right, std::string_view operation) {
  if (left.length() == right.length()) return left.length();
  if (left.length() == 1) return right.length();
  if (right.length() == 1) return left.length();
  throw InvalidInputError("operands of " + std::string(operation) + " have different lengths (" +
                          std::to_string(left.length()) + " and " + std::to_string(right.length()) +
                          "); they must be equal, or one of them a single value");
}

BufferPtr expanded_validity(const Array& array, int64_t length) {
  if (array.null_count() == 0) return nullptr;
  if (is_single(array) && length != 1) return array.is_valid(0) ? nullptr : bitmap::make_zeroed(length);
  if (array.type().id() == TypeId::Null) return bitmap::make_zeroed(length);
  return array.data().validity;
}

BufferPtr combined_validity(const Array& left, const Array& right, int64_t length) {
  return bitmap::and_bitmaps(expanded_validity(left, length), expanded_validity(right, length), length);
}

BufferPtr writable_validity(const BufferPtr& validity, int64_t length) {
  if (!validity) return bitmap::make_all_set(length);
  return Buffer::copy_of(validity->data(), bitmap::bytes_for(length));
}

Array make_result(DataType type, int64_t length, BufferPtr values, BufferPtr validity) {
  auto data = std::make_shared<ArrayData>();
  data->type = std::move(type);
  data->length = length;
  data->values = std::move(values);
  data->validity = std::move(validity);
  finish_validity(*data);
  return Array(std::move(data));
}

std::string operand_text(const Array& array, int64_t row) {
  return array.value_to_string(is_single(array) ? 0 : row);
}

}  // namespace strata::compute::internal
