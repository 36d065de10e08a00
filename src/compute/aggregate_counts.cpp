// Counting aggregates: count (non-null values), null_count, len (rows) and
// n_unique (distinct values, a null counting as one value).
#include <string>

#include "compute/internal/aggregator_base.hpp"
#include "compute/internal/key_table.hpp"
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

// Distinct (group, value) pairs live in a key table. While there is only
// one group (whole-column n_unique) the table holds the values alone, which
// uses the faster single-key layouts; it switches to pairs when a second
// group appears.
class NUniqueAggregator final : public AggregatorBase {
 public:
  explicit NUniqueAggregator(const DataType& input)
      : input_type_(input), value_type_(table_key_type(input)) {
    table_ = make_key_table({value_type_});
  }

  void resize(int64_t num_groups) override {
    if (num_groups > 1) use_pairs();
    num_groups_ = std::max(num_groups_, num_groups);
  }

  void consume_range(const Array& values, int64_t begin, int64_t end, const uint32_t* group_ids) override {
    const Array prepared = prepare_keys({values}, {input_type_})[0];
    scratch_.resize(static_cast<size_t>(end - begin));
    if (!pairs_) {
      table_->insert({prepared}, begin, end, scratch_.data());
      return;
    }
    // A group-id column aligned with the rows of `values` (only [begin, end) is read).
    BufferPtr ids = Buffer::allocate(end * 4);
    for (int64_t i = begin; i < end; ++i) ids->as<uint32_t>()[i] = group_ids ? group_ids[i - begin] : 0u;
    table_->insert({uint32_array(std::move(ids), end), prepared}, begin, end, scratch_.data());
  }

  void merge(GroupedAggregator& other_base, const uint32_t* mapping) override {
    auto& other = dynamic_cast<NUniqueAggregator&>(other_base);
    if (other.table_->size() == 0) return;
    if (!pairs_ && !other.pairs_ && mapping[0] == 0) {  // both hold group 0 only
      const Array values = other.table_->keys()[0];
      scratch_.resize(static_cast<size_t>(values.length()));
      table_->insert({values}, 0, values.length(), scratch_.data());
      return;
    }
    use_pairs();
    std::vector<Array> keys = other.table_->keys();
    const int64_t n = keys[0].length();
    BufferPtr ids = Buffer::allocate(n * 4);
    for (int64_t i = 0; i < n; ++i)
      ids->as<uint32_t>()[i] = other.pairs_ ? mapping[keys[0].values<uint32_t>()[i]] : mapping[0];
    const Array values = other.pairs_ ? keys[1] : keys[0];
    scratch_.resize(static_cast<size_t>(n));
    table_->insert({uint32_array(std::move(ids), n), values}, 0, n, scratch_.data());
  }

  Array finish() override {
    std::vector<int64_t> counts(static_cast<size_t>(num_groups_), 0);
    if (!pairs_) {
      if (num_groups_ > 0) counts[0] = table_->size();
    } else {
      const Array groups = table_->keys()[0];
      for (int64_t i = 0; i < groups.length(); ++i) ++counts[groups.values<uint32_t>()[i]];
    }
    FixedWidthBuilder<int64_t> builder(DataType::int64());
    if (!counts.empty()) builder.append_values(counts.data(), static_cast<int64_t>(counts.size()));
    return builder.finish();
  }

 private:
  static Array uint32_array(BufferPtr values, int64_t length) {
    auto data = std::make_shared<ArrayData>();
    data->type = DataType::uint32();
    data->length = length;
    data->values = std::move(values);
    return Array(std::move(data));
  }

  // Re-keys the distinct values seen so far (all of group 0) as pairs.
  void use_pairs() {
    if (pairs_) return;
    auto pair_table = make_key_table({DataType::uint32(), value_type_});
    const Array values = table_->keys()[0];
    const int64_t n = values.length();
    BufferPtr zeros = Buffer::zeroed(n * 4);
    scratch_.resize(static_cast<size_t>(n));
    pair_table->insert({uint32_array(std::move(zeros), n), values}, 0, n, scratch_.data());
    table_ = std::move(pair_table);
    pairs_ = true;
  }

  DataType input_type_;
  DataType value_type_;
  std::unique_ptr<KeyTable> table_;
  bool pairs_ = false;
  int64_t num_groups_ = 0;
  std::vector<uint32_t> scratch_;
};

}  // namespace

std::unique_ptr<AggregatorBase> make_count_aggregator(AggKind kind, const DataType&) {
  return std::make_unique<CountAggregator>(kind);
}

std::unique_ptr<AggregatorBase> make_n_unique_aggregator(const DataType& input) {
  return std::make_unique<NUniqueAggregator>(input);
}

}  // namespace strata::compute::internal
