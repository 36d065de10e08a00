#pragma once
// Choosing values row by row: if_else (the kernel behind when/then/
// otherwise) and fill_null. Branch values convert to their common type
// (type_promotion.hpp common_supertype). Strings are not copied: the result
// shares both inputs' character buffers. Operands have equal lengths or one
// row (repeated). List and Struct values are not supported yet.
#include "strata/core/array.hpp"

namespace strata::compute {

/// Where `condition` is true the row of `if_true`, else (false or null) the
/// row of `if_false`. Throws TypeError when the branches have no common type.
Array if_else(const Array& condition, const Array& if_true, const Array& if_false);

/// `values` with its nulls replaced by the rows of `fill` (a column of the
/// same length or one value), in the common type of both.
Array fill_null(const Array& values, const Array& fill);

}  // namespace strata::compute
