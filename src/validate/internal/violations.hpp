#pragma once
// The rows of a batch that break a constraint, as a bitmap (bit set = the
// row fails), computed 64 rows at a time from the Bool results of kernels.
#include <bit>
#include <cstdint>
#include <cstring>

#include "strata/core/array.hpp"
#include "strata/core/bitmap.hpp"

namespace strata::validate_internal {

struct Violations {
  BufferPtr bits;     // nullptr when no row fails
  int64_t count = 0;  // set bits
};

/// Rows where `pass` (Bool) is false; null results pass.
Violations violations_where_false(const Array& pass);
/// Rows where `values` is null.
Violations violations_where_null(const Array& values);
/// Counts the set bits among the first `length`; clears the ones past it.
Violations violations_from_bits(BufferPtr bits, int64_t length);

/// Calls fn(row) for the first `limit` set bits among the first `length`, in order.
template <typename Fn>
void for_each_violation(const uint8_t* bits, int64_t length, int64_t limit, Fn&& fn) {
  int64_t seen = 0;
  for (int64_t word_start = 0; word_start < length && seen < limit; word_start += 64) {
    uint64_t word;
    std::memcpy(&word, bits + word_start / 8, 8);
    if (length - word_start < 64) word &= (uint64_t{1} << (length - word_start)) - 1;
    while (word != 0 && seen < limit) {
      fn(word_start + std::countr_zero(word));
      word &= word - 1;
      ++seen;
    }
  }
}

}  // namespace strata::validate_internal
