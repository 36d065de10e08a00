#pragma once
// The shared thread pool. Kernels split work into tasks and call
// parallel_for; the calling thread works too, so nested calls cannot
// deadlock and a pool of size 1 runs everything inline.
#include <cstdint>
#include <functional>
#include <mutex>
#include <memory>

namespace strata {

class ThreadPool {
 public:
  /// A pool with `threads` workers in total, counting the caller.
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  /// The process-wide pool: STRATA_THREADS if set, else the number of cores.
  static ThreadPool& global();
  /// Replaces the global pool (e.g. to match a peer's thread count).
  static void set_global_threads(int threads);
  /// For a freshly forked child only: the inherited pool's workers do not
  /// exist there, so it is abandoned (never destroyed) and the next global()
  /// builds a new one.
  static void reset_global_after_fork();
  /// Before fork(): waits until the global pool's workers are idle and keeps
  /// them so (no worker is inside the allocator when the process is copied,
  /// which a child could otherwise find locked forever). The parent releases
  /// the returned lock after fork(); the child must release() it without
  /// unlocking and call reset_global_after_fork(). An empty lock when the
  /// global pool was never created.
  static std::unique_lock<std::mutex> hold_global_for_fork();

  int size() const { return threads_; }

  /// Runs task(i) for every i in [0, count), spread over the pool. Blocks
  /// until all finish. The first exception thrown by a task is rethrown here
  /// after the others have stopped; remaining tasks are skipped.
  void parallel_for(int64_t count, const std::function<void(int64_t)>& task);

 private:
  struct State;
  int threads_;
  std::unique_ptr<State> state_;
};

/// Splits [0, total) into at most `pool.size() * 4` ranges of at least
/// `min_grain` rows and runs body(begin, end, range_index) on each in
/// parallel. Returns the number of ranges (for sizing per-range state
/// beforehand, call range_count with the same arguments).
int64_t range_count(int64_t total, int64_t min_grain);
void parallel_ranges(int64_t total, int64_t min_grain,
                     const std::function<void(int64_t begin, int64_t end, int64_t index)>& body);

}  // namespace strata
