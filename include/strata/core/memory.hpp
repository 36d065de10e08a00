#pragma once
// Buffers: 64-byte aligned, padded, owned memory accounted to a MemoryPool.
// Pools track current and peak usage so that a query can enforce a memory
// limit (spilling comes with the streaming engine). Buffers are shared
// through std::shared_ptr and are immutable once an array owns them.
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

namespace strata {

inline constexpr int64_t kBufferAlignment = 64;
// Every allocation has this many readable bytes past its size, so that
// kernels may load a full word or vector at the tail without a bounds check.
inline constexpr int64_t kBufferPadding = 64;

/// Tracks bytes handed out. Thread-safe.
///
/// Large blocks (kRetainedBlockMin bytes and up) are not returned to the
/// system when freed but kept, up to retained_limit() bytes in all, and
/// handed out again for a request of the same size class (sizes are rounded
/// up to one of eight classes per power of two); past the limit the oldest
/// retained blocks are returned to the system first. Fresh pages from the system
/// are zeroed by the kernel on first touch, which costs more than filling
/// them: a join or a group-by that writes a large result into reused blocks
/// runs markedly faster the second time.
class MemoryPool {
 public:
  static constexpr int64_t kRetainedBlockMin = int64_t{1} << 20;

  /// `retained_limit`: bytes of freed large blocks kept for reuse (0: none);
  /// by default an eighth of the physical memory, at most 4 GiB, or the
  /// environment variable STRATA_RETAINED_MEMORY_MB (none in sanitizer builds).
  MemoryPool();
  explicit MemoryPool(int64_t retained_limit);
  ~MemoryPool();
  MemoryPool(const MemoryPool&) = delete;
  MemoryPool& operator=(const MemoryPool&) = delete;

  uint8_t* allocate(int64_t size);
  uint8_t* reallocate(uint8_t* old, int64_t old_size, int64_t new_size);
  void free(uint8_t* pointer, int64_t size);
  /// Bytes in use (retained free blocks not counted).
  int64_t bytes_allocated() const { return bytes_.load(std::memory_order_relaxed); }
  int64_t peak_bytes() const { return peak_.load(std::memory_order_relaxed); }
  /// Bytes of freed blocks kept for reuse.
  int64_t bytes_retained() const;
  int64_t retained_limit() const { return retained_limit_; }
  /// Returns every retained block to the system.
  void release_retained();

 private:
  struct Retained;
  std::atomic<int64_t> bytes_{0};
  std::atomic<int64_t> peak_{0};
  int64_t retained_limit_;
  std::unique_ptr<Retained> retained_;
};

/// The process-wide pool used when no pool is passed explicitly.
MemoryPool* default_memory_pool();

/// A standard allocator drawing on default_memory_pool(), for large scratch
/// vectors (sort keys, partition buffers): they then reuse the pool's
/// retained blocks instead of faulting in fresh pages beside them, and count
/// towards its usage.
template <typename T>
struct PoolAllocator {
  using value_type = T;
  PoolAllocator() noexcept = default;
  template <typename U>
  PoolAllocator(const PoolAllocator<U>&) noexcept {}  // NOLINT(google-explicit-constructor): rebinding
  T* allocate(size_t n) {
    return reinterpret_cast<T*>(default_memory_pool()->allocate(static_cast<int64_t>(n * sizeof(T))));
  }
  void deallocate(T* pointer, size_t n) noexcept {
    default_memory_pool()->free(reinterpret_cast<uint8_t*>(pointer), static_cast<int64_t>(n * sizeof(T)));
  }
  friend bool operator==(const PoolAllocator&, const PoolAllocator&) { return true; }
};

/// A std::vector whose memory comes from the default pool.
template <typename T>
using PoolVector = std::vector<T, PoolAllocator<T>>;

/// A contiguous, aligned, growable block of bytes. Not thread-safe while it
/// is being written; treated as immutable once shared by an array.
class Buffer {
 public:
  /// Allocates `size` bytes (contents uninitialised).
  static std::shared_ptr<Buffer> allocate(int64_t size, MemoryPool* pool = default_memory_pool());
  /// Allocates `size` bytes set to zero.
  static std::shared_ptr<Buffer> zeroed(int64_t size, MemoryPool* pool = default_memory_pool());
  /// Copies `size` bytes from `source`.
  static std::shared_ptr<Buffer> copy_of(const void* source, int64_t size,
                                         MemoryPool* pool = default_memory_pool());
  /// A window of `size` bytes starting `offset` bytes into `parent`, sharing
  /// its memory (no copy) and keeping it alive: zero-copy slicing. The view
  /// must stay inside the parent, is read-only like any shared buffer, and
  /// cannot grow (reserve beyond its size throws InternalError). Reads past
  /// its end stay within the parent's memory and padding.
  static std::shared_ptr<Buffer> view(std::shared_ptr<const Buffer> parent, int64_t offset, int64_t size);

  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer();

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  template <typename T> T* as() { return reinterpret_cast<T*>(data_); }
  template <typename T> const T* as() const { return reinterpret_cast<const T*>(data_); }
  int64_t size() const { return size_; }
  int64_t capacity() const { return capacity_; }

  /// Changes the size, keeping the contents; grows capacity geometrically.
  void resize(int64_t new_size);
  void reserve(int64_t new_capacity);

 private:
  explicit Buffer(MemoryPool* pool) : pool_(pool) {}
  MemoryPool* pool_;
  uint8_t* data_ = nullptr;
  int64_t size_ = 0;
  int64_t capacity_ = 0;
  std::shared_ptr<const Buffer> parent_;  // views only: the buffer that owns data_
};

using BufferPtr = std::shared_ptr<Buffer>;

}  // namespace strata
