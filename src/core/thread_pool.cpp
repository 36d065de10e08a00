#include "strata/core/thread_pool.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <exception>
#include <mutex>
#include <new>
#include <thread>
#include <vector>

namespace strata {

namespace {

// One parallel_for call: workers and the caller claim indices until done.
struct Job {
  const std::function<void(int64_t)>* task;
  int64_t count;
  std::atomic<int64_t> next{0};
  std::atomic<int64_t> finished{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  std::mutex done_mutex;
  std::condition_variable done;

  // Claims and runs indices; returns when none are left to claim.
  void work() {
    while (true) {
      const int64_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= count) return;
      if (!failed.load(std::memory_order_relaxed)) {
        try {
          (*task)(i);
        } catch (...) {
          std::lock_guard<std::mutex> lock(error_mutex);
          if (!error) error = std::current_exception();
          failed.store(true);
        }
      }
      if (finished.fetch_add(1, std::memory_order_acq_rel) + 1 == count) {
        std::lock_guard<std::mutex> lock(done_mutex);
        done.notify_all();
      }
    }
  }
};

}  // namespace

struct ThreadPool::State {
  std::mutex mutex;
  std::condition_variable wake;
  std::condition_variable idle;  // busy dropped to 0
  std::deque<std::shared_ptr<Job>> jobs;
  std::vector<std::thread> workers;
  int busy = 0;  // workers between taking a job and letting go of it
  int started = 0;  // workers that reached worker_loop
  bool stopping = false;

  void worker_loop() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      ++started;
    }
    idle.notify_all();
    while (true) {
      std::shared_ptr<Job> job;
      {
        std::unique_lock<std::mutex> lock(mutex);
        wake.wait(lock, [&] { return stopping || !jobs.empty(); });
        if (stopping && jobs.empty()) return;
        job = jobs.front();
        // A job stays queued until all its indices are claimed.
        if (job->next.load() >= job->count) {
          jobs.pop_front();
          continue;
        }
        ++busy;
      }
      job->work();
      std::lock_guard<std::mutex> lock(mutex);
      if (!jobs.empty() && jobs.front() == job) jobs.pop_front();
      job.reset();  // freed under the lock, so that hold_for_fork sees no worker in the allocator
      if (--busy == 0) idle.notify_all();
    }
  }
};

ThreadPool::ThreadPool(int threads) : threads_(std::max(1, threads)), state_(std::make_unique<State>()) {
  for (int i = 1; i < threads_; ++i) state_->workers.emplace_back([this] { state_->worker_loop(); });
  // Return once every worker runs: a thread still starting up may hold
  // runtime locks that a process forked at that moment would keep forever.
  std::unique_lock<std::mutex> lock(state_->mutex);
  state_->idle.wait(lock, [this] { return state_->started == threads_ - 1; });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->stopping = true;
  }
  state_->wake.notify_all();
  for (auto& worker : state_->workers) worker.join();
}

namespace {

int default_thread_count() {
  if (const char* env = std::getenv("STRATA_THREADS")) {
    const int value = std::atoi(env);
    if (value > 0) return value;
  }
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::mutex global_mutex;
std::unique_ptr<ThreadPool>& global_slot() {
  static std::unique_ptr<ThreadPool> pool;
  return pool;
}

}  // namespace

ThreadPool& ThreadPool::global() {
  std::lock_guard<std::mutex> lock(global_mutex);
  auto& slot = global_slot();
  if (!slot) slot = std::make_unique<ThreadPool>(default_thread_count());
  return *slot;
}

void ThreadPool::set_global_threads(int threads) {
  std::lock_guard<std::mutex> lock(global_mutex);
  global_slot() = std::make_unique<ThreadPool>(threads);
}

std::unique_lock<std::mutex> ThreadPool::hold_global_for_fork() {
  std::lock_guard global_lock(global_mutex);
  std::unique_ptr<ThreadPool>& pool = global_slot();
  if (!pool) return {};
  State& state = *pool->state_;
  std::unique_lock lock(state.mutex);
  state.idle.wait(lock, [&state] { return state.busy == 0; });
  return lock;
}

void ThreadPool::reset_global_after_fork() {
  // The child has one thread: no lock is needed, and the mutex is rebuilt in
  // case another parent thread held it at the moment of the fork.
  new (&global_mutex) std::mutex();
  static_cast<void>(global_slot().release());
}

void ThreadPool::parallel_for(int64_t count, const std::function<void(int64_t)>& task) {
  if (count <= 0) return;
  if (count == 1 || threads_ == 1) {
    for (int64_t i = 0; i < count; ++i) task(i);
    return;
  }
  auto job = std::make_shared<Job>();
  job->task = &task;
  job->count = count;
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->jobs.push_back(job);
  }
  state_->wake.notify_all();
  job->work();
  {
    std::unique_lock<std::mutex> lock(job->done_mutex);
    job->done.wait(lock, [&] { return job->finished.load() == count; });
  }
  if (job->error) std::rethrow_exception(job->error);
}

int64_t range_count(int64_t total, int64_t min_grain) {
  if (total <= 0) return 0;
  const int64_t max_ranges = static_cast<int64_t>(ThreadPool::global().size()) * 4;
  const int64_t by_grain = std::max<int64_t>(1, total / std::max<int64_t>(1, min_grain));
  return std::min(max_ranges, by_grain);
}

void parallel_ranges(int64_t total, int64_t min_grain,
                     const std::function<void(int64_t, int64_t, int64_t)>& body) {
  const int64_t ranges = range_count(total, min_grain);
  if (ranges == 0) return;
  ThreadPool::global().parallel_for(ranges, [&](int64_t index) {
    const int64_t begin = total * index / ranges;
    const int64_t end = total * (index + 1) / ranges;
    body(begin, end, index);
  });
}

}  // namespace strata
