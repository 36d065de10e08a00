#include "strata/orchestrate/retry_policy.hpp"

#include <algorithm>

namespace strata {

std::chrono::milliseconds RetryPolicy::delay_before(int retry, std::mt19937_64& rng) const {
  const double base = static_cast<double>(std::max<int64_t>(delay.count(), 0));
  const double cap = static_cast<double>(std::max<int64_t>(max_delay.count(), 0));
  const int n = std::max(retry, 1);
  double wait = base;
  switch (backoff) {
    case Backoff::Constant: break;
    case Backoff::Linear: wait = base * n; break;
    // Capping the exponent keeps the double finite; the cap below bounds it anyway.
    case Backoff::Exponential: wait = base * static_cast<double>(uint64_t{1} << std::min(n - 1, 62)); break;
  }
  wait = std::min(wait, cap);
  switch (jitter) {
    case Jitter::None: break;
    case Jitter::Full: wait = std::uniform_real_distribution<double>(0.0, wait)(rng); break;
    case Jitter::PlusMinus: wait += std::uniform_real_distribution<double>(-base, base)(rng); break;
  }
  wait = std::clamp(wait, 0.0, cap);
  return std::chrono::milliseconds(static_cast<int64_t>(wait));
}

}  // namespace strata
