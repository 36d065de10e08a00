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

struct SigintCancellation::SavedHandler {
  struct sigaction previous {};
};

SigintCancellation::SigintCancellation(CancellationToken token)
    : token_(std::move(token)), saved_(std::make_unique<SavedHandler>()) {
  std::atomic<bool>* expected = nullptr;
  if (!g_sigint_flag.compare_exchange_strong(expected, token_.flag_for_signal_handler()))
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
