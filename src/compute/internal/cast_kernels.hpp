#pragma once
// The cast kernels by family, called by compute::cast after it has checked
// that the conversion is supported, plus the failure-handling driver they
// share.
#include <string_view>

#include "compute/internal/elementwise.hpp"
#include "strata/compute/cast.hpp"
#include "strata/core/error.hpp"

namespace strata::compute::internal {

/// Throws the ComputeError of a strict cast that failed at `row`.
[[noreturn]] void throw_cast_failure(const Array& input, int64_t row, const DataType& target,
                                     std::string_view reason = {});

/// Converts row by row into fixed-width values of type Out:
/// convert(row, out) returns false when row cannot be converted. Failures on
/// null rows are ignored; other failures throw (Strict) or become nulls.
template <typename Out, typename Convert>
Array convert_fixed_width(const Array& input, const DataType& target, CastMode mode, Convert&& convert,
                          std::string_view reason = {}) {
  const int64_t length = input.length();
  BufferPtr values = allocate_values<Out>(length);
  Out* out = values->as<Out>();
  bool any_failed = false;
  for (int64_t i = 0; i < length; ++i) any_failed |= !convert(i, out[i]);
  BufferPtr validity = input.data().validity;
  if (any_failed) {
    const uint8_t* valid = input.validity_bits();
    const auto fails = [&](int64_t i) {
      Out ignored{};
      return !convert(i, ignored);
    };
    if (mode == CastMode::Strict) {
      const int64_t row = first_valid_failure(valid, length, fails);
      if (row >= 0) throw_cast_failure(input, row, target, reason);
    } else {
      validity = writable_validity(validity, length);
      for (int64_t i = 0; i < length; ++i)
        if (fails(i)) bitmap::clear(validity->data(), i);
    }
  }
  return make_result(target, length, std::move(values), std::move(validity));
}

/// A Bool array from an array whose values buffer holds one byte (0 or 1)
/// per row (its declared type is ignored), keeping the validity.
Array bytes_to_bool(const Array& bytes);

/// The same values under another type of the same physical layout.
Array retype(const Array& input, const DataType& type);

/// Between numeric types, Bool and Decimal.
Array cast_numeric(const Array& input, const DataType& target, CastMode mode);
/// Any non-nested type to String.
Array cast_to_string(const Array& input);
/// String to numeric, Bool, Decimal, Date, Time, Timestamp.
Array cast_from_string(const Array& input, const DataType& target, CastMode mode);
/// Between temporal types, and temporal <-> integer.
Array cast_temporal(const Array& input, const DataType& target, CastMode mode);

}  // namespace strata::compute::internal
