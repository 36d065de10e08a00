#pragma once
// Stable sorting of large vectors on the thread pool: the input is cut into
// one run per thread, runs are sorted in parallel, then merged pairwise
// (each round's merges in parallel). std::merge takes from the left run on
// ties, so the whole sort stays stable.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "strata/core/thread_pool.hpp"

namespace strata::compute::internal {

/// Below this many items the calling thread sorts alone.
inline constexpr size_t kParallelSortMinItems = 1 << 16;

/// Sorts `items` stably with `sort_run(first, last)` applied to each run and
/// `less` used to merge the runs.
template <typename T, typename SortRun, typename Less>
void parallel_stable_sort_with(std::vector<T>& items, SortRun&& sort_run, Less&& less) {
  const size_t n = items.size();
  const int threads = ThreadPool::global().size();
  if (n < kParallelSortMinItems || threads <= 1) {
    sort_run(items.data(), items.data() + n);
    return;
  }
  size_t runs = 1;
  while (runs < static_cast<size_t>(threads)) runs *= 2;
  std::vector<size_t> bounds(runs + 1);
  for (size_t r = 0; r <= runs; ++r) bounds[r] = n * r / runs;
  ThreadPool::global().parallel_for(static_cast<int64_t>(runs), [&](int64_t r) {
    sort_run(items.data() + bounds[static_cast<size_t>(r)], items.data() + bounds[static_cast<size_t>(r) + 1]);
  });
  std::vector<T> buffer(n);
  std::vector<T>* from = &items;
  std::vector<T>* to = &buffer;
  for (size_t width = 1; width < runs; width *= 2) {
    const auto merges = static_cast<int64_t>(runs / (2 * width));
    ThreadPool::global().parallel_for(merges, [&](int64_t m) {
      const size_t lo = bounds[static_cast<size_t>(m) * 2 * width];
      const size_t mid = bounds[static_cast<size_t>(m) * 2 * width + width];
      const size_t hi = bounds[static_cast<size_t>(m) * 2 * width + 2 * width];
      std::merge(from->begin() + static_cast<std::ptrdiff_t>(lo), from->begin() + static_cast<std::ptrdiff_t>(mid),
                 from->begin() + static_cast<std::ptrdiff_t>(mid), from->begin() + static_cast<std::ptrdiff_t>(hi),
                 to->begin() + static_cast<std::ptrdiff_t>(lo), less);
    });
    std::swap(from, to);
  }
  if (from != &items) items.swap(*from);
}

template <typename T, typename Less>
void parallel_stable_sort(std::vector<T>& items, Less&& less) {
  parallel_stable_sort_with(items, [&](T* first, T* last) { std::stable_sort(first, last, less); }, less);
}

}  // namespace strata::compute::internal
