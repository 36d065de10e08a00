#pragma once
// The per-value constraints of a column as predicates over a batch's
// column, built once per validation from the schema's literals converted
// to the column's actual type. Each is one or two vectorized kernel calls
// per batch.
#include <optional>
#include <string>
#include <vector>

#include "strata/validate/column_schema.hpp"
#include "validate/internal/batch_checks.hpp"

namespace strata::validate_internal {

/// lower <= value <= upper (with each end's inclusivity). Throws
/// InvalidInputError / TypeError when a bound does not fit `column_type`.
ValuePredicate range_predicate(const std::optional<ValueBound>& lower, const std::optional<ValueBound>& upper,
                               const DataType& column_type);
/// value is one of `values`; text is parsed for date/datetime columns.
ValuePredicate isin_predicate(const std::vector<Scalar>& values, const DataType& column_type);
/// The whole value matches the RE2 `pattern`.
ValuePredicate pattern_predicate(const std::string& pattern);
/// min <= length in code points <= max.
ValuePredicate length_predicate(const std::optional<int64_t>& min, const std::optional<int64_t>& max);

}  // namespace strata::validate_internal
