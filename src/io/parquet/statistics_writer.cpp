#include "io/parquet/statistics_writer.hpp"

#include <cmath>
#include <cstring>

#include "strata/core/type_dispatch.hpp"

namespace strata::parquet {

namespace {

struct Extremes {
  int64_t min = -1;
  int64_t max = -1;
};

// Rows to compare: all of [0, n), or the given subset.
struct Candidates {
  int64_t n;
  const std::vector<int64_t>* rows;
  int64_t size() const { return rows ? static_cast<int64_t>(rows->size()) : n; }
  int64_t operator[](int64_t k) const { return rows ? (*rows)[static_cast<size_t>(k)] : k; }
};

template <typename T>
Extremes find_extremes(const T* values, Candidates candidates) {
  Extremes out;
  for (int64_t k = 0; k < candidates.size(); ++k) {
    const int64_t i = candidates[k];
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(values[i])) continue;
    }
    if (out.min < 0 || values[i] < values[out.min]) out.min = i;
    if (out.max < 0 || values[out.max] < values[i]) out.max = i;
  }
  return out;
}

Extremes string_extremes(const Array& strings, Candidates candidates) {
  Extremes out;
  std::string_view min, max;
  for (int64_t k = 0; k < candidates.size(); ++k) {
    const int64_t i = candidates[k];
    const std::string_view value = strings.string_at(i);
    if (out.min < 0 || value < min) {
      out.min = i;
      min = value;
    }
    if (out.max < 0 || max < value) {
      out.max = i;
      max = value;
    }
  }
  return out;
}

template <typename T>
std::string bytes_of(T value) {
  return std::string(reinterpret_cast<const char*>(&value), sizeof(T));
}

}  // namespace

Statistics compute_statistics(const Array& dense, const PhysicalColumn& physical, int64_t null_count,
                              int64_t max_value_size, const std::vector<int64_t>* distinct_rows) {
  Statistics stats;
  stats.null_count = null_count;
  const int64_t n = dense.length();
  if (n == 0 || dense.type().id() == TypeId::Null) return stats;
  Extremes extremes;
  const DataType& type = dense.type();
  const Candidates candidates{n, distinct_rows};
  if (physical.type == PhysicalType::ByteArray) {
    extremes = string_extremes(physical.strings, candidates);
  } else if (type.id() == TypeId::Bool) {
    bool any_false = false, any_true = false;
    for (int64_t i = 0; i < n && !(any_false && any_true); ++i) {
      if (dense.bool_at(i)) {
        any_true = true;
        if (extremes.max < 0) extremes.max = i;
      } else {
        any_false = true;
        if (extremes.min < 0) extremes.min = i;
      }
    }
    if (!any_false) extremes.min = extremes.max;
    if (!any_true) extremes.max = extremes.min;
  } else {
    visit_physical(type, [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (is_fixed_width_v<T>) extremes = find_extremes(dense.values<T>(), candidates);
    });
  }
  if (extremes.min < 0 || extremes.max < 0) return stats;  // e.g. only NaNs
  std::string min = plain_value(physical, extremes.min);
  std::string max = plain_value(physical, extremes.max);
  if (static_cast<int64_t>(min.size()) > max_value_size || static_cast<int64_t>(max.size()) > max_value_size)
    return stats;
  // Zeros: the format asks for -0.0 as a minimum and +0.0 as a maximum.
  if (type.id() == TypeId::Float32) {
    if (dense.values<float>()[extremes.min] == 0.0f) min = bytes_of(-0.0f);
    if (dense.values<float>()[extremes.max] == 0.0f) max = bytes_of(0.0f);
  } else if (type.id() == TypeId::Float64) {
    if (dense.values<double>()[extremes.min] == 0.0) min = bytes_of(-0.0);
    if (dense.values<double>()[extremes.max] == 0.0) max = bytes_of(0.0);
  }
  stats.min_value = std::move(min);
  stats.max_value = std::move(max);
  return stats;
}

}  // namespace strata::parquet
