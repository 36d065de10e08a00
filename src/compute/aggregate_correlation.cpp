// Covariance and Pearson correlation of two columns. Each group keeps its
// count, both means and the co-moments (sums of squared and crossed
// deviations from the running means), updated row by row as Welford does for
// one column and merged with Chan's formula: accurate where the textbook
// n*sum(xy) - sum(x)*sum(y) cancels catastrophically (values far from zero).
// The values are also shifted by the group's first pair, so that the running
// means stay small and keep their digits when the data sit far from zero.
#include <algorithm>
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

struct Moments {
  int64_t count = 0;
  double shift_x = 0.0, shift_y = 0.0;  // the first pair; the means below are of values minus these
  double mean_x = 0.0, mean_y = 0.0;
  double m2_x = 0.0, m2_y = 0.0;  // sums of squared deviations
  double c_xy = 0.0;              // sum of crossed deviations
};

// Adds `b` into `a` (Chan et al.'s pairwise update).
inline void merge_moments(Moments& a, const Moments& b) {
  if (b.count == 0) return;
  if (a.count == 0) {
    a = b;
    return;
  }
  const double na = static_cast<double>(a.count), nb = static_cast<double>(b.count);
  const double n = na + nb;
  const double dx = (b.shift_x - a.shift_x) + (b.mean_x - a.mean_x);
  const double dy = (b.shift_y - a.shift_y) + (b.mean_y - a.mean_y);
  const double weight = na * nb / n;
  a.mean_x += dx * nb / n;
  a.mean_y += dy * nb / n;
  a.m2_x += b.m2_x + dx * dx * weight;
  a.m2_y += b.m2_y + dy * dy * weight;
  a.c_xy += b.c_xy + dx * dy * weight;
  a.count += b.count;
}

// Rows [begin, begin + n) of a numeric, decimal or bool array as doubles.
using ToDoubles = void (*)(const Array& values, int64_t begin, int64_t n, double scale, double* out);

template <typename T>
void fixed_to_doubles(const Array& values, int64_t begin, int64_t n, double scale, double* out) {
  const T* data = values.values<T>() + begin;
  for (int64_t i = 0; i < n; ++i) out[i] = to_double(data[i], scale);
}

void bools_to_doubles(const Array& values, int64_t begin, int64_t n, double, double* out) {
  const uint8_t* bits = values.bool_bits();
  for (int64_t i = 0; i < n; ++i) out[i] = bitmap::get(bits, begin + i) ? 1.0 : 0.0;
}

ToDoubles converter_for(const DataType& type) {
  return visit_physical(type, [&](auto tag) -> ToDoubles {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, BoolTag>) {
      return &bools_to_doubles;
    } else if constexpr (std::is_same_v<T, NullTag>) {
      return nullptr;  // never read: every row is null
    } else if constexpr (is_fixed_width_v<T>) {
      return &fixed_to_doubles<T>;
    } else {
      throw InternalError("correlation dispatched for type " + type.to_string());
    }
  });
}

double decimal_scale(const DataType& type) {
  return type.id() == TypeId::Decimal ? static_cast<double>(decimal::power_of_ten(type.scale())) : 1.0;
}

class CorrelationAggregator final : public AggregatorBase {
 public:
  CorrelationAggregator(AggKind kind, const DataType& input, int ddof)
      : correlation_(kind == AggKind::Corr),
        ddof_(ddof),
        any_null_type_(input.fields()[0].type.id() == TypeId::Null || input.fields()[1].type.id() == TypeId::Null),
        x_to_doubles_(converter_for(input.fields()[0].type)),
        y_to_doubles_(converter_for(input.fields()[1].type)),
        x_scale_(decimal_scale(input.fields()[0].type)),
        y_scale_(decimal_scale(input.fields()[1].type)) {}

  void resize(int64_t num_groups) override { moments_.resize(static_cast<size_t>(num_groups)); }

  void consume_range(const Array& pairs, int64_t begin, int64_t end, const uint32_t* group_ids) override {
    if (any_null_type_) return;
    const Array x = pairs.struct_field(0), y = pairs.struct_field(1);
    const uint8_t* pair_valid = pairs.null_count() > 0 ? pairs.validity_bits() : nullptr;
    const uint8_t* x_valid = x.null_count() > 0 ? x.validity_bits() : nullptr;
    const uint8_t* y_valid = y.null_count() > 0 ? y.validity_bits() : nullptr;
    const bool has_nulls = pair_valid != nullptr || x_valid != nullptr || y_valid != nullptr;
    // Blocks of converted values that stay in L1 while they are added.
    constexpr int64_t kBlock = 1024;
    double xs[kBlock], ys[kBlock];
    for (int64_t start = begin; start < end; start += kBlock) {
      const int64_t n = std::min(kBlock, end - start);
      x_to_doubles_(x, start, n, x_scale_, xs);
      y_to_doubles_(y, start, n, y_scale_, ys);
      const uint32_t* ids = group_ids == nullptr ? nullptr : group_ids + (start - begin);
      if (!has_nulls) {
        add_block(xs, ys, n, ids, [](int64_t) { return true; });
      } else {
        add_block(xs, ys, n, ids, [&](int64_t i) {
          const int64_t row = start + i;
          return (pair_valid == nullptr || bitmap::get(pair_valid, row)) &&
                 (x_valid == nullptr || bitmap::get(x_valid, row)) && (y_valid == nullptr || bitmap::get(y_valid, row));
        });
      }
    }
  }

  void merge(GroupedAggregator& other_base, const uint32_t* mapping) override {
    auto& other = dynamic_cast<CorrelationAggregator&>(other_base);
    for (size_t g = 0; g < other.moments_.size(); ++g) merge_moments(moments_[mapping[g]], other.moments_[g]);
  }

  Array finish() override {
    FixedWidthBuilder<double> builder(DataType::float64());
    builder.reserve(static_cast<int64_t>(moments_.size()));
    for (const Moments& m : moments_) {
      if (correlation_) {
        // Undefined for fewer than two rows or a constant column: null, as DuckDB.
        if (m.count < 2 || m.m2_x == 0.0 || m.m2_y == 0.0) {
          builder.append_null();
          continue;
        }
        double scale = std::sqrt(m.m2_x * m.m2_y);
        if (!std::isfinite(scale) || scale == 0.0) scale = std::sqrt(m.m2_x) * std::sqrt(m.m2_y);  // over/underflow
        const double r = m.c_xy / scale;
        builder.append(std::clamp(r, -1.0, 1.0));  // rounding may step past ±1; NaN stays NaN
      } else {
        if (m.count <= ddof_) {
          builder.append_null();
          continue;
        }
        builder.append(m.c_xy / static_cast<double>(m.count - ddof_));
      }
    }
    return builder.finish();
  }

 private:
  // Welford's update of each row's group with (xs[i], ys[i]) where keep(i).
  template <typename Keep>
  void add_block(const double* xs, const double* ys, int64_t n, const uint32_t* ids, Keep&& keep) {
    Moments* moments = moments_.data();
    for (int64_t i = 0; i < n; ++i) {
      if (!keep(i)) continue;
      Moments& m = moments[ids == nullptr ? 0 : ids[i]];
      if (m.count == 0) {
        m.shift_x = xs[i];
        m.shift_y = ys[i];
      }
      const double x = xs[i] - m.shift_x, y = ys[i] - m.shift_y;
      const double inverse = 1.0 / static_cast<double>(++m.count);
      const double dx = x - m.mean_x;
      m.mean_x += dx * inverse;
      const double dy = y - m.mean_y;
      m.mean_y += dy * inverse;
      const double dy_after = y - m.mean_y;
      m.m2_x += dx * (x - m.mean_x);
      m.m2_y += dy * dy_after;
      m.c_xy += dx * dy_after;
    }
  }

  bool correlation_;
  int64_t ddof_;
  bool any_null_type_;
  ToDoubles x_to_doubles_, y_to_doubles_;
  double x_scale_, y_scale_;
  std::vector<Moments> moments_;
};

}  // namespace

std::unique_ptr<AggregatorBase> make_correlation_aggregator(AggKind kind, const DataType& input, int ddof) {
  return std::make_unique<CorrelationAggregator>(kind, input, ddof);
}

}  // namespace strata::compute::internal
