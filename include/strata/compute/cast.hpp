#pragma once
// Converting arrays between types. Semantics (docs/semantics.md "Numbers"):
// float -> integer truncates toward zero; NaN, infinities, out-of-range
// values and unparsable text are failures, which a Strict cast reports as a
// ComputeError naming the row and value and a NullOnFailure cast turns into
// nulls. Nulls stay null.
//
// Supported conversions:
//   Null -> any type (all null); any type -> itself
//   numeric (integers, floats, decimals) <-> numeric; Bool <-> numeric
//   any non-nested type -> String (the printed value) and -> Categorical
//   String -> numeric, Bool, Decimal, Date, Time, Timestamp, Binary, Categorical
//   Binary -> String (must be valid UTF-8)
//   Categorical -> String and everything String converts to
//   Date <-> Timestamp, Timestamp -> Date/Time, Timestamp unit and time zone
//   changes (values stay UTC), Duration unit changes
//   Date/Time/Timestamp/Duration <-> integers (the stored count: days for
//   Date, units for the others)
//   List(a) -> List(b) when a -> b is supported
#include "strata/core/array.hpp"
#include "strata/core/types.hpp"

namespace strata {

/// What a cast does with a value that does not fit the target type.
enum class CastMode { Strict, NullOnFailure };

}  // namespace strata

namespace strata::compute {

/// True when cast() converts `from` to `to`.
bool can_cast(const DataType& from, const DataType& to);

/// Converts every value of `input` to `type`. Throws TypeError when the
/// conversion is not supported, and (Strict) ComputeError for the first
/// value that cannot be converted. Parallel-safe; does not modify `input`.
Array cast(const Array& input, const DataType& type, CastMode mode = CastMode::Strict);

}  // namespace strata::compute
