#pragma once
// Helpers for tests of operations that take their input in parts (the
// lazy engine's morsels): cutting a frame into parts, comparing results.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <sstream>
#include <vector>

#include "strata/frame/dataframe.hpp"

namespace strata::parts_test {

/// The frame cut into consecutive parts of random lengths below
/// `max_length` (some empty).
inline std::vector<DataFrame> parts_of(const DataFrame& frame, std::mt19937& random, int64_t max_length) {
  std::vector<DataFrame> parts;
  for (int64_t start = 0; start < frame.height();) {
    const int64_t length = std::min<int64_t>(frame.height() - start, static_cast<int64_t>(random() % max_length));
    parts.push_back(frame.slice(start, length));
    start += length;
  }
  return parts;
}

/// The part numbers 0 .. count - 1 in a random order.
inline std::vector<int64_t> shuffled_order(size_t count, std::mt19937& random) {
  std::vector<int64_t> order(count);
  for (size_t i = 0; i < count; ++i) order[i] = static_cast<int64_t>(i);
  std::shuffle(order.begin(), order.end(), random);
  return order;
}

/// Equal frames, or both printed.
inline ::testing::AssertionResult same(const DataFrame& expected, const DataFrame& actual) {
  if (expected.equals(actual)) return ::testing::AssertionSuccess();
  std::ostringstream out;
  out << "expected\n" << expected << "\nactual\n" << actual;
  return ::testing::AssertionFailure() << out.str();
}

}  // namespace strata::parts_test
