#pragma once
// The types CSV inference can choose and how they widen. The kinds form a
// join semilattice (Null below everything, String on top; Int < Float;
// Date < Timestamp; any other pair joins to String, Time included), so the type of a column
// is the join of its values' kinds, whatever order they are seen in.
#include <cstdint>
#include <string_view>

#include "strata/core/array.hpp"
#include "strata/core/types.hpp"

namespace strata::csv {

enum class InferredKind : uint8_t { Null, Bool, Int, Float, Date, Timestamp, Time, String };

/// The kind of one non-null value (see docs/semantics.md, CSV type inference).
InferredKind classify_value(std::string_view text, bool try_parse_dates);

/// The smallest kind both `a` and `b` widen to.
InferredKind join_kinds(InferredKind a, InferredKind b);

/// The column type of a kind; Null (a column without values) reads as str.
DataType kind_type(InferredKind kind);

/// Whether an array of kind `from` converts to kind `to` without going back
/// to the text (Int -> Float, Date -> Timestamp).
bool widens_exactly(InferredKind from, InferredKind to);

/// Converts an array of kind `from` to kind `to` (widens_exactly must hold).
Array widen_array(const Array& array, InferredKind from, InferredKind to);

}  // namespace strata::csv
