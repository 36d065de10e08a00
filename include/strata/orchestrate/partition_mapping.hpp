#pragma once
// Which partitions of an upstream asset a partition of a downstream asset
// reads. Declared per input:
//
//   defs.asset("sales/rolling", {"sales/daily"}, ...)
//       .partitions(daily)
//       .partition_mapping("sales/daily", time_window_mapping(-6, 0));  // the last 7 days
//
// Without a declaration the default applies (default_partition_mapping):
// an unpartitioned side reads or is read whole, time windows map by
// overlap, a multi-partitioned asset reads the dimension its upstream
// shares, and otherwise keys map to themselves.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "strata/orchestrate/partitions.hpp"

namespace strata {

class PartitionMapping {
 public:
  virtual ~PartitionMapping() = default;
  /// One line for listings ("identity", "time window (-1, 0)").
  virtual std::string describe() const = 0;
  /// The upstream keys that `downstream_key` of `downstream` reads, in the
  /// upstream's order. `downstream` is null (and the key empty) when the
  /// downstream asset is not partitioned. Throws InvalidInputError when the
  /// mapping does not apply to these definitions.
  virtual std::vector<std::string> upstream_keys(const std::string& downstream_key,
                                                 const PartitionsDefinition* downstream,
                                                 const PartitionsDefinition& upstream,
                                                 const PartitionContext& context) const = 0;
};

using PartitionMappingPtr = std::shared_ptr<const PartitionMapping>;

/// The same key upstream (it must be one of the upstream's keys).
PartitionMappingPtr identity_mapping();
/// Every upstream partition (e.g. a yearly report over daily data, or an
/// unpartitioned asset over a partitioned one).
PartitionMappingPtr all_partitions_mapping();
/// The upstream time windows overlapping the downstream window, widened by
/// `start_offset` and `end_offset` upstream windows: (-1, -1) is "the
/// previous day" between daily assets, (-6, 0) "the last seven days".
/// Upstream windows before the first or after the last partition are left out.
PartitionMappingPtr time_window_mapping(int start_offset = 0, int end_offset = 0);
/// A fixed table from downstream keys to upstream keys; a downstream key
/// absent from the table reads nothing.
PartitionMappingPtr static_mapping(std::map<std::string, std::set<std::string>> downstream_to_upstream);
/// Between a multi-partitioned asset and a single-dimension one: the
/// downstream key's `dimension` (downstream multi) or every combination
/// holding the downstream key in `dimension` (upstream multi).
PartitionMappingPtr dimension_mapping(std::string dimension);

/// The mapping used when an input declares none (see the file comment).
PartitionMappingPtr default_partition_mapping(const PartitionsDefinition* downstream,
                                              const PartitionsDefinition& upstream);

}  // namespace strata
