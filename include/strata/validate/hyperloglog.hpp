#pragma once
// A HyperLogLog sketch: estimates the number of distinct values of a stream
// in fixed memory (2^precision one-byte registers) with a relative standard
// error of about 1.04 / sqrt(2^precision) (0.8% at the default 14; up to
// a few percent around 2.5 * 2^precision distinct values). Small
// counts use linear counting, which is close to exact. Sketches of the same
// precision merge, so partial sketches of batches or threads combine.
#include <cstdint>
#include <vector>

#include "strata/core/array.hpp"

namespace strata {

class HyperLogLog {
 public:
  /// precision in [7, 18]; InvalidInputError otherwise.
  explicit HyperLogLog(int precision = 14);

  /// Adds one 64-bit hash (already well mixed, e.g. from core/hash.hpp).
  void add_hash(uint64_t hash) {
    const uint64_t index = hash >> (64 - precision_);
    // The remaining bits, with a guard bit so that the rank is bounded.
    const uint64_t rest = (hash << precision_) | (uint64_t{1} << (precision_ - 1));
    const auto rank = static_cast<uint8_t>(__builtin_clzll(rest) + 1);
    if (rank > registers_[index]) registers_[index] = rank;
  }
  /// Adds every non-null value of `values` (any type but list/struct;
  /// TypeError for those). Equal values hash equally: -0.0 and 0.0, all
  /// NaNs, a categorical's equal strings.
  void add(const Array& values);
  /// Folds `other` in; InvalidInputError when precisions differ.
  void merge(const HyperLogLog& other);
  /// The estimated number of distinct values added.
  int64_t estimate() const;
  int precision() const { return precision_; }

 private:
  int precision_;
  std::vector<uint8_t> registers_;
};

}  // namespace strata
