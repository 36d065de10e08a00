// Median and quantiles with linear interpolation between the two closest
// ranks (position q * (n - 1), as Polars' and numpy's "linear" method).
//
// consume() appends (value, group) pairs to pooled blocks (growing never
// copies) and counts the values of each group; merge() only adopts the other
// state's blocks with their group mapping. finish() lays every group's values
// out contiguously in one buffer by the counts (each part scattered by its
// own task), then selects the ranks with a quickselect (select_nth), in
// parallel over ranges of groups, so no group is fully sorted.
#include <algorithm>
#include <bit>
#include <cmath>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "compute/internal/aggregator_base.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/decimal.hpp"
#include "strata/core/error.hpp"
#include "strata/core/memory.hpp"
#include "strata/core/thread_pool.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute::internal {

namespace {

// Values per block: blocks start small (small inputs stay small) and double
// up to kMaxBlockValues, large enough that the memory pool keeps them for
// reuse (fresh pages cost more to fault in than to fill).
constexpr int64_t kMinBlockValues = int64_t{1} << 12;
constexpr int64_t kMaxBlockValues = int64_t{1} << 18;

struct Block {
  BufferPtr values;  // doubles
  BufferPtr groups;  // uint32_t
  int64_t size = 0;
  int64_t capacity = 0;
};

// Values with group ids local to the state that consumed them.
struct Part {
  std::vector<Block> blocks;
  std::vector<int64_t> counts;    // values per local group
  std::vector<uint32_t> mapping;  // local group -> group of the owner; empty: the same id

  // A block with room for `rows` more values.
  Block& room_for(int64_t rows) {
    if (blocks.empty() || blocks.back().capacity - blocks.back().size < rows) {
      const int64_t grown =
          blocks.empty() ? kMinBlockValues : std::min(kMaxBlockValues, 2 * blocks.back().capacity);
      const int64_t capacity = std::max(grown, rows);
      blocks.push_back({Buffer::allocate(capacity * static_cast<int64_t>(sizeof(double))),
                        Buffer::allocate(capacity * static_cast<int64_t>(sizeof(uint32_t))), 0, capacity});
    }
    return blocks.back();
  }
  uint32_t owner_group(uint32_t local) const { return mapping.empty() ? local : mapping[local]; }
};

// Rearranges [first, last) (numbers, no NaN) as std::nth_element does: *nth
// becomes the value of its rank, smaller-or-equal values before it and
// greater-or-equal after. Quickselect with a median-of-three pivot and a
// partition without branches on the comparisons (on random values a
// mispredicted branch per element is what selection mostly spends); when
// pivots keep splitting badly (many equal values) std::nth_element takes over.
void select_nth(double* first, double* nth, double* last) {
  int splits_left = 2 * std::bit_width(static_cast<size_t>(last - first)) + 4;
  while (last - first > 16) {
    if (splits_left-- == 0) {
      std::nth_element(first, nth, last);
      return;
    }
    double* middle = first + (last - first) / 2;
    double* back = last - 1;
    if (*middle < *first) std::swap(*middle, *first);
    if (*back < *middle) std::swap(*back, *middle);
    if (*middle < *first) std::swap(*middle, *first);
    std::swap(*middle, *back);  // the median of the three, as the pivot
    const double pivot = *back;
    // [first, store) < pivot <= [store, it)
    double* store = first;
    for (double* it = first; it < back; ++it) {
      const double value = *it;
      *it = *store;
      *store = value;
      store += value < pivot;
    }
    std::swap(*store, *back);
    if (store == nth) return;
    if (nth < store)
      last = store;
    else
      first = store + 1;
  }
  for (double* it = first + 1; it < last; ++it) {  // insertion sort
    const double value = *it;
    double* hole = it;
    for (; hole > first && value < hole[-1]; --hole) *hole = hole[-1];
    *hole = value;
  }
}

// The quantile of the values [first, last), which it reorders; not empty.
// NaN ranks after every number, as in the sort kernel: NaNs are moved to the
// end once so that the selection compares plain numbers.
double select_quantile(double* first, double* last, double quantile) {
  const auto count = static_cast<size_t>(last - first);
  double* numbers_end = std::partition(first, last, [](double v) { return !std::isnan(v); });
  const auto numbers = static_cast<size_t>(numbers_end - first);
  const double position = quantile * static_cast<double>(count - 1);
  const auto low = static_cast<size_t>(std::floor(position));
  if (low >= numbers) return first[low];  // NaN
  select_nth(first, first + low, numbers_end);
  const double low_value = first[low];
  if (low + 1 >= count || position == static_cast<double>(low)) return low_value;
  const double high_value =
      low + 1 < numbers ? *std::min_element(first + low + 1, numbers_end) : numbers_end[0];
  return low_value + (high_value - low_value) * (position - static_cast<double>(low));
}

template <typename T, typename Reader>
class QuantileAggregator final : public AggregatorBase {
 public:
  QuantileAggregator(const DataType& input, double quantile)
      : quantile_(quantile),
        decimal_scale_(
            input.id() == TypeId::Decimal ? static_cast<double>(decimal::power_of_ten(input.scale())) : 1.0),
        parts_(1) {}

  void resize(int64_t num_groups) override {
    num_groups_ = std::max(num_groups_, num_groups);
    if (static_cast<int64_t>(parts_[0].counts.size()) < num_groups_)
      parts_[0].counts.resize(static_cast<size_t>(num_groups_), 0);
  }

  void consume_range(const Array& values, int64_t begin, int64_t end, const uint32_t* group_ids) override {
    if (values.type().id() == TypeId::Null || begin >= end) return;
    if (group_ids == nullptr) resize(1);
    const Reader read(values);
    Part& own = parts_[0];
    Block& block = own.room_for(end - begin);
    double* out_values = block.values->as<double>() + block.size;
    uint32_t* out_groups = block.groups->as<uint32_t>() + block.size;
    int64_t* counts = own.counts.data();
    int64_t n = 0;
    for_each_row(values, begin, end, group_ids, true, [&](int64_t i, uint32_t g) {
      out_values[n] = to_double(read(i), decimal_scale_);
      out_groups[n] = g;
      ++counts[g];
      ++n;
    });
    block.size += n;
  }

  void merge(GroupedAggregator& other_base, const uint32_t* mapping) override {
    auto& other = dynamic_cast<QuantileAggregator&>(other_base);
    for (Part& part : other.parts_) {
      if (part.blocks.empty()) continue;
      std::vector<uint32_t> composed(part.counts.size());
      for (size_t g = 0; g < composed.size(); ++g)
        composed[g] = mapping[part.owner_group(static_cast<uint32_t>(g))];
      part.mapping = std::move(composed);
      parts_.push_back(std::move(part));
    }
    other.parts_.clear();
    other.parts_.emplace_back();
  }

  Array finish() override {
    const auto groups = static_cast<size_t>(num_groups_);
    // starts[g]: where group g begins in `laid_out`; cursors[p][local]: where
    // part p writes its next value of that group.
    std::vector<int64_t> starts(groups + 1, 0);
    for (const Part& part : parts_)
      for (size_t g = 0; g < part.counts.size(); ++g)
        starts[part.owner_group(static_cast<uint32_t>(g)) + 1] += part.counts[g];
    for (size_t g = 0; g < groups; ++g) starts[g + 1] += starts[g];
    std::vector<int64_t> next(starts.begin(), starts.end() - 1);
    std::vector<std::vector<int64_t>> cursors(parts_.size());
    for (size_t p = 0; p < parts_.size(); ++p) {
      const Part& part = parts_[p];
      cursors[p].resize(part.counts.size());
      for (size_t g = 0; g < part.counts.size(); ++g) {
        int64_t& position = next[part.owner_group(static_cast<uint32_t>(g))];
        cursors[p][g] = position;
        position += part.counts[g];
      }
    }
    const auto total = static_cast<size_t>(starts[groups]);
    const BufferPtr laid_out_buffer = Buffer::allocate(static_cast<int64_t>(total * sizeof(double)));
    double* laid_out = laid_out_buffer->as<double>();
    ThreadPool::global().parallel_for(static_cast<int64_t>(parts_.size()), [&](int64_t p) {
      const Part& part = parts_[static_cast<size_t>(p)];
      int64_t* cursor = cursors[static_cast<size_t>(p)].data();
      for (const Block& block : part.blocks) {
        const double* values = block.values->as<double>();
        const uint32_t* groups = block.groups->as<uint32_t>();
        const int64_t size = block.size;
        for (int64_t i = 0; i < size; ++i) laid_out[cursor[groups[i]]++] = values[i];
      }
    });

    // Groups are independent: their selections run in parallel over
    // ranges of groups.
    std::vector<double> results(groups, 0.0);
    const int64_t tasks = total < (size_t{1} << 16) ? 1 : range_count(num_groups_, 64);
    ThreadPool::global().parallel_for(tasks, [&](int64_t task) {
      const size_t begin = groups * static_cast<size_t>(task) / static_cast<size_t>(tasks);
      const size_t end = groups * static_cast<size_t>(task + 1) / static_cast<size_t>(tasks);
      for (size_t g = begin; g < end; ++g) {
        double* first = laid_out + starts[g];
        double* last = laid_out + starts[g + 1];
        if (first != last) results[g] = select_quantile(first, last, quantile_);
      }
    });
    FixedWidthBuilder<double> builder(DataType::float64());
    builder.reserve(num_groups_);
    for (size_t g = 0; g < groups; ++g) {
      if (starts[g + 1] == starts[g]) builder.append_null();
      else builder.append(results[g]);
    }
    return builder.finish();
  }

 private:
  double quantile_;
  double decimal_scale_;
  int64_t num_groups_ = 0;
  std::vector<Part> parts_;  // parts_[0]: what this state consumed itself
};

}  // namespace

std::unique_ptr<AggregatorBase> make_quantile_aggregator(const DataType& input, double quantile) {
  if (!(quantile >= 0.0 && quantile <= 1.0))
    throw InvalidInputError("quantile must be in [0, 1], got " + std::to_string(quantile));
  return visit_physical(input, [&](auto tag) -> std::unique_ptr<AggregatorBase> {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, BoolTag> || std::is_same_v<T, NullTag>) {
      return std::make_unique<QuantileAggregator<bool, BoolReader>>(input, quantile);
    } else if constexpr (is_fixed_width_v<T>) {
      return std::make_unique<QuantileAggregator<T, ValueReader<T>>>(input, quantile);
    } else {
      throw InternalError("quantile dispatched for type " + input.to_string());
    }
  });
}

}  // namespace strata::compute::internal
