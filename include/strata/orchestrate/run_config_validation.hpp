#pragma once
// Checking a run's config against everything the run will use, before the
// run starts: a mistake is reported with the field's full path and nothing
// is executed or recorded.
#include <map>
#include <string>

#include "strata/orchestrate/definitions.hpp"
#include "strata/orchestrate/execution_plan.hpp"

namespace strata {

struct ResolvedRunConfig {
  /// Validated config by step key (defaults and environment filled in).
  std::map<std::string, Json> steps;
  /// Validated config by resource name, for the resources the plan needs.
  std::map<std::string, Json> resources;
};

/// Validates `run_config` (layout in run_config.hpp). Throws ConfigError for
/// unknown sections, resources, assets or ops (with the closest name),
/// entries other than `config:`, and any field problem, naming its path;
/// e.g. "resources.warehouse.config.port". `{env: NAME}` references are
/// resolved first.
ResolvedRunConfig resolve_run_config(const Definitions& definitions, const ExecutionPlan& plan,
                                     const Json& run_config);

}  // namespace strata
