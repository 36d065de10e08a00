#pragma once
// How `asset KEY` and `partitions KEY` show an asset's partitions: counts
// per state and the keys of each state as compact ranges.
#include <ostream>
#include <string>
#include <vector>

#include "strata/orchestrate/partition_status.hpp"
#include "strata/orchestrate/partitions.hpp"
#include "strata/orchestrate/value.hpp"

namespace strata::cli {

/// The keys of `items` (partition statuses, backfill partitions) whose state
/// is `state`, in their order.
template <typename Item, typename State>
std::vector<std::string> keys_in_state(const std::vector<Item>& items, State state) {
  std::vector<std::string> keys;
  for (const Item& item : items)
    if (item.state == state) keys.push_back(item.key);
  return keys;
}

void print_partition_summary(std::ostream& out, const PartitionsDefinition& definition,
                             const std::vector<PartitionStatus>& statuses);
Json partition_summary_to_json(const PartitionsDefinition& definition, const std::vector<PartitionStatus>& statuses);

}  // namespace strata::cli
