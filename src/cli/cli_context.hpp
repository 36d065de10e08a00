#pragma once
// What every command receives: the definitions, the output streams, the
// global options, and the instance (opened on first use).
#include <stdlib.h>

#include <memory>
#include <ostream>
#include <string>

#include "strata/cli/run_cli.hpp"
#include "strata/core/error.hpp"
#include "strata/orchestrate/instance.hpp"

namespace strata::cli {

/// An unknown run id or asset key; mapped to ExitCode::NotFound.
class NotFoundError : public InvalidInputError {
 public:
  using InvalidInputError::InvalidInputError;
};

/// A destructive command refused without confirmation; ExitCode::Usage.
class ConfirmationRequired : public InvalidInputError {
 public:
  using InvalidInputError::InvalidInputError;
};

struct CliContext {
  const Definitions& definitions;
  std::ostream& out;
  std::ostream& err;
  std::string program_name;
  std::string home;  // --home; empty = default_home()
  std::unique_ptr<Instance> instance;

  /// Opens the instance at --home / STRATA_HOME / ./.strata on first call.
  /// --home also becomes STRATA_HOME for the rest of the process, so that
  /// pipeline code asking default_home() agrees with the instance.
  Instance& open_instance() {
    if (!instance) {
      if (!home.empty()) ::setenv("STRATA_HOME", home.c_str(), 1);
      instance = Instance::open(home.empty() ? default_home() : std::filesystem::path(home));
    }
    return *instance;
  }
};

/// The status to show: STARTED runs whose process no longer exists on this
/// machine are shown as "STARTED (process gone)" - killed before they could
/// record an end.
std::string displayed_status(const RunRecord& run);

/// The run whose id is `id_or_prefix` (a unique prefix of at least 4
/// characters is enough). Throws NotFoundError, or InvalidInputError for an
/// ambiguous prefix.
RunRecord find_run(RunStorage& storage, const std::string& id_or_prefix);

}  // namespace strata::cli
