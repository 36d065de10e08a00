#pragma once
// Helpers shared by the lazy engine's tests: sample frames and an equality
// check that prints both frames when they differ.
#include <gtest/gtest.h>

#include <string>

#include "io/parquet_test_support.hpp"
#include "strata/exec/lazy_frame.hpp"

namespace strata::lazy_test {

using parquet_test::TemporaryDirectory;

/// Orders: id (i64), customer (str, nulls), amount (f64, nulls), qty (i32),
/// day (date), express (bool), region (str), `rows` rows in a fixed pattern.
inline DataFrame orders(int64_t rows = 1000) {
  std::vector<std::optional<int64_t>> id;
  std::vector<std::optional<std::string>> customer, region;
  std::vector<std::optional<double>> amount;
  std::vector<std::optional<int32_t>> qty;
  std::vector<std::optional<bool>> express;
  std::vector<Scalar> day;
  static const char* const regions[] = {"north", "south", "east", "west"};
  for (int64_t i = 0; i < rows; ++i) {
    id.push_back(i);
    customer.push_back(i % 13 == 0 ? std::nullopt : std::optional<std::string>("c" + std::to_string(i % 37)));
    amount.push_back(i % 11 == 0 ? std::nullopt : std::optional<double>(static_cast<double>((i * 7919) % 1000) / 4));
    qty.push_back(static_cast<int32_t>(i % 9));
    express.push_back(i % 3 == 0);
    region.push_back(regions[(i * 31) % 4]);
    day.push_back(Scalar::date(static_cast<int32_t>(19000 + i % 60)));
  }
  return DataFrame({Series::from("id", id), Series::from("customer", customer), Series::from("amount", amount),
                    Series::from("qty", qty), Series::from_scalars("day", DataType::date(), day),
                    Series::from("express", express), Series::from("region", region)});
}

inline ::testing::AssertionResult frames_equal(const DataFrame& expected, const DataFrame& actual) {
  if (expected.equals(actual)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected " << expected.schema().to_string() << " "
                                       << expected.height() << " rows:\n"
                                       << expected.to_string(12) << "\nactual " << actual.schema().to_string()
                                       << " " << actual.height() << " rows:\n"
                                       << actual.to_string(12);
}

}  // namespace strata::lazy_test
