#pragma once
// is_in: whether each value is one of a list of values. Semantics
// (docs/semantics.md "Nulls"): a null input gives null; a null inside the
// list never matches. Values compare as in compute::compare (NaN matches
// NaN; a categorical column matches by its strings).
#include <vector>

#include "strata/core/array.hpp"
#include "strata/core/scalar.hpp"

namespace strata::compute {

/// Bool: true where input[i] equals one of `values`. A listed value whose
/// type cannot be compared with the input's (e.g. a string for an integer
/// column) is a TypeError; a value that no input value can equal (1.5 for
/// an integer column) simply never matches.
Array is_in(const Array& input, const std::vector<Scalar>& values);

}  // namespace strata::compute
