#pragma once
// Which partitions of an asset are materialized, failed or missing, from
// the event log: the newest of a partition's materializations and step
// failures decides.
#include <cstdint>
#include <string>
#include <vector>

#include "strata/orchestrate/run_storage.hpp"

namespace strata {

enum class PartitionState { Missing, Materialized, Failed };
const char* partition_state_name(PartitionState state);  // "MISSING", "MATERIALIZED", "FAILED"

struct PartitionStatus {
  std::string key;
  PartitionState state = PartitionState::Missing;
  std::string run_id;        // the run of the deciding event ("" when missing)
  int64_t timestamp_us = 0;  // when it happened (0 when missing)
};

/// The status of each of `keys` of asset `asset_key`, in the order of `keys`.
std::vector<PartitionStatus> asset_partition_statuses(const RunStorage& storage, const std::string& asset_key,
                                                      const std::vector<std::string>& keys);

}  // namespace strata
