#pragma once
// Cooperative cancellation: a shared flag that long work checks at safe
// points (a pipeline run between steps, a lazy query between batches).
// Nothing is interrupted mid-write, which is what keeps data consistent.
#include <atomic>
#include <chrono>
#include <memory>

namespace strata {

/// A shared flag: copies observe the same cancellation. Thread-safe, and
/// cancel() is async-signal-safe.
class CancellationToken {
 public:
  CancellationToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
  void cancel() const noexcept { flag_->store(true); }
  bool is_cancelled() const noexcept { return flag_->load(); }
  /// The flag itself, for a signal handler that cancels (it must outlive
  /// the handler: keep a copy of the token alive).
  std::atomic<bool>* flag_for_signal_handler() const noexcept { return flag_.get(); }
  /// Sleeps up to `duration`; returns true early once cancelled (polling in
  /// short slices, since a signal handler cannot wake a condition variable).
  bool wait_for(std::chrono::milliseconds duration) const;

 private:
  std::shared_ptr<std::atomic<bool>> flag_;
};

}  // namespace strata
