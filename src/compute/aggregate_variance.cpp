// Variance and standard deviation with Welford's online update per group and
// Chan's formula to merge partial states, which stays accurate where the
// textbook sum-of-squares formula cancels catastrophically.
#include <cmath>
#include <string>
#include <type_traits>

#include "compute/internal/aggregator_base.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/decimal.hpp"
#include "strata/core/error.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute::internal {

namespace {

template <typename T, typename Reader>
class VarianceAggregator final : public AggregatorBase {
 public:
  VarianceAggregator(const DataType& input, bool take_root, int ddof)
      : take_root_(take_root),
        ddof_(ddof),
        decimal_scale_(input.id() == TypeId::Decimal ? static_cast<double>(decimal::power_of_ten(input.scale()))
                                                     : 1.0) {}

  void resize(int64_t num_groups) override {
    counts_.resize(static_cast<size_t>(num_groups), 0);
    means_.resize(static_cast<size_t>(num_groups), 0.0);
    m2_.resize(static_cast<size_t>(num_groups), 0.0);
  }

  void consume_range(const Array& values, int64_t begin, int64_t end, const uint32_t* group_ids) override {
    if (values.type().id() == TypeId::Null) return;
    const Reader read(values);
    int64_t* counts = counts_.data();
    double* means = means_.data();
    double* m2 = m2_.data();
    for_each_row(values, begin, end, group_ids, true, [&](int64_t i, uint32_t g) {
      const double x = to_double(read(i), decimal_scale_);
      const double delta = x - means[g];
      means[g] += delta / static_cast<double>(++counts[g]);
      m2[g] += delta * (x - means[g]);
    });
  }

  void merge(GroupedAggregator& other_base, const uint32_t* mapping) override {
    auto& other = dynamic_cast<VarianceAggregator&>(other_base);
    for (size_t g = 0; g < other.counts_.size(); ++g) {
      const int64_t nb = other.counts_[g];
      if (nb == 0) continue;
      const uint32_t t = mapping[g];
      const int64_t na = counts_[t];
      const double n = static_cast<double>(na + nb);
      const double delta = other.means_[g] - means_[t];
      means_[t] += delta * static_cast<double>(nb) / n;
      m2_[t] += other.m2_[g] + delta * delta * static_cast<double>(na) * static_cast<double>(nb) / n;
      counts_[t] = na + nb;
    }
  }

  Array finish() override {
    FixedWidthBuilder<double> builder(DataType::float64());
    builder.reserve(static_cast<int64_t>(counts_.size()));
    for (size_t g = 0; g < counts_.size(); ++g) {
      if (counts_[g] == 0 || counts_[g] <= ddof_) {
        builder.append_null();
        continue;
      }
      const double variance = std::max(0.0, m2_[g]) / static_cast<double>(counts_[g] - ddof_);
      builder.append(take_root_ ? std::sqrt(variance) : variance);
    }
    return builder.finish();
  }

 private:
  bool take_root_;
  int64_t ddof_;
  double decimal_scale_;
  std::vector<int64_t> counts_;
  std::vector<double> means_;
  std::vector<double> m2_;
};

}  // namespace

std::unique_ptr<AggregatorBase> make_variance_aggregator(AggKind kind, const DataType& input, int ddof) {
  if (ddof < 0) throw InvalidInputError("ddof must be >= 0, got " + std::to_string(ddof));
  const bool take_root = kind == AggKind::Std;
  return visit_physical(input, [&](auto tag) -> std::unique_ptr<AggregatorBase> {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, BoolTag> || std::is_same_v<T, NullTag>) {
      return std::make_unique<VarianceAggregator<bool, BoolReader>>(input, take_root, ddof);
    } else if constexpr (is_fixed_width_v<T>) {
      return std::make_unique<VarianceAggregator<T, ValueReader<T>>>(input, take_root, ddof);
    } else {
      throw InternalError("variance dispatched for type " + input.to_string());
    }
  });
}

}  // namespace strata::compute::internal
