#include "strata/orchestrate/run_storage.hpp"

namespace strata {

std::vector<std::string> runs_outside_retention(const std::vector<RunRecord>& runs,
                                                const RetentionPolicy& policy, int64_t now_us) {
  constexpr int64_t kMicrosPerDay = int64_t{86400} * 1000 * 1000;
  std::vector<std::string> doomed;
  int64_t finished_seen = 0;
  for (const RunRecord& run : runs) {
    if (run.status == RunStatus::Started) continue;  // in progress (or abandoned): never deleted here
    ++finished_seen;
    bool too_many = policy.keep_runs > 0 && finished_seen > policy.keep_runs;
    // Ages beyond ~2700 years cannot be exceeded; the bound also keeps the product in range.
    bool too_old = policy.max_age_days > 0 && policy.max_age_days < 1'000'000 && run.end_time_us > 0 &&
                   now_us - run.end_time_us > policy.max_age_days * kMicrosPerDay;
    if (too_many || too_old) doomed.push_back(run.run_id);
  }
  return doomed;
}

}  // namespace strata
