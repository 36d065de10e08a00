#pragma once
// When and how often a failed step is tried again.
#include <chrono>
#include <cstdint>
#include <random>

namespace strata {

enum class Backoff {
  Constant,     // every retry waits `delay`
  Linear,       // retry n waits n * delay
  Exponential,  // retry n waits delay * 2^(n-1)
};

enum class Jitter {
  None,
  Full,       // a uniformly random wait in [0, computed delay]
  PlusMinus,  // computed delay plus a uniformly random offset in [-delay, +delay], never below 0
};

/// A step is tried at most 1 + max_retries times. Any error from user code
/// is retried except Failure (see step_errors.hpp) and cancellation;
/// RetryRequested always retries while attempts remain.
struct RetryPolicy {
  /// RetryPolicy::times(3).wait(std::chrono::seconds(1)).exponential().jitter_by(Jitter::Full)
  static RetryPolicy times(int retries) {
    RetryPolicy policy;
    policy.max_retries = retries;
    return policy;
  }
  RetryPolicy& wait(std::chrono::milliseconds base_delay) { delay = base_delay; return *this; }
  RetryPolicy& linear() { backoff = Backoff::Linear; return *this; }
  RetryPolicy& exponential() { backoff = Backoff::Exponential; return *this; }
  RetryPolicy& jitter_by(Jitter kind) { jitter = kind; return *this; }
  RetryPolicy& cap(std::chrono::milliseconds longest) { max_delay = longest; return *this; }

  int max_retries = 0;
  std::chrono::milliseconds delay{0};
  Backoff backoff = Backoff::Constant;
  Jitter jitter = Jitter::None;
  /// Upper bound on any single wait, after backoff and jitter.
  std::chrono::milliseconds max_delay{std::chrono::hours(1)};

  /// The wait before retry number `retry` (1 = the first retry). Uses `rng`
  /// only when jitter is on. Never negative, never above max_delay, and
  /// free of overflow for any retry number.
  std::chrono::milliseconds delay_before(int retry, std::mt19937_64& rng) const;
};

}  // namespace strata
