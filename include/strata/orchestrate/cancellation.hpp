#pragma once
// Cooperative cancellation of a run. The executor checks the token between
// steps and while waiting to retry; user code can check it through
// StepContext::check_cancelled. Nothing is interrupted mid-write, which is
// what keeps storage consistent.
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
  friend class SigintCancellation;
  std::shared_ptr<std::atomic<bool>> flag_;
};

/// While alive, SIGINT (Ctrl-C) cancels `token` instead of killing the
/// process; a second SIGINT restores the default action and kills it. Only
/// one may be alive at a time (a second throws InvalidInputError); the
/// previous handler is restored on destruction.
class SigintCancellation {
 public:
  explicit SigintCancellation(CancellationToken token);
  ~SigintCancellation();
  SigintCancellation(const SigintCancellation&) = delete;
  SigintCancellation& operator=(const SigintCancellation&) = delete;

 private:
  CancellationToken token_;
  struct SavedHandler;
  std::unique_ptr<SavedHandler> saved_;
};

}  // namespace strata
