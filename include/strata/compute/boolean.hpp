#pragma once
// Boolean logic and null tests. `and` / `or` use Kleene (three-valued)
// logic (docs/semantics.md): false and null = false, true or null = true,
// otherwise a null operand gives null. Operands are Bool (or Null) arrays
// of equal length, or one of them has one row and is repeated. Computed 64
// rows at a time.
#include "strata/core/array.hpp"

namespace strata::compute {

/// Kleene AND.
Array and_kleene(const Array& left, const Array& right);
/// Kleene OR.
Array or_kleene(const Array& left, const Array& right);
/// NOT; null stays null.
Array invert(const Array& input);

/// True where the value is null (never null itself). Any type.
Array is_null(const Array& input);
/// True where the value is not null (never null itself). Any type.
Array is_not_null(const Array& input);

}  // namespace strata::compute
