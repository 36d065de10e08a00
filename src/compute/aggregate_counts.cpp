// Counting aggregates: count (non-null values), null_count and len (rows);
// n_unique is in aggregate_n_unique.cpp.
#include <string>

#include "compute/internal/aggregator_base.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"

namespace strata::compute::internal {

namespace {

class CountAggregator final : public AggregatorBase {
 public:
  explicit CountAggregator(AggKind kind) : kind_(kind) {}

  void resize(int64_t num_groups) override { counts_.resize(static_cast<size_t>(num_groups), 0); }

  void consume_range(const Array& values, int64_t begin, int64_t end, const uint32_t* group_ids) override {
    int64_t* counts = counts_.data();
    switch (kind_) {
      case AggKind::Count:
        for_each_row(values, begin, end, group_ids, true, [&](int64_t, uint32_t g) { ++counts[g]; });
        break;
      case AggKind::Len:
        for_each_row(values, begin, end, group_ids, false, [&](int64_t, uint32_t g) { ++counts[g]; });
        break;
      default:
        if (values.null_count() == 0) return;
        for_each_row(values, begin, end, group_ids, false, [&](int64_t i, uint32_t g) {
          counts[g] += values.is_null(i);
        });
    }
  }

  void merge(GroupedAggregator& other_base, const uint32_t* mapping) override {
    auto& other = dynamic_cast<CountAggregator&>(other_base);
    for (size_t g = 0; g < other.counts_.size(); ++g) counts_[mapping[g]] += other.counts_[g];
  }

  Array finish() override {
    FixedWidthBuilder<int64_t> builder(DataType::int64());
    if (!counts_.empty()) builder.append_values(counts_.data(), static_cast<int64_t>(counts_.size()));
    return builder.finish();
  }

 private:
  AggKind kind_;
  std::vector<int64_t> counts_;
};

}  // namespace

std::unique_ptr<AggregatorBase> make_count_aggregator(AggKind kind, const DataType&) {
  return std::make_unique<CountAggregator>(kind);
}

}  // namespace strata::compute::internal
