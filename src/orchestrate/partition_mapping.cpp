#include "strata/orchestrate/partition_mapping.hpp"

#include <algorithm>

#include "orchestrate/internal/time_window_partitions.hpp"
#include "strata/core/error.hpp"

namespace strata {

namespace {

class IdentityMapping final : public PartitionMapping {
 public:
  std::string describe() const override { return "identity"; }
  std::vector<std::string> upstream_keys(const std::string& key, const PartitionsDefinition* downstream,
                                         const PartitionsDefinition& upstream,
                                         const PartitionContext& context) const override {
    if (!downstream)
      throw InvalidInputError("the identity partition mapping needs a partitioned downstream asset; "
                              "an unpartitioned asset reads all partitions (all_partitions_mapping)");
    if (!upstream.has_key(key, context))
      throw InvalidInputError("partition '" + key + "' has no counterpart upstream in " + upstream.describe() +
                              "; declare a partition_mapping for this input");
    return {key};
  }
};

class AllPartitionsMapping final : public PartitionMapping {
 public:
  std::string describe() const override { return "all partitions"; }
  std::vector<std::string> upstream_keys(const std::string&, const PartitionsDefinition*,
                                         const PartitionsDefinition& upstream,
                                         const PartitionContext& context) const override {
    return upstream.keys(context);
  }
};

class TimeWindowMapping final : public PartitionMapping {
 public:
  TimeWindowMapping(int start_offset, int end_offset) : start_offset_(start_offset), end_offset_(end_offset) {
    if (start_offset > end_offset)
      throw InvalidInputError("time window mapping: start offset " + std::to_string(start_offset) +
                              " is after end offset " + std::to_string(end_offset));
  }
  std::string describe() const override {
    return "time window (" + std::to_string(start_offset_) + ", " + std::to_string(end_offset_) + ")";
  }
  std::vector<std::string> upstream_keys(const std::string& key, const PartitionsDefinition* downstream,
                                         const PartitionsDefinition& upstream,
                                         const PartitionContext& context) const override {
    const std::optional<TimeWindow> window = downstream ? downstream->time_window(key) : std::nullopt;
    if (!window || !internal::is_time_window_kind(upstream.kind()))
      throw InvalidInputError("a time window mapping needs time windows on both sides; " +
                              (downstream ? downstream->describe() : std::string("unpartitioned")) + " reads " +
                              upstream.describe());
    std::vector<std::string> overlapping = keys_overlapping(upstream, *window, context);
    if (start_offset_ == 0 && end_offset_ == 0) return overlapping;
    if (overlapping.empty()) return {};
    const std::vector<std::string> all = upstream.keys(context);
    const auto first = std::find(all.begin(), all.end(), overlapping.front()) - all.begin();
    const auto last = std::find(all.begin(), all.end(), overlapping.back()) - all.begin();
    const int64_t count = static_cast<int64_t>(all.size());
    const int64_t begin = std::clamp<int64_t>(first + start_offset_, 0, count);
    const int64_t end = std::clamp<int64_t>(last + end_offset_ + 1, 0, count);
    if (begin >= end) return {};
    return std::vector<std::string>(all.begin() + begin, all.begin() + end);
  }

 private:
  int start_offset_;
  int end_offset_;
};

class StaticMapping final : public PartitionMapping {
 public:
  explicit StaticMapping(std::map<std::string, std::set<std::string>> table) : table_(std::move(table)) {}
  std::string describe() const override { return "static (" + std::to_string(table_.size()) + " keys)"; }
  std::vector<std::string> upstream_keys(const std::string& key, const PartitionsDefinition*,
                                         const PartitionsDefinition& upstream,
                                         const PartitionContext& context) const override {
    auto found = table_.find(key);
    if (found == table_.end()) return {};
    std::vector<std::string> out;
    for (const std::string& upstream_key : upstream.keys(context))  // in the upstream's order
      if (found->second.count(upstream_key)) out.push_back(upstream_key);
    for (const std::string& wanted : found->second)
      if (std::find(out.begin(), out.end(), wanted) == out.end())
        throw InvalidInputError("static partition mapping: '" + key + "' maps to '" + wanted +
                                "', which is not a partition of " + upstream.describe());
    return out;
  }

 private:
  std::map<std::string, std::set<std::string>> table_;
};

/// The index of dimension `name` in `definition`, or -1.
int dimension_index(const PartitionsDefinition& definition, const std::string& name) {
  const auto& dimensions = partition_dimensions(definition);
  for (size_t i = 0; i < dimensions.size(); ++i)
    if (dimensions[i].first == name) return static_cast<int>(i);
  return -1;
}

class DimensionMapping final : public PartitionMapping {
 public:
  explicit DimensionMapping(std::string dimension) : dimension_(std::move(dimension)) {}
  std::string describe() const override { return "dimension " + dimension_; }
  std::vector<std::string> upstream_keys(const std::string& key, const PartitionsDefinition* downstream,
                                         const PartitionsDefinition& upstream,
                                         const PartitionContext& context) const override {
    if (downstream && dimension_index(*downstream, dimension_) >= 0) {
      const std::string part = split_multi_key(key).at(static_cast<size_t>(dimension_index(*downstream, dimension_)));
      if (!upstream.has_key(part, context)) return {};
      return {part};
    }
    const int index = dimension_index(upstream, dimension_);
    if (!downstream || index < 0)
      throw InvalidInputError("dimension mapping '" + dimension_ + "': neither " +
                              (downstream ? downstream->describe() : std::string("the downstream asset")) + " nor " +
                              upstream.describe() + " has that dimension");
    std::vector<std::string> out;
    for (const std::string& upstream_key : upstream.keys(context))
      if (split_multi_key(upstream_key)[static_cast<size_t>(index)] == key) out.push_back(upstream_key);
    return out;
  }

 private:
  std::string dimension_;
};

/// A dimension of `multi` equal to `single`, or "".
std::string shared_dimension(const PartitionsDefinition& multi, const PartitionsDefinition& single) {
  for (const auto& [name, definition] : partition_dimensions(multi))
    if (definition->equals(single)) return name;
  return "";
}

}  // namespace

PartitionMappingPtr identity_mapping() { return std::make_shared<IdentityMapping>(); }
PartitionMappingPtr all_partitions_mapping() { return std::make_shared<AllPartitionsMapping>(); }
PartitionMappingPtr time_window_mapping(int start_offset, int end_offset) {
  return std::make_shared<TimeWindowMapping>(start_offset, end_offset);
}
PartitionMappingPtr static_mapping(std::map<std::string, std::set<std::string>> downstream_to_upstream) {
  return std::make_shared<StaticMapping>(std::move(downstream_to_upstream));
}
PartitionMappingPtr dimension_mapping(std::string dimension) {
  return std::make_shared<DimensionMapping>(std::move(dimension));
}

PartitionMappingPtr default_partition_mapping(const PartitionsDefinition* downstream,
                                              const PartitionsDefinition& upstream) {
  if (!downstream) return all_partitions_mapping();
  if (internal::is_time_window_kind(downstream->kind()) && internal::is_time_window_kind(upstream.kind()))
    return time_window_mapping();
  if (downstream->kind() == "multi" && upstream.kind() != "multi") {
    const std::string dimension = shared_dimension(*downstream, upstream);
    if (!dimension.empty()) return dimension_mapping(dimension);
  }
  if (upstream.kind() == "multi" && downstream->kind() != "multi") {
    const std::string dimension = shared_dimension(upstream, *downstream);
    if (!dimension.empty()) return dimension_mapping(dimension);
  }
  return identity_mapping();
}

}  // namespace strata
