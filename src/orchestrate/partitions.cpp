#include "orchestrate/internal/text_split.hpp"
#include "strata/orchestrate/partitions.hpp"

#include <algorithm>
#include <set>

#include "orchestrate/internal/time_window_partitions.hpp"
#include "strata/core/error.hpp"
#include "strata/core/types.hpp"
#include "strata/orchestrate/run_storage.hpp"

namespace strata {

namespace {

constexpr const char* kDimensionSeparator = "|";

class StaticPartitions final : public PartitionsDefinition {
 public:
  explicit StaticPartitions(std::vector<std::string> keys) : keys_(std::move(keys)) {
    if (keys_.empty()) throw InvalidInputError("static partitions need at least one key");
    std::set<std::string> seen;
    for (const std::string& key : keys_) {
      check_partition_key_text(key);
      if (!seen.insert(key).second) throw InvalidInputError("static partition key '" + key + "' is listed twice");
    }
  }
  std::string kind() const override { return "static"; }
  std::string describe() const override {
    std::string text = "static (";
    for (size_t i = 0; i < keys_.size(); ++i) text += (i ? ", " : "") + keys_[i];
    return text + ")";
  }
  std::vector<std::string> keys(const PartitionContext&) const override { return keys_; }
  bool has_key(const std::string& key, const PartitionContext&) const override {
    return std::find(keys_.begin(), keys_.end(), key) != keys_.end();
  }

 private:
  std::vector<std::string> keys_;
};

class DynamicPartitions final : public PartitionsDefinition {
 public:
  explicit DynamicPartitions(std::string name) : name_(std::move(name)) {
    if (name_.empty()) throw InvalidInputError("dynamic partitions need a name");
  }
  std::string kind() const override { return "dynamic"; }
  std::string describe() const override { return "dynamic (" + name_ + ")"; }
  std::vector<std::string> keys(const PartitionContext& context) const override {
    if (!context.storage)
      throw InvalidInputError("the keys of dynamic partitions '" + name_ +
                              "' are kept in run storage, and none was given");
    return context.storage->dynamic_partitions(name_);
  }
  const std::string& name() const { return name_; }

  void validate_keys(const std::vector<std::string>& keys, const PartitionContext& context) const override {
    if (keys.size() <= 1) return PartitionsDefinition::validate_keys(keys, context);
    const std::vector<std::string> listed = this->keys(context);  // one storage read for all keys
    const std::set<std::string> known(listed.begin(), listed.end());
    for (const std::string& key : keys)
      if (!known.count(key)) validate_key(key, context);  // throws, naming the closest key
  }

 private:
  std::string name_;
};

class MultiPartitions final : public PartitionsDefinition {
 public:
  explicit MultiPartitions(std::vector<std::pair<std::string, PartitionsPtr>> dimensions)
      : dimensions_(std::move(dimensions)) {
    if (dimensions_.size() < 2) throw InvalidInputError("multi-partitions need at least two dimensions");
    std::set<std::string> names;
    int time_dimensions = 0;
    for (const auto& [name, definition] : dimensions_) {
      if (name.empty() || !names.insert(name).second)
        throw InvalidInputError("multi-partition dimension names must be unique and not empty ('" + name + "')");
      if (!definition) throw InvalidInputError("multi-partition dimension '" + name + "' has no definition");
      if (definition->kind() == "multi")
        throw InvalidInputError("multi-partition dimension '" + name + "' is itself multi-partitioned");
      if (internal::is_time_window_kind(definition->kind())) ++time_dimensions;
    }
    if (time_dimensions > 1) throw InvalidInputError("multi-partitions may have at most one time dimension");
  }
  std::string kind() const override { return "multi"; }
  std::string describe() const override {
    std::string text = "multi (";
    for (size_t i = 0; i < dimensions_.size(); ++i)
      text += (i ? "; " : "") + dimensions_[i].first + ": " + dimensions_[i].second->describe();
    return text + ")";
  }
  std::vector<std::string> keys(const PartitionContext& context) const override {
    std::vector<std::string> combined = {""};
    for (size_t d = 0; d < dimensions_.size(); ++d) {
      std::vector<std::string> next;
      const std::vector<std::string> part = dimensions_[d].second->keys(context);
      next.reserve(combined.size() * part.size());
      for (const std::string& prefix : combined)
        for (const std::string& key : part) next.push_back(d == 0 ? key : prefix + kDimensionSeparator + key);
      combined = std::move(next);
    }
    return combined;
  }
  bool has_key(const std::string& key, const PartitionContext& context) const override {
    const std::vector<std::string> parts = split_multi_key(key);
    if (parts.size() != dimensions_.size()) return false;
    for (size_t d = 0; d < parts.size(); ++d)
      if (!dimensions_[d].second->has_key(parts[d], context)) return false;
    return true;
  }
  std::optional<TimeWindow> time_window(const std::string& key) const override {
    const std::vector<std::string> parts = split_multi_key(key);
    for (size_t d = 0; d < dimensions_.size() && d < parts.size(); ++d)
      if (internal::is_time_window_kind(dimensions_[d].second->kind()))
        return dimensions_[d].second->time_window(parts[d]);
    return std::nullopt;
  }
  const std::vector<std::pair<std::string, PartitionsPtr>>& dimensions() const { return dimensions_; }

 private:
  std::vector<std::pair<std::string, PartitionsPtr>> dimensions_;
};

}  // namespace

bool PartitionsDefinition::has_key(const std::string& key, const PartitionContext& context) const {
  const std::vector<std::string> all = keys(context);
  return std::find(all.begin(), all.end(), key) != all.end();
}

std::optional<TimeWindow> PartitionsDefinition::time_window(const std::string&) const { return std::nullopt; }

void PartitionsDefinition::validate_keys(const std::vector<std::string>& keys,
                                         const PartitionContext& context) const {
  for (const std::string& key : keys) validate_key(key, context);
}

void PartitionsDefinition::validate_key(const std::string& key, const PartitionContext& context) const {
  if (has_key(key, context)) return;
  const std::vector<std::string> all = keys(context);
  std::string message = "'" + key + "' is not a partition of " + describe();
  if (all.empty()) {
    message += ", which has no partitions yet";
  } else {
    const std::string hint = all.size() <= 100000 ? closest_name(key, all) : "";
    message += hint.empty() ? "; the partitions run from '" + all.front() + "' to '" + all.back() + "'"
                            : "; did you mean '" + hint + "'?";
  }
  throw InvalidInputError(message);
}

std::vector<std::string> PartitionsDefinition::key_range(const std::string& first, const std::string& last,
                                                         const PartitionContext& context) const {
  validate_key(first, context);
  validate_key(last, context);
  const std::vector<std::string> all = keys(context);
  auto begin = std::find(all.begin(), all.end(), first);
  auto end = std::find(all.begin(), all.end(), last);
  if (end < begin)
    throw InvalidInputError("partition range '" + first + "..." + last + "' is backwards: '" + first +
                            "' comes after '" + last + "'; swap them");
  return std::vector<std::string>(begin, end + 1);
}

void check_partition_key_text(const std::string& key) {
  auto refuse = [&key](const std::string& why) {
    throw InvalidInputError("invalid partition key '" + key + "': " + why);
  };
  if (key.empty()) refuse("it is empty");
  if (key.size() > 512) refuse("it is longer than 512 bytes");
  if (key.find("...") != std::string::npos) refuse("it contains '...', which separates the ends of a range");
  for (char c : key) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) refuse("it contains a control character");
    if (c == '|' || c == ',' || c == '[' || c == ']' || c == '*')
      refuse(std::string("it contains '") + c + "' (reserved in partition keys, step keys and selections)");
  }
  if (key.front() == ' ' || key.back() == ' ') refuse("it starts or ends with a space");
}

PartitionsPtr static_partitions(std::vector<std::string> keys) {
  return std::make_shared<StaticPartitions>(std::move(keys));
}

PartitionsPtr multi_partitions(std::vector<std::pair<std::string, PartitionsPtr>> dimensions) {
  return std::make_shared<MultiPartitions>(std::move(dimensions));
}

PartitionsPtr dynamic_partitions(const std::string& name) { return std::make_shared<DynamicPartitions>(name); }

const std::vector<std::pair<std::string, PartitionsPtr>>& partition_dimensions(const PartitionsDefinition& definition) {
  static const std::vector<std::pair<std::string, PartitionsPtr>> none;
  const auto* multi = dynamic_cast<const MultiPartitions*>(&definition);
  return multi ? multi->dimensions() : none;
}

std::vector<std::string> split_multi_key(const std::string& key) {
  return internal::split_at(key, kDimensionSeparator[0]);
}

std::string dynamic_partitions_name(const PartitionsDefinition& definition) {
  const auto* dynamic = dynamic_cast<const DynamicPartitions*>(&definition);
  return dynamic ? dynamic->name() : "";
}

}  // namespace strata
