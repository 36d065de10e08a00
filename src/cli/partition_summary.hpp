#pragma once
// How `asset KEY` and `partitions KEY` show an asset's partitions: counts
// per state and the keys of each state as compact ranges.
#include <ostream>
#include <vector>

#include "strata/orchestrate/partition_status.hpp"
#include "strata/orchestrate/partitions.hpp"
#include "strata/orchestrate/value.hpp"

namespace strata::cli {

void print_partition_summary(std::ostream& out, const PartitionsDefinition& definition,
                             const std::vector<PartitionStatus>& statuses);
Json partition_summary_to_json(const PartitionsDefinition& definition, const std::vector<PartitionStatus>& statuses);

}  // namespace strata::cli
