#pragma once
// Splitting rows into ranges for parallel kernels whose outputs are bit-packed:
// ranges then start at multiples of 64 so that no two tasks write the same byte.
#include <algorithm>
#include <cstdint>
#include <functional>

#include "strata/core/thread_pool.hpp"

namespace strata::compute::internal {

/// Rows below which a kernel runs on the calling thread only.
inline constexpr int64_t kParallelMinRows = 1 << 16;

/// Runs body(begin, end) over [0, total) in parallel; every range except the
/// last starts and ends on a multiple of 64.
inline void parallel_aligned_ranges(int64_t total, int64_t min_grain,
                                    const std::function<void(int64_t, int64_t)>& body) {
  if (total <= 0) return;
  const int64_t ranges = range_count(total, std::max<int64_t>(min_grain, 64));
  if (ranges <= 1) {
    body(0, total);
    return;
  }
  const int64_t step = ((total + ranges - 1) / ranges + 63) / 64 * 64;
  const int64_t count = (total + step - 1) / step;
  ThreadPool::global().parallel_for(count, [&](int64_t index) {
    body(index * step, std::min(total, (index + 1) * step));
  });
}

}  // namespace strata::compute::internal
