#include <signal.h>

#include <cerrno>

#include "cli/cli_context.hpp"

namespace strata::cli {

std::string displayed_status(const RunRecord& run) {
  if (run.status == RunStatus::Started && run.pid > 0 && ::kill(static_cast<pid_t>(run.pid), 0) != 0 && errno == ESRCH)
    return "STARTED (process gone)";
  return run_status_name(run.status);
}

RunRecord find_run(RunStorage& storage, const std::string& id_or_prefix) {
  if (std::optional<RunRecord> exact = storage.get_run(id_or_prefix)) return *exact;
  if (id_or_prefix.size() >= 4) {
    RunFilter all;
    all.limit = 0;
    std::vector<RunRecord> matches;
    for (RunRecord& run : storage.list_runs(all))
      if (run.run_id.rfind(id_or_prefix, 0) == 0) matches.push_back(std::move(run));
    if (matches.size() == 1) return matches.front();
    if (matches.size() > 1)
      throw InvalidInputError("run id prefix '" + id_or_prefix + "' matches " + std::to_string(matches.size()) +
                              " runs; give more characters");
  }
  throw NotFoundError("no run with id '" + id_or_prefix + "'; `runs` lists the recorded runs");
}

}  // namespace strata::cli
