#include "strata/orchestrate/partition_status.hpp"

#include <map>

namespace strata {

const char* partition_state_name(PartitionState state) {
  switch (state) {
    case PartitionState::Missing: return "MISSING";
    case PartitionState::Materialized: return "MATERIALIZED";
    case PartitionState::Failed: return "FAILED";
  }
  return "MISSING";
}

std::vector<PartitionStatus> asset_partition_statuses(const RunStorage& storage, const std::string& asset_key,
                                                      const std::vector<std::string>& keys) {
  std::map<std::string, PartitionStatus> latest;
  EventFilter filter;
  filter.types = {EventType::AssetMaterialization, EventType::StepFailure};
  if (keys.size() == 1) {
    // One partition (a freshness check): its newest event decides, one indexed row.
    filter.partition = keys.front();
    filter.limit = 1;
  }
  for (const Event& event : storage.asset_events(asset_key, filter)) {  // newest first
    if (event.partition.empty() || latest.count(event.partition)) continue;
    latest[event.partition] = PartitionStatus{event.partition,
                                              event.type == EventType::AssetMaterialization ? PartitionState::Materialized
                                                                                            : PartitionState::Failed,
                                              event.run_id, event.timestamp_us};
  }
  std::vector<PartitionStatus> out;
  out.reserve(keys.size());
  for (const std::string& key : keys) {
    auto found = latest.find(key);
    if (found != latest.end()) {
      out.push_back(found->second);
    } else {
      PartitionStatus missing;
      missing.key = key;
      out.push_back(std::move(missing));
    }
  }
  return out;
}

}  // namespace strata
