#pragma once
// Row filtering inside the scan (ParquetReadOptions::filter): which rows of
// a decoded row group satisfy the pushed-down predicates.
#include <cstdint>
#include <vector>

#include "strata/core/array.hpp"
#include "strata/io/parquet.hpp"

namespace strata::parquet {

/// `predicate` evaluated on each row of `column` (its column's values in
/// one row group), as a Bool mask; a null row or value gives null.
Array predicate_mask(const ParquetPredicate& predicate, const Array& column);

}  // namespace strata::parquet
