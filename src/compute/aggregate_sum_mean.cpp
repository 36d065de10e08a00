// Sum and mean. Integer sums accumulate in 64 bits (signed or unsigned) and
// report overflow as a ComputeError instead of wrapping; decimal sums stay
// decimal(38, s); float sums accumulate in double. Means accumulate integers
// and decimals exactly in 128 bits and divide once at the end.
#include <string>
#include <type_traits>

#include "compute/internal/aggregator_base.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/decimal.hpp"
#include "strata/core/error.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute::internal {

namespace {

[[noreturn]] void throw_sum_overflow(const DataType& input, const DataType& output) {
  throw ComputeError("integer overflow in sum of a " + input.to_string() + " column: the total does not fit in " +
                     output.to_string() + "; cast the column to f64 (or a decimal) before summing");
}

template <typename Acc, typename Reader>
class SumAggregator final : public AggregatorBase {
 public:
  SumAggregator(DataType input, DataType output) : input_(std::move(input)), output_(std::move(output)) {}

  void resize(int64_t num_groups) override { sums_.resize(static_cast<size_t>(num_groups), Acc{}); }

  void consume_range(const Array& values, int64_t begin, int64_t end, const uint32_t* group_ids) override {
    if (values.type().id() == TypeId::Null) return;
    const Reader read(values);
    Acc* sums = sums_.data();
    if constexpr (std::is_floating_point_v<Acc>) {
      for_each_row(values, begin, end, group_ids, true, [&](int64_t i, uint32_t g) { sums[g] += read(i); });
    } else {
      bool overflow = false;
      for_each_row(values, begin, end, group_ids, true, [&](int64_t i, uint32_t g) {
        overflow |= __builtin_add_overflow(sums[g], static_cast<Acc>(read(i)), &sums[g]);
      });
      if (overflow) throw_sum_overflow(input_, output_);
    }
  }

  void merge(GroupedAggregator& other_base, const uint32_t* mapping) override {
    auto& other = dynamic_cast<SumAggregator&>(other_base);
    bool overflow = false;
    for (size_t g = 0; g < other.sums_.size(); ++g) {
      Acc& target = sums_[mapping[g]];
      if constexpr (std::is_floating_point_v<Acc>) target += other.sums_[g];
      else overflow |= __builtin_add_overflow(target, other.sums_[g], &target);
    }
    if (overflow) throw_sum_overflow(input_, output_);
  }

  Array finish() override {
    if constexpr (std::is_same_v<Acc, Int128>) {
      const Int128 limit = decimal::max_for_precision(38);
      for (const Int128 sum : sums_)
        if (sum > limit || sum < -limit) throw_sum_overflow(input_, output_);
    }
    FixedWidthBuilder<Acc> builder(output_);
    if (!sums_.empty()) builder.append_values(sums_.data(), static_cast<int64_t>(sums_.size()));
    return builder.finish();
  }

 private:
  DataType input_, output_;
  std::vector<Acc> sums_;
};

// Mean: Acc is double for floats, Int128 for integers, bools and decimals.
template <typename Acc, typename Reader>
class MeanAggregator final : public AggregatorBase {
 public:
  explicit MeanAggregator(const DataType& input)
      : input_(input),
        decimal_scale_(input.id() == TypeId::Decimal
                           ? static_cast<double>(decimal::power_of_ten(input.scale()))
                           : 1.0) {}

  void resize(int64_t num_groups) override {
    sums_.resize(static_cast<size_t>(num_groups), Acc{});
    counts_.resize(static_cast<size_t>(num_groups), 0);
  }

  void consume_range(const Array& values, int64_t begin, int64_t end, const uint32_t* group_ids) override {
    if (values.type().id() == TypeId::Null) return;
    const Reader read(values);
    Acc* sums = sums_.data();
    int64_t* counts = counts_.data();
    bool overflow = false;
    for_each_row(values, begin, end, group_ids, true, [&](int64_t i, uint32_t g) {
      if constexpr (std::is_floating_point_v<Acc>) sums[g] += read(i);
      else overflow |= __builtin_add_overflow(sums[g], static_cast<Acc>(read(i)), &sums[g]);
      ++counts[g];
    });
    if (overflow) throw_sum_overflow(input_, DataType::decimal(38, input_.scale()));
  }

  void merge(GroupedAggregator& other_base, const uint32_t* mapping) override {
    auto& other = dynamic_cast<MeanAggregator&>(other_base);
    bool overflow = false;
    for (size_t g = 0; g < other.sums_.size(); ++g) {
      if constexpr (std::is_floating_point_v<Acc>) sums_[mapping[g]] += other.sums_[g];
      else overflow |= __builtin_add_overflow(sums_[mapping[g]], other.sums_[g], &sums_[mapping[g]]);
      counts_[mapping[g]] += other.counts_[g];
    }
    if (overflow) throw_sum_overflow(input_, DataType::decimal(38, input_.scale()));
  }

  Array finish() override {
    FixedWidthBuilder<double> builder(DataType::float64());
    builder.reserve(static_cast<int64_t>(sums_.size()));
    for (size_t g = 0; g < sums_.size(); ++g) {
      if (counts_[g] == 0) builder.append_null();
      else builder.append(static_cast<double>(sums_[g]) / decimal_scale_ / static_cast<double>(counts_[g]));
    }
    return builder.finish();
  }

 private:
  DataType input_;
  double decimal_scale_;
  std::vector<Acc> sums_;
  std::vector<int64_t> counts_;
};

}  // namespace

std::unique_ptr<AggregatorBase> make_sum_aggregator(const DataType& input) {
  const DataType output = aggregate_type(AggKind::Sum, input);
  return visit_physical(input, [&](auto tag) -> std::unique_ptr<AggregatorBase> {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, BoolTag> || std::is_same_v<T, NullTag>) {
      return std::make_unique<SumAggregator<int64_t, BoolReader>>(input, output);
    } else if constexpr (std::is_floating_point_v<T>) {
      return std::make_unique<SumAggregator<double, ValueReader<T>>>(input, output);
    } else if constexpr (std::is_same_v<T, Int128>) {
      return std::make_unique<SumAggregator<Int128, ValueReader<T>>>(input, output);
    } else if constexpr (std::is_integral_v<T> && std::is_unsigned_v<T>) {
      return std::make_unique<SumAggregator<uint64_t, ValueReader<T>>>(input, output);
    } else if constexpr (std::is_integral_v<T>) {
      return std::make_unique<SumAggregator<int64_t, ValueReader<T>>>(input, output);
    } else {
      throw InternalError("sum dispatched for type " + input.to_string());
    }
  });
}

std::unique_ptr<AggregatorBase> make_mean_aggregator(const DataType& input) {
  return visit_physical(input, [&](auto tag) -> std::unique_ptr<AggregatorBase> {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, BoolTag> || std::is_same_v<T, NullTag>) {
      return std::make_unique<MeanAggregator<Int128, BoolReader>>(input);
    } else if constexpr (std::is_floating_point_v<T>) {
      return std::make_unique<MeanAggregator<double, ValueReader<T>>>(input);
    } else if constexpr (is_fixed_width_v<T>) {
      return std::make_unique<MeanAggregator<Int128, ValueReader<T>>>(input);
    } else {
      throw InternalError("mean dispatched for type " + input.to_string());
    }
  });
}

}  // namespace strata::compute::internal
