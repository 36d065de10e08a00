#include "io/parquet/physical_values.hpp"

#include <algorithm>

#include "io/parquet/parquet_error.hpp"
#include "strata/core/bitmap.hpp"

namespace strata::parquet {

namespace {

int width_of(PhysicalType type, int32_t type_length) {
  switch (type) {
    case PhysicalType::Boolean: return 0;
    case PhysicalType::Int32:
    case PhysicalType::Float: return 4;
    case PhysicalType::Int64:
    case PhysicalType::Double: return 8;
    case PhysicalType::Int96: return 12;
    case PhysicalType::ByteArray: return 16;
    case PhysicalType::FixedLenByteArray:
      if (type_length <= 0)
        throw_corrupt("a FIXED_LEN_BYTE_ARRAY column has length " + std::to_string(type_length));
      return type_length;
  }
  throw_unsupported(physical_type_name(type));
}

}  // namespace

PhysicalValues::PhysicalValues(PhysicalType type, int32_t type_length)
    : type_(type), width_(width_of(type, type_length)), values_(Buffer::allocate(0)) {}

void PhysicalValues::reserve(int64_t count) {
  const int64_t bytes = width_ == 0 ? bitmap::bytes_for(count) : count * width_;
  if (bytes > values_->capacity()) values_->reserve(bytes);
}

uint8_t* PhysicalValues::extend(int64_t count) {
  const int64_t offset = size_ * width_;
  const int64_t needed = offset + count * width_;
  if (needed > values_->capacity()) values_->reserve(std::max(needed, values_->capacity() * 2));
  values_->resize(needed);
  size_ += count;
  return values_->data() + offset;
}

void PhysicalValues::append_bits(const uint8_t* bits, int64_t bit_offset, int64_t count) {
  const int64_t needed = bitmap::bytes_for(size_ + count);
  if (needed > values_->capacity()) values_->reserve(std::max(needed, values_->capacity() * 2));
  values_->resize(needed);
  bitmap::copy_bits(bits, bit_offset, values_->data(), size_, count);
  size_ += count;
}

void PhysicalValues::append_repeated_bit(bool value, int64_t count) {
  const int64_t needed = bitmap::bytes_for(size_ + count);
  if (needed > values_->capacity()) values_->reserve(std::max(needed, values_->capacity() * 2));
  values_->resize(needed);
  uint8_t* bits = values_->data();
  for (int64_t i = 0; i < count; ++i) bitmap::set_to(bits, size_ + i, value);
  size_ += count;
}

BufferPtr PhysicalValues::finish_buffer() {
  BufferPtr out = std::move(values_);
  values_ = Buffer::allocate(0);
  size_ = 0;
  return out;
}

uint32_t PhysicalValues::add_data_buffer(BufferPtr buffer) {
  data_buffers_.push_back(std::move(buffer));
  return static_cast<uint32_t>(data_buffers_.size() - 1);
}

}  // namespace strata::parquet
