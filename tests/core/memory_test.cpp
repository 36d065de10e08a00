// MemoryPool: accounting, and the retention of freed large blocks for reuse.
#include <gtest/gtest.h>

#include "strata/core/memory.hpp"

namespace strata {
namespace {

constexpr int64_t kLarge = MemoryPool::kRetainedBlockMin * 3;

TEST(MemoryPoolTest, CountsBytesInUseAndThePeak) {
  MemoryPool pool(0);
  uint8_t* a = pool.allocate(1000);
  uint8_t* b = pool.allocate(kLarge);
  EXPECT_GE(pool.bytes_allocated(), 1000 + kLarge);
  const int64_t peak = pool.peak_bytes();
  pool.free(b, kLarge);
  pool.free(a, 1000);
  EXPECT_EQ(pool.bytes_allocated(), 0);
  EXPECT_EQ(pool.peak_bytes(), peak);
  EXPECT_EQ(pool.bytes_retained(), 0) << "a pool without a retained limit keeps nothing";
}

TEST(MemoryPoolTest, AFreedLargeBlockServesTheNextRequestOfItsSize) {
  MemoryPool pool(int64_t{64} << 20);
  uint8_t* first = pool.allocate(kLarge);
  first[0] = 1;
  first[kLarge - 1] = 2;
  pool.free(first, kLarge);
  EXPECT_GE(pool.bytes_retained(), kLarge);
  EXPECT_EQ(pool.bytes_allocated(), 0) << "retained blocks are not in use";
  // A slightly larger request falls in the same size class (3 MiB + 64 and
  // 3 MiB + 1064 both round up to 3.25 MiB).
  uint8_t* second = pool.allocate(kLarge + 1000);
  EXPECT_EQ(second, first);
  EXPECT_EQ(pool.bytes_retained(), 0);
  for (int64_t i = kLarge + 1000; i < kLarge + 1000 + kBufferPadding; ++i)
    ASSERT_EQ(second[i], 0) << "the padding is zeroed again";
  pool.free(second, kLarge + 1000);
  // Small blocks are never retained.
  pool.free(pool.allocate(1000), 1000);
  EXPECT_GE(pool.bytes_retained(), kLarge);
  pool.release_retained();
  EXPECT_EQ(pool.bytes_retained(), 0);
}

TEST(MemoryPoolTest, RetainsNoMoreThanItsLimitAndKeepsTheNewestBlocks) {
  MemoryPool pool(kLarge + MemoryPool::kRetainedBlockMin);
  uint8_t* a = pool.allocate(kLarge);
  uint8_t* b = pool.allocate(kLarge);
  pool.free(a, kLarge);
  pool.free(b, kLarge);  // both do not fit: a goes back to the system
  EXPECT_LE(pool.bytes_retained(), pool.retained_limit());
  EXPECT_GT(pool.bytes_retained(), 0);
  uint8_t* c = pool.allocate(kLarge);
  EXPECT_EQ(c, b);
  EXPECT_EQ(pool.bytes_retained(), 0);
  pool.free(c, kLarge);
  // A block larger than the whole limit is never retained.
  const int64_t huge = pool.retained_limit() * 2;
  pool.free(pool.allocate(huge), huge);
  EXPECT_LE(pool.bytes_retained(), pool.retained_limit());
}

TEST(MemoryPoolTest, BuffersReuseRetainedBlocks) {
  MemoryPool pool(int64_t{64} << 20);
  const uint8_t* address = nullptr;
  {
    auto buffer = Buffer::allocate(kLarge, &pool);
    address = buffer->data();
  }
  auto zeroed = Buffer::zeroed(kLarge, &pool);
  EXPECT_EQ(zeroed->data(), address);
  for (int64_t i = 0; i < kLarge; i += 4096) ASSERT_EQ(zeroed->data()[i], 0) << "zeroed() clears reused memory";
}

}  // namespace
}  // namespace strata
