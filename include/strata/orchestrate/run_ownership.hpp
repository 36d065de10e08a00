#pragma once
// Which process owns a run, so that a run whose process died without ending
// it (SIGKILL, the out-of-memory killer, a power cut) is found and marked
// failed instead of staying STARTED forever.
//
// A run records its host, the host's boot id, its pid and the pid's start
// time as tags. Another process on the same host can then tell for certain
// whether the owner still exists: a pid alone can be reused. Runs owned by
// other hosts (a shared PostgreSQL store) are left to their own host.
#include <cstdint>
#include <map>
#include <string>

#include "strata/orchestrate/run_storage.hpp"

namespace strata {

/// Adds this process's ownership tags ("strata/host", "strata/process").
void tag_run_owner(std::map<std::string, std::string>& tags);

/// Marks every STARTED run whose owning process is gone as FAILURE, with a
/// STEP_FAILURE event for each step it left unfinished and a RUN_FAILURE
/// event saying what happened. Returns the number of runs marked.
int64_t fail_abandoned_runs(RunStorage& storage);

}  // namespace strata
