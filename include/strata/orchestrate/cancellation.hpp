#pragma once
// Cancelling a run with Ctrl-C. The executor checks the token (see
// strata/core/cancellation.hpp) between steps and while waiting to retry;
// user code can check it through StepContext::check_cancelled.
#include <memory>

#include "strata/core/cancellation.hpp"

namespace strata {

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
