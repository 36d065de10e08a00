#pragma once
// Coercion of a column to its declared type, refusing every conversion that
// would change a value: text that does not parse, a float with a fraction
// to an integer, a value outside the target's range, a datetime with a
// time of day to a date, a timestamp to a coarser unit that drops digits.
#include "strata/core/array.hpp"
#include "validate/internal/violations.hpp"

namespace strata::validate_internal {

struct LosslessCast {
  Array values;          // the converted column; null where the conversion failed
  Violations failures;   // rows whose non-null value did not convert exactly
};

/// Converts `input` to `target` (which compute::can_cast must accept).
/// Text and categoricals must parse; other types must convert back to the
/// same value. Throws what compute::cast throws for unsupported pairs.
LosslessCast cast_losslessly(const Array& input, const DataType& target);

}  // namespace strata::validate_internal
