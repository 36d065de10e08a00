#pragma once
// Date and time kernels: calendar fields, truncation, and arithmetic with
// durations. Semantics (docs/semantics.md "Dates and times"): timestamps
// are read in UTC; weekday is ISO (Monday = 1 .. Sunday = 7); truncation
// keeps the input type.
//
// Arithmetic (used by compute::arithmetic for temporal operands):
//   Date ± Duration(u)            -> Timestamp(u)   (the expression layer
//                                    keeps a Date for a whole-day literal)
//   Timestamp(u1) ± Duration(u2)  -> Timestamp(finer unit), time zone kept
//   Date - Date                   -> Duration(ms)
//   Timestamp - Timestamp / Date  -> Duration(finer unit); time zones must match
//   Duration ± Duration           -> Duration(finer unit)
//   Duration * integer, integer * Duration -> Duration
#include "strata/compute/arithmetic.hpp"
#include "strata/core/array.hpp"

namespace strata::compute {

enum class TemporalField { Year, Month, Day, Hour, Minute, Second, Weekday };

/// "year", "month", "day", "hour", "minute", "second", "weekday".
const char* temporal_field_name(TemporalField field);

/// Int32 for Year, Int8 for the others. Date, Timestamp and (for hour,
/// minute, second) Time inputs; a Date's time fields are 0. Throws
/// TypeError for other inputs.
DataType temporal_field_type(TemporalField field, const DataType& input);

/// The calendar field of every value (nulls stay null).
Array extract_temporal_field(const Array& input, TemporalField field);

enum class TruncateUnit { Day, Month };

/// The input type (Date or Timestamp); TypeError otherwise.
DataType truncate_type(const DataType& input);

/// The start of each value's day or month, in the input type.
Array truncate_temporal(const Array& input, TruncateUnit unit);

/// Result type of `left op right` when either operand is temporal (table
/// above); throws TypeError for other combinations.
DataType temporal_arithmetic_type(ArithmeticOp op, const DataType& left, const DataType& right);

/// Computes `left op right` for temporal operands; overflow of the 64-bit
/// representation is a ComputeError. One-row operands are repeated.
Array temporal_arithmetic(ArithmeticOp op, const Array& left, const Array& right);

}  // namespace strata::compute
