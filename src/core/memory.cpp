#include "strata/core/memory.hpp"

#include <algorithm>
#include <cstdlib>
#include <new>
#include <string>

#include "strata/core/error.hpp"

namespace strata {
namespace {

int64_t padded_size(int64_t size) {
  int64_t with_padding = size + kBufferPadding;
  return (with_padding + kBufferAlignment - 1) / kBufferAlignment * kBufferAlignment;
}

}  // namespace

uint8_t* MemoryPool::allocate(int64_t size) {
  if (size < 0) throw InternalError("negative allocation size");
  const int64_t bytes = padded_size(size);
  void* pointer = std::aligned_alloc(kBufferAlignment, static_cast<size_t>(bytes));
  if (pointer == nullptr) throw std::bad_alloc();
  // Zero the padding so that reads past the end are deterministic.
  std::memset(static_cast<uint8_t*>(pointer) + size, 0, static_cast<size_t>(bytes - size));
  const int64_t now = bytes_.fetch_add(bytes, std::memory_order_relaxed) + bytes;
  int64_t peak = peak_.load(std::memory_order_relaxed);
  while (now > peak && !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
  return static_cast<uint8_t*>(pointer);
}

uint8_t* MemoryPool::reallocate(uint8_t* old, int64_t old_size, int64_t new_size) {
  uint8_t* fresh = allocate(new_size);
  if (old != nullptr) {
    std::memcpy(fresh, old, static_cast<size_t>(std::min(old_size, new_size)));
    free(old, old_size);
  }
  return fresh;
}

void MemoryPool::free(uint8_t* pointer, int64_t size) {
  if (pointer == nullptr) return;
  std::free(pointer);
  bytes_.fetch_sub(padded_size(size), std::memory_order_relaxed);
}

MemoryPool* default_memory_pool() {
  static MemoryPool pool;
  return &pool;
}

std::shared_ptr<Buffer> Buffer::allocate(int64_t size, MemoryPool* pool) {
  std::shared_ptr<Buffer> buffer(new Buffer(pool));
  buffer->reserve(size);
  buffer->size_ = size;
  return buffer;
}

std::shared_ptr<Buffer> Buffer::zeroed(int64_t size, MemoryPool* pool) {
  auto buffer = allocate(size, pool);
  if (size > 0) std::memset(buffer->data_, 0, static_cast<size_t>(size));
  return buffer;
}

std::shared_ptr<Buffer> Buffer::copy_of(const void* source, int64_t size, MemoryPool* pool) {
  auto buffer = allocate(size, pool);
  if (size > 0) std::memcpy(buffer->data_, source, static_cast<size_t>(size));
  return buffer;
}

std::shared_ptr<Buffer> Buffer::view(std::shared_ptr<const Buffer> parent, int64_t offset, int64_t size) {
  if (parent == nullptr || offset < 0 || size < 0 || offset + size > parent->size())
    throw InternalError("buffer view [" + std::to_string(offset) + ", " + std::to_string(offset + size) +
                        ") does not lie inside its parent of " +
                        std::to_string(parent == nullptr ? 0 : parent->size()) + " bytes");
  std::shared_ptr<Buffer> buffer(new Buffer(parent->pool_));
  // The view never writes through this pointer: shared buffers are immutable.
  buffer->data_ = const_cast<uint8_t*>(parent->data_) + offset;
  buffer->size_ = size;
  buffer->capacity_ = size;
  buffer->parent_ = std::move(parent);
  return buffer;
}

Buffer::~Buffer() {
  if (parent_ == nullptr) pool_->free(data_, capacity_);
}

void Buffer::reserve(int64_t new_capacity) {
  if (new_capacity <= capacity_ && data_ != nullptr) return;
  if (parent_ != nullptr)
    throw InternalError("a buffer view cannot grow (from " + std::to_string(capacity_) + " to " +
                        std::to_string(new_capacity) + " bytes); copy it first");
  data_ = pool_->reallocate(data_, capacity_, new_capacity);
  capacity_ = new_capacity;
}

void Buffer::resize(int64_t new_size) {
  if (new_size > capacity_) reserve(std::max(new_size, capacity_ * 2));
  size_ = new_size;
}

}  // namespace strata
