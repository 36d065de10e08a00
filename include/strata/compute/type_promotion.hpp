#pragma once
// Which type two operands are converted to before they are combined
// (arithmetic, comparison, fill_null, when/then). The rules are those of
// docs/semantics.md ("Numbers"); the expression layer and the kernels use
// these functions so that resolved and evaluated types always agree.
#include <optional>

#include "strata/core/types.hpp"

namespace strata::compute {

/// The type two numeric (or Null) operands convert to:
///   - Null with T gives T; equal types give that type;
///   - integers of one signedness give the wider; signed with unsigned give
///     the signed type when it is wider, else the next wider signed type
///     (Int64 with UInt64 gives Float64);
///   - an integer or float with a float gives Float32 when both are at most
///     32-bit floats or integers of at most 16 bits, else Float64;
///   - decimals combine to the largest integer-digit count and scale
///     (precision capped at 38); an integer joins as decimal(digits, 0); a
///     float with a decimal gives Float64.
/// nullopt when either type is not numeric or Null.
std::optional<DataType> numeric_supertype(const DataType& a, const DataType& b);

/// The type that can hold values of both types in one column: the numeric
/// supertype; equal types; String with Categorical gives String; Date with
/// Timestamp gives the Timestamp; timestamps (same time zone) or durations
/// of different units give the finer unit; Null with T gives T. nullopt
/// when the types do not combine (e.g. String with Int64).
std::optional<DataType> common_supertype(const DataType& a, const DataType& b);

/// decimal(digits, 0) holding every value of integer type `type` exactly
/// (i8: 3, i16: 5, i32: 10, i64: 19, u64: 20 digits).
DataType decimal_for_integer(const DataType& type);

/// The finer of two time units (Nano is the finest).
TimeUnit finer_unit(TimeUnit a, TimeUnit b);

}  // namespace strata::compute
