#include "strata/core/cancellation.hpp"

#include <algorithm>
#include <thread>

namespace strata {

bool CancellationToken::wait_for(std::chrono::milliseconds duration) const {
  constexpr auto kSlice = std::chrono::milliseconds(20);
  const auto deadline = std::chrono::steady_clock::now() + duration;
  while (!is_cancelled()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(kSlice, deadline - now));
  }
  return true;
}

}  // namespace strata
