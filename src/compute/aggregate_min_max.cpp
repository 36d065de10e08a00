// Min and max over every orderable type. Floats use the total order of the
// sort kernel: NaN is larger than every number, so max is NaN as soon as one
// value is NaN and min ignores NaN unless every value is NaN. Categoricals
// compare, and are returned, by their string values.
#include <cmath>
#include <string>
#include <type_traits>

#include "compute/internal/aggregator_base.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute::internal {

namespace {

template <typename T>
inline bool order_less(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) return !std::isnan(a) && (std::isnan(b) || a < b);
  else return a < b;
}

template <typename T, typename Reader, bool IsMax>
class FixedMinMax final : public AggregatorBase {
  using Stored = std::conditional_t<std::is_same_v<T, bool>, uint8_t, T>;  // no vector<bool>

 public:
  explicit FixedMinMax(DataType type) : type_(std::move(type)) {}

  void resize(int64_t num_groups) override {
    best_.resize(static_cast<size_t>(num_groups), Stored{});
    has_.resize(static_cast<size_t>(num_groups), 0);
  }

  void consume_range(const Array& values, int64_t begin, int64_t end, const uint32_t* group_ids) override {
    const Reader read(values);
    Stored* best = best_.data();
    uint8_t* has = has_.data();
    for_each_row(values, begin, end, group_ids, true, [&](int64_t i, uint32_t g) {
      const auto value = static_cast<Stored>(read(i));
      if (!has[g] || better(value, best[g])) {
        best[g] = value;
        has[g] = 1;
      }
    });
  }

  void merge(GroupedAggregator& other_base, const uint32_t* mapping) override {
    auto& other = dynamic_cast<FixedMinMax&>(other_base);
    for (size_t g = 0; g < other.best_.size(); ++g) {
      if (!other.has_[g]) continue;
      const uint32_t target = mapping[g];
      if (!has_[target] || better(other.best_[g], best_[target])) {
        best_[target] = other.best_[g];
        has_[target] = 1;
      }
    }
  }

  Array finish() override {
    if constexpr (std::is_same_v<T, bool>) {
      BoolBuilder builder;
      for (size_t g = 0; g < best_.size(); ++g) {
        if (has_[g]) builder.append(best_[g] != 0);
        else builder.append_null();
      }
      return builder.finish();
    } else {
      FixedWidthBuilder<T> builder(type_);
      builder.reserve(static_cast<int64_t>(best_.size()));
      for (size_t g = 0; g < best_.size(); ++g) {
        if (has_[g]) builder.append(best_[g]);
        else builder.append_null();
      }
      return builder.finish();
    }
  }

 private:
  static bool better(Stored candidate, Stored current) {
    return IsMax ? order_less(current, candidate) : order_less(candidate, current);
  }
  DataType type_;
  std::vector<Stored> best_;
  std::vector<uint8_t> has_;
};

// Strings, binary and categoricals (by string value). The current best of a
// group is copied only when it improves, which is rare after the first rows.
template <bool IsMax>
class StringMinMax final : public AggregatorBase {
 public:
  explicit StringMinMax(DataType output) : output_(std::move(output)) {}

  void resize(int64_t num_groups) override {
    best_.resize(static_cast<size_t>(num_groups));
    has_.resize(static_cast<size_t>(num_groups), 0);
  }

  void consume_range(const Array& values, int64_t begin, int64_t end, const uint32_t* group_ids) override {
    if (values.type().id() == TypeId::Categorical) {
      const Array dictionary = values.dictionary();
      const uint32_t* codes = values.codes();
      for_each_row(values, begin, end, group_ids, true,
                   [&](int64_t i, uint32_t g) { offer(g, dictionary.string_at(codes[i])); });
    } else {
      for_each_row(values, begin, end, group_ids, true, [&](int64_t i, uint32_t g) { offer(g, values.string_at(i)); });
    }
  }

  void merge(GroupedAggregator& other_base, const uint32_t* mapping) override {
    auto& other = dynamic_cast<StringMinMax&>(other_base);
    for (size_t g = 0; g < other.best_.size(); ++g)
      if (other.has_[g]) offer(mapping[g], other.best_[g]);
  }

  Array finish() override {
    StringBuilder builder(output_);
    builder.reserve(static_cast<int64_t>(best_.size()));
    for (size_t g = 0; g < best_.size(); ++g) {
      if (has_[g]) builder.append(std::string_view(best_[g]));
      else builder.append_null();
    }
    return builder.finish();
  }

 private:
  void offer(uint32_t g, std::string_view value) {
    if (!has_[g] || (IsMax ? std::string_view(best_[g]) < value : value < std::string_view(best_[g]))) {
      best_[g].assign(value);
      has_[g] = 1;
    }
  }
  DataType output_;
  std::vector<std::string> best_;
  std::vector<uint8_t> has_;
};

// Min/max of a Null-typed column: null for every group.
class AllNullAggregator final : public AggregatorBase {
 public:
  explicit AllNullAggregator(DataType type) : type_(std::move(type)) {}
  void resize(int64_t num_groups) override { groups_ = num_groups; }
  void consume_range(const Array&, int64_t, int64_t, const uint32_t*) override {}
  void merge(GroupedAggregator&, const uint32_t*) override {}
  Array finish() override { return make_null_array(type_, groups_); }

 private:
  DataType type_;
  int64_t groups_ = 0;
};

template <bool IsMax>
std::unique_ptr<AggregatorBase> make_min_or_max(const DataType& input) {
  if (input.id() == TypeId::Null) return std::make_unique<AllNullAggregator>(input);
  if (input.is_string_like() || input.id() == TypeId::Categorical)
    return std::make_unique<StringMinMax<IsMax>>(aggregate_type(AggKind::Min, input));
  return visit_physical(input, [&](auto tag) -> std::unique_ptr<AggregatorBase> {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, BoolTag>) {
      return std::make_unique<FixedMinMax<bool, BoolReader, IsMax>>(input);
    } else if constexpr (is_fixed_width_v<T>) {
      return std::make_unique<FixedMinMax<T, ValueReader<T>, IsMax>>(input);
    } else {
      throw InternalError("min/max dispatched for type " + input.to_string());
    }
  });
}

}  // namespace

std::unique_ptr<AggregatorBase> make_min_max_aggregator(AggKind kind, const DataType& input) {
  return kind == AggKind::Max ? make_min_or_max<true>(input) : make_min_or_max<false>(input);
}

}  // namespace strata::compute::internal
