#pragma once
// --partition, --partition-range and --all-partitions: which partitions a
// materialize or backfill command names, and how lists of partitions are
// shown compactly.
#include <string>
#include <vector>

#include "strata/orchestrate/definitions.hpp"
#include "strata/orchestrate/instance.hpp"

namespace strata::cli {

struct PartitionOptions {
  std::vector<std::string> keys;  // --partition KEY (repeatable)
  std::string range;              // --partition-range FIRST...LAST
  bool all = false;               // --all-partitions
};

/// The partition keys the options name, checked against the partitions of
/// the selection's partitioned assets; empty when no option is given.
/// Throws InvalidInputError for a malformed range, unknown keys, or
/// partition options on a selection without partitioned assets.
std::vector<std::string> resolve_partition_request(const Definitions& definitions, Instance& instance,
                                                   const std::string& selection, const PartitionOptions& options);

/// `subset` as runs of consecutive keys of `all`: "2024-01-01...2024-01-05, 2024-01-09".
/// At most `max_items` runs are shown, then "(N more)".
std::string compress_partition_ranges(const std::vector<std::string>& subset, const std::vector<std::string>& all,
                                      size_t max_items = 8);

}  // namespace strata::cli
