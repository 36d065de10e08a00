#pragma once
// Stable sorting of large vectors on the thread pool: the input is cut into
// one run per thread, runs are sorted in parallel, then merged pairwise
// (each round's merges in parallel). Merges take from the left run on ties,
// so the whole sort stays stable.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "strata/core/thread_pool.hpp"

namespace strata::compute::internal {

/// Below this many items the calling thread sorts alone.
inline constexpr size_t kParallelSortMinItems = 1 << 16;

namespace parallel_sort_detail {

// Run boundaries: a power of two runs, at least one per thread.
inline std::vector<size_t> run_bounds(size_t n, int threads) {
  size_t runs = 1;
  while (runs < static_cast<size_t>(threads)) runs *= 2;
  std::vector<size_t> bounds(runs + 1);
  for (size_t r = 0; r <= runs; ++r) bounds[r] = n * r / runs;
  return bounds;
}

// Merges sorted [lo, mid) and [mid, hi) of `from` into to[lo, hi),
// writing project(item); the left run wins ties.
template <typename T, typename Out, typename Less, typename Project>
void merge_runs(const T* from, size_t lo, size_t mid, size_t hi, Out* to, Less& less, Project& project) {
  size_t left = lo, right = mid, at = lo;
  while (left < mid && right < hi) to[at++] = less(from[right], from[left]) ? project(from[right++]) : project(from[left++]);
  while (left < mid) to[at++] = project(from[left++]);
  while (right < hi) to[at++] = project(from[right++]);
}

}  // namespace parallel_sort_detail

/// Sorts `items` (a std::vector, with any allocator) stably and writes
/// project(item) of the sorted items to out[0, n). The last merge round
/// writes the projections directly, so with two runs no second buffer of
/// items is needed at all.
template <typename Vector, typename SortRun, typename Less, typename Project, typename Out>
void parallel_stable_sort_projected(Vector& items, SortRun&& sort_run, Less&& less, Project&& project, Out* out) {
  using T = typename Vector::value_type;
  const size_t n = items.size();
  const int threads = ThreadPool::global().size();
  if (n < kParallelSortMinItems || threads <= 1) {
    sort_run(items.data(), items.data() + n);
    for (size_t i = 0; i < n; ++i) out[i] = project(items[i]);
    return;
  }
  const std::vector<size_t> bounds = parallel_sort_detail::run_bounds(n, threads);
  const size_t runs = bounds.size() - 1;
  ThreadPool::global().parallel_for(static_cast<int64_t>(runs), [&](int64_t r) {
    sort_run(items.data() + bounds[static_cast<size_t>(r)], items.data() + bounds[static_cast<size_t>(r) + 1]);
  });
  const auto same = [](const T& item) -> const T& { return item; };
  Vector buffer;
  T* from = items.data();
  T* to = nullptr;
  size_t width = 1;
  for (; width * 2 < runs; width *= 2) {
    if (to == nullptr) {
      buffer.resize(n);
      to = buffer.data();
    }
    const auto merges = static_cast<int64_t>(runs / (2 * width));
    ThreadPool::global().parallel_for(merges, [&](int64_t m) {
      const size_t group = static_cast<size_t>(m) * 2 * width;
      parallel_sort_detail::merge_runs(from, bounds[group], bounds[group + width], bounds[group + 2 * width], to, less,
                                       same);
    });
    std::swap(from, to);
  }
  parallel_sort_detail::merge_runs(from, 0, bounds[width], n, out, less, project);
}

/// Sorts `items` (a std::vector, with any allocator) stably with
/// `sort_run(first, last)` applied to each run and `less` used to merge.
template <typename Vector, typename SortRun, typename Less>
void parallel_stable_sort_with(Vector& items, SortRun&& sort_run, Less&& less) {
  using T = typename Vector::value_type;
  if (items.size() < kParallelSortMinItems || ThreadPool::global().size() <= 1) {
    sort_run(items.data(), items.data() + items.size());  // in place: no second buffer
    return;
  }
  Vector sorted(items.size());
  parallel_stable_sort_projected(items, sort_run, less, [](const T& item) { return item; }, sorted.data());
  items.swap(sorted);
}

template <typename Vector, typename Less>
void parallel_stable_sort(Vector& items, Less&& less) {
  using T = typename Vector::value_type;
  parallel_stable_sort_with(items, [&](T* first, T* last) { std::stable_sort(first, last, less); }, less);
}

}  // namespace strata::compute::internal
