// First and last: the value of a group's first/last row, null or not. The
// state is a reference (batch, row) per group; the consumed batches are kept
// alive (shared, not copied) and the values are gathered once at finish, so
// this works for every type, nested ones included. merge() treats the other
// state's rows as coming after this one's.
#include <string>

#include "compute/internal/aggregator_base.hpp"
#include "strata/compute/selection.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"

namespace strata::compute::internal {

namespace {

class FirstLastAggregator final : public AggregatorBase {
  struct RowRef {
    int64_t batch = -1;  // -1: the group has no row yet
    int64_t row = 0;
  };

 public:
  FirstLastAggregator(AggKind kind, DataType type) : last_(kind == AggKind::Last), type_(std::move(type)) {}

  void resize(int64_t num_groups) override { refs_.resize(static_cast<size_t>(num_groups)); }

  void consume_range(const Array& values, int64_t begin, int64_t end, const uint32_t* group_ids) override {
    if (begin >= end) return;
    const int64_t batch = register_batch(values);
    RowRef* refs = refs_.data();
    if (group_ids == nullptr) {  // one group: only the edge row matters
      if (last_) refs[0] = {batch, end - 1};
      else if (refs[0].batch < 0) refs[0] = {batch, begin};
      return;
    }
    if (last_) {
      for (int64_t i = begin; i < end; ++i) refs[group_ids[i - begin]] = {batch, i};
    } else {
      for (int64_t i = begin; i < end; ++i)
        if (refs[group_ids[i - begin]].batch < 0) refs[group_ids[i - begin]] = {batch, i};
    }
  }

  void merge(GroupedAggregator& other_base, const uint32_t* mapping) override {
    auto& other = dynamic_cast<FirstLastAggregator&>(other_base);
    const auto base = static_cast<int64_t>(batches_.size());
    batches_.insert(batches_.end(), other.batches_.begin(), other.batches_.end());
    for (size_t g = 0; g < other.refs_.size(); ++g) {
      const RowRef& theirs = other.refs_[g];
      if (theirs.batch < 0) continue;
      RowRef& ours = refs_[mapping[g]];
      if (last_ || ours.batch < 0) ours = {base + theirs.batch, theirs.row};
    }
  }

  Array finish() override {
    const auto groups = static_cast<int64_t>(refs_.size());
    if (batches_.size() == 1) {
      std::vector<int64_t> rows(refs_.size());
      for (size_t g = 0; g < refs_.size(); ++g) rows[g] = refs_[g].batch < 0 ? -1 : refs_[g].row;
      return take(batches_[0], rows);
    }
    if (batches_.empty()) return make_null_array(type_, groups);
    // Gather each batch's chosen rows, then put the groups back in order.
    std::vector<Array> parts;
    std::vector<int64_t> position(refs_.size(), -1);
    int64_t gathered = 0;
    for (size_t b = 0; b < batches_.size(); ++b) {
      std::vector<int64_t> rows;
      for (size_t g = 0; g < refs_.size(); ++g) {
        if (refs_[g].batch != static_cast<int64_t>(b)) continue;
        position[g] = gathered++;
        rows.push_back(refs_[g].row);
      }
      if (!rows.empty()) parts.push_back(take(batches_[b], rows));
    }
    if (parts.empty()) return make_null_array(type_, groups);
    return take(concat_arrays(parts), position);
  }

 private:
  int64_t register_batch(const Array& values) {
    if (batches_.empty() || batches_.back().data_ptr() != values.data_ptr()) batches_.push_back(values);
    return static_cast<int64_t>(batches_.size() - 1);
  }

  bool last_;
  DataType type_;
  std::vector<Array> batches_;
  std::vector<RowRef> refs_;
};

}  // namespace

std::unique_ptr<AggregatorBase> make_first_last_aggregator(AggKind kind, const DataType& input) {
  return std::make_unique<FirstLastAggregator>(kind, input);
}

}  // namespace strata::compute::internal
