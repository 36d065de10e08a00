#include "strata/orchestrate/cancellation.hpp"

#include <signal.h>

#include <algorithm>
#include <thread>

#include "strata/core/error.hpp"

namespace strata {

namespace {

// The flag the handler sets. A plain pointer to a lock-free atomic is all a
// signal handler may touch.
std::atomic<std::atomic<bool>*> g_sigint_flag{nullptr};
static_assert(std::atomic<bool>::is_always_lock_free);
static_assert(std::atomic<std::atomic<bool>*>::is_always_lock_free);

extern "C" void cancel_on_sigint(int) {
  std::atomic<bool>* flag = g_sigint_flag.load();
  if (flag && !flag->exchange(true)) return;
  // Second Ctrl-C (or no token): the user insists; die the default way.
  ::signal(SIGINT, SIG_DFL);
  ::raise(SIGINT);
}

}  // namespace

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

struct SigintCancellation::SavedHandler {
  struct sigaction previous {};
};

SigintCancellation::SigintCancellation(CancellationToken token)
    : token_(std::move(token)), saved_(std::make_unique<SavedHandler>()) {
  std::atomic<bool>* expected = nullptr;
  if (!g_sigint_flag.compare_exchange_strong(expected, token_.flag_.get()))
    throw InvalidInputError("a Ctrl-C handler for another run is already installed; run one pipeline at a time "
                            "per process");
  struct sigaction action {};
  action.sa_handler = cancel_on_sigint;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  ::sigaction(SIGINT, &action, &saved_->previous);
}

SigintCancellation::~SigintCancellation() {
  ::sigaction(SIGINT, &saved_->previous, nullptr);
  g_sigint_flag.store(nullptr);
}

}  // namespace strata
