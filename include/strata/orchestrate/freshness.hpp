#pragma once
// Evaluating freshness checks (AssetCheck::freshness) on demand: each
// evaluation is recorded as a short run of the job "__freshness_checks"
// holding one ASSET_CHECK event per check, so that `checks KEY` and
// `asset KEY` show the latest verdict like any other check result.
#include <cstdint>
#include <string>
#include <vector>

#include "strata/orchestrate/asset_check.hpp"
#include "strata/orchestrate/instance.hpp"

namespace strata {

inline constexpr const char* kFreshnessJob = "__freshness_checks";

struct FreshnessResult {
  AssetKey asset_key;
  std::string check;
  CheckSeverity severity = CheckSeverity::Warn;
  CheckResult result;
};

struct FreshnessEvaluation {
  std::string run_id;  // empty when no selected asset has a freshness check (nothing is recorded)
  std::vector<FreshnessResult> results;
  /// Whether a check of severity Error failed.
  bool error_failed() const;
};

/// Evaluates the freshness checks of the assets in `selection` at `now_us`
/// (0: now). Throws InvalidInputError for a bad selection.
FreshnessEvaluation evaluate_freshness_checks(const Definitions& definitions, Instance& instance,
                                              const std::string& selection = "*", int64_t now_us = 0);

}  // namespace strata
