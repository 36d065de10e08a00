#pragma once
// Building and reading arrays in the element-wise kernel tests.
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "strata/core/builder.hpp"
#include "strata/core/chunked_array.hpp"
#include "strata/core/thread_pool.hpp"

namespace strata::compute::testing {

using Strings = std::vector<std::string>;

/// Every value rendered as Array::value_to_string does ("null" for nulls).
inline Strings rendered(const Array& array) {
  Strings out;
  for (int64_t i = 0; i < array.length(); ++i) out.push_back(array.value_to_string(i));
  return out;
}

template <typename T>
Array fixed_array(const DataType& type, const std::vector<std::optional<T>>& values) {
  FixedWidthBuilder<T> builder(type);
  for (const auto& v : values) builder.append(v);
  return builder.finish();
}

inline Array int32_array(const std::vector<std::optional<int32_t>>& values) {
  return fixed_array<int32_t>(DataType::int32(), values);
}
inline Array int8_array(const std::vector<std::optional<int8_t>>& values) {
  return fixed_array<int8_t>(DataType::int8(), values);
}
inline Array uint8_array(const std::vector<std::optional<uint8_t>>& values) {
  return fixed_array<uint8_t>(DataType::uint8(), values);
}
inline Array uint64_array(const std::vector<std::optional<uint64_t>>& values) {
  return fixed_array<uint64_t>(DataType::uint64(), values);
}
inline Array float32_array(const std::vector<std::optional<float>>& values) {
  return fixed_array<float>(DataType::float32(), values);
}
inline Array date_array(const std::vector<std::optional<int32_t>>& days) {
  return fixed_array<int32_t>(DataType::date(), days);
}
inline Array timestamp_array(const std::vector<std::optional<int64_t>>& values, TimeUnit unit = TimeUnit::Micro) {
  return fixed_array<int64_t>(DataType::timestamp(unit), values);
}
inline Array duration_array(const std::vector<std::optional<int64_t>>& values, TimeUnit unit = TimeUnit::Micro) {
  return fixed_array<int64_t>(DataType::duration(unit), values);
}
inline Array decimal_array(int precision, int scale, const std::vector<std::optional<Int128>>& unscaled) {
  return fixed_array<Int128>(DataType::decimal(precision, scale), unscaled);
}
/// A one-row array holding `value`.
inline Array single(const Scalar& value) { return make_array_from_scalar(value, 1); }

/// `array` cut into chunks at the given row boundaries (ascending, inside
/// the array): chunked columns whose chunks need not line up across columns.
inline ChunkedArray chunked(const Array& array, const std::vector<int64_t>& cuts) {
  std::vector<Array> chunks;
  int64_t start = 0;
  for (const int64_t cut : cuts) {
    chunks.push_back(array.slice(start, cut - start));
    start = cut;
  }
  chunks.push_back(array.slice(start, array.length() - start));
  return ChunkedArray(array.type(), std::move(chunks));
}

/// A fixture running its tests with three pool threads (more than the
/// machine's cores, so that parallel kernels split and merge), restoring
/// the pool's size afterwards.
class ThreeThreadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    threads_before_ = ThreadPool::global().size();
    ThreadPool::set_global_threads(3);
  }
  void TearDown() override { ThreadPool::set_global_threads(threads_before_); }

 private:
  int threads_before_ = 1;
};

}  // namespace strata::compute::testing
