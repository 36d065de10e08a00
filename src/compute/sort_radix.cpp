#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

#include "compute/internal/radix_sort.hpp"
#include "strata/core/memory.hpp"
#include "strata/core/thread_pool.hpp"

namespace strata::compute::internal {

void radix_sort(KeyIndex* first, KeyIndex* last, KeyIndex* scratch) {
  const auto n = static_cast<size_t>(last - first);
  if (n < 2) return;
  if (n < 256) {
    std::stable_sort(first, last, [](const KeyIndex& a, const KeyIndex& b) { return a.key < b.key; });
    return;
  }
  // One pass builds the histograms of all eight bytes.
  std::vector<std::array<size_t, 256>> counts(8);
  for (auto& histogram : counts) histogram.fill(0);
  for (size_t i = 0; i < n; ++i) {
    const uint64_t key = first[i].key;
    for (int byte = 0; byte < 8; ++byte) ++counts[static_cast<size_t>(byte)][(key >> (8 * byte)) & 0xff];
  }
  KeyIndex* from = first;
  KeyIndex* to = scratch;
  for (int byte = 0; byte < 8; ++byte) {
    auto& histogram = counts[static_cast<size_t>(byte)];
    if (std::find(histogram.begin(), histogram.end(), n) != histogram.end()) continue;  // one bucket: nothing to do
    size_t offset = 0;
    for (size_t& count : histogram) {
      const size_t bucket = count;
      count = offset;
      offset += bucket;
    }
    const int shift = 8 * byte;
    for (size_t i = 0; i < n; ++i) to[histogram[(from[i].key >> shift) & 0xff]++] = from[i];
    std::swap(from, to);
  }
  if (from != first) std::memcpy(first, from, n * sizeof(KeyIndex));
}

namespace {

// Keys spanning fewer values than this are sorted by counting: one pass to
// count each key, one to place each pair (stable), instead of radix passes.
constexpr uint64_t kMaxCountingSpan = uint64_t{1} << 20;

bool counting_sort(KeyIndex* first, KeyIndex* last) {
  const auto n = static_cast<size_t>(last - first);
  uint64_t low = UINT64_MAX, high = 0;
  for (size_t i = 0; i < n; ++i) {
    low = std::min(low, first[i].key);
    high = std::max(high, first[i].key);
  }
  const uint64_t span = high - low;
  if (span >= kMaxCountingSpan || span > n) return false;
  std::vector<size_t> starts(static_cast<size_t>(span) + 2, 0);
  for (size_t i = 0; i < n; ++i) ++starts[first[i].key - low + 1];
  for (size_t k = 1; k < starts.size(); ++k) starts[k] += starts[k - 1];
  PoolVector<KeyIndex> sorted(n);
  for (size_t i = 0; i < n; ++i) sorted[starts[first[i].key - low]++] = first[i];
  std::memcpy(first, sorted.data(), n * sizeof(KeyIndex));
  return true;
}

}  // namespace

void parallel_radix_sort(KeyIndex* first, KeyIndex* last) {
  const auto n = static_cast<size_t>(last - first);
  if (n >= 256 && counting_sort(first, last)) return;
  PoolVector<KeyIndex> scratch(n);
  const int threads = ThreadPool::global().size();
  if (n < (1 << 17) || threads <= 1) {
    radix_sort(first, last, scratch.data());
    return;
  }
  // Sort one run per thread, then merge runs pairwise into the scratch space.
  size_t runs = 1;
  while (runs < static_cast<size_t>(threads)) runs *= 2;
  std::vector<size_t> bounds(runs + 1);
  for (size_t r = 0; r <= runs; ++r) bounds[r] = n * r / runs;
  ThreadPool::global().parallel_for(static_cast<int64_t>(runs), [&](int64_t r) {
    const size_t lo = bounds[static_cast<size_t>(r)], hi = bounds[static_cast<size_t>(r) + 1];
    radix_sort(first + lo, first + hi, scratch.data() + lo);
  });
  KeyIndex* from = first;
  KeyIndex* to = scratch.data();
  const auto less = [](const KeyIndex& a, const KeyIndex& b) { return a.key < b.key; };
  for (size_t width = 1; width < runs; width *= 2) {
    const auto merges = static_cast<int64_t>(runs / (2 * width));
    ThreadPool::global().parallel_for(merges, [&](int64_t m) {
      const size_t lo = bounds[static_cast<size_t>(m) * 2 * width];
      const size_t mid = bounds[static_cast<size_t>(m) * 2 * width + width];
      const size_t hi = bounds[static_cast<size_t>(m) * 2 * width + 2 * width];
      std::merge(from + lo, from + mid, from + mid, from + hi, to + lo, less);
    });
    std::swap(from, to);
  }
  if (from != first) std::memcpy(first, from, n * sizeof(KeyIndex));
}

}  // namespace strata::compute::internal
