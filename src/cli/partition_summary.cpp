#include "cli/partition_summary.hpp"

#include "cli/partition_request.hpp"

namespace strata::cli {

void print_partition_summary(std::ostream& out, const PartitionsDefinition& definition,
                             const std::vector<PartitionStatus>& statuses) {
  std::vector<std::string> all;
  for (const PartitionStatus& status : statuses) all.push_back(status.key);
  const auto materialized = keys_in_state(statuses, PartitionState::Materialized);
  const auto failed = keys_in_state(statuses, PartitionState::Failed);
  const auto missing = keys_in_state(statuses, PartitionState::Missing);
  out << "Partitions: " << definition.describe() << "\n  " << all.size() << " partitions: " << materialized.size()
      << " materialized, " << failed.size() << " failed, " << missing.size() << " missing\n";
  if (!materialized.empty()) out << "  materialized: " << compress_partition_ranges(materialized, all) << "\n";
  if (!failed.empty()) out << "  failed:       " << compress_partition_ranges(failed, all) << "\n";
  if (!missing.empty()) out << "  missing:      " << compress_partition_ranges(missing, all) << "\n";
}

Json partition_summary_to_json(const PartitionsDefinition& definition, const std::vector<PartitionStatus>& statuses) {
  Json states = Json::object();
  for (const PartitionStatus& status : statuses) {
    Json entry = {{"state", partition_state_name(status.state)}};
    if (!status.run_id.empty()) {
      entry["run_id"] = status.run_id;
      entry["timestamp_us"] = status.timestamp_us;
    }
    states[status.key] = std::move(entry);
  }
  return {{"definition", definition.describe()},
          {"total", statuses.size()},
          {"materialized", keys_in_state(statuses, PartitionState::Materialized).size()},
          {"failed", keys_in_state(statuses, PartitionState::Failed).size()},
          {"missing", keys_in_state(statuses, PartitionState::Missing).size()},
          {"partitions", std::move(states)}};
}

}  // namespace strata::cli
