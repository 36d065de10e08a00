#include "strata/core/memory.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <new>
#include <string>
#include <vector>

#include "strata/core/error.hpp"

namespace strata {
namespace {

int64_t padded_size(int64_t size) {
  int64_t with_padding = size + kBufferPadding;
  return (with_padding + kBufferAlignment - 1) / kBufferAlignment * kBufferAlignment;
}

// The bytes actually allocated for `bytes` (a padded size): large blocks
// are rounded up to one of eight classes per power of two (at most 12.5%
// more), so that a retained block fits later requests of about its size.
int64_t block_size(int64_t bytes) {
  if (bytes < MemoryPool::kRetainedBlockMin) return bytes;
  const int top = 63 - __builtin_clzll(static_cast<unsigned long long>(bytes));
  const int64_t step = int64_t{1} << (top - 3);
  return (bytes + step - 1) / step * step;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

int64_t default_retained_limit() {
  // STRATA_RETAINED_MEMORY_MB overrides the default (0 turns retention off).
  if (const char* text = std::getenv("STRATA_RETAINED_MEMORY_MB"); text != nullptr && *text != '\0') {
    char* end = nullptr;
    const long long megabytes = std::strtoll(text, &end, 10);
    if (end != nullptr && *end == '\0' && megabytes >= 0) return static_cast<int64_t>(megabytes) << 20;
  }
  // Reused blocks would hide use-after-free from the address sanitizer.
  if (kAddressSanitizer) return 0;
  const long pages = sysconf(_SC_PHYS_PAGES), page_size = sysconf(_SC_PAGESIZE);
  const int64_t physical = pages > 0 && page_size > 0 ? static_cast<int64_t>(pages) * page_size : 0;
  return std::min<int64_t>(physical / 8, int64_t{4} << 30);
}

}  // namespace

// Retained blocks in the order they were freed: a request takes the newest
// block of its size, and when the limit is reached the oldest blocks go back
// to the system first (recently freed sizes are the ones likely asked again).
struct MemoryPool::Retained {
  struct Block {
    int64_t size;
    void* pointer;
  };
  std::mutex mutex;
  std::vector<Block> blocks;
  int64_t bytes = 0;
};

MemoryPool::MemoryPool() : MemoryPool(default_retained_limit()) {}

MemoryPool::MemoryPool(int64_t retained_limit)
    : retained_limit_(std::max<int64_t>(0, retained_limit)), retained_(std::make_unique<Retained>()) {}

MemoryPool::~MemoryPool() { release_retained(); }

int64_t MemoryPool::bytes_retained() const {
  const std::lock_guard<std::mutex> lock(retained_->mutex);
  return retained_->bytes;
}

void MemoryPool::release_retained() {
  const std::lock_guard<std::mutex> lock(retained_->mutex);
  for (const Retained::Block& block : retained_->blocks) std::free(block.pointer);
  retained_->blocks.clear();
  retained_->bytes = 0;
}

uint8_t* MemoryPool::allocate(int64_t size) {
  if (size < 0) throw InternalError("negative allocation size");
  const int64_t bytes = padded_size(size);
  const int64_t block = block_size(bytes);
  void* pointer = nullptr;
  if (block >= kRetainedBlockMin && retained_limit_ > 0) {
    const std::lock_guard<std::mutex> lock(retained_->mutex);
    auto& blocks = retained_->blocks;
    for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) {
      if (it->size != block) continue;
      pointer = it->pointer;
      blocks.erase(std::next(it).base());
      retained_->bytes -= block;
      break;
    }
  }
  if (pointer == nullptr) pointer = std::aligned_alloc(kBufferAlignment, static_cast<size_t>(block));
  if (pointer == nullptr && retained_limit_ > 0) {
    release_retained();  // the retained blocks may be what the system is missing
    pointer = std::aligned_alloc(kBufferAlignment, static_cast<size_t>(block));
  }
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
  const int64_t bytes = padded_size(size);
  bytes_.fetch_sub(bytes, std::memory_order_relaxed);
  const int64_t block = block_size(bytes);
  if (block >= kRetainedBlockMin && block <= retained_limit_) {
    std::vector<void*> released;
    {
      const std::lock_guard<std::mutex> lock(retained_->mutex);
      auto& blocks = retained_->blocks;
      size_t oldest_kept = 0;
      while (retained_->bytes + block > retained_limit_) {
        retained_->bytes -= blocks[oldest_kept].size;
        released.push_back(blocks[oldest_kept++].pointer);
      }
      blocks.erase(blocks.begin(), blocks.begin() + static_cast<std::ptrdiff_t>(oldest_kept));
      blocks.push_back({block, pointer});
      retained_->bytes += block;
    }
    for (void* old : released) std::free(old);
    return;
  }
  std::free(pointer);
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
