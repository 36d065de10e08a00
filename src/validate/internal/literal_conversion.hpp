#pragma once
// Turning the literals of a schema (bounds, allowed values) into values
// that compare with a column: text becomes a date or datetime for temporal
// columns, numbers take the column's type when they fit exactly (so that
// the kernels compare without converting the column).
#include <optional>

#include "strata/core/array.hpp"
#include "strata/core/scalar.hpp"
#include "strata/validate/type_requirement.hpp"

namespace strata::validate_internal {

/// For the definition checks of a schema: the literal as a value of the
/// declared family, i.e. text parsed as a datetime (microseconds) for the
/// Date and Datetime families; the literal unchanged otherwise. nullopt
/// when text does not parse as a date or datetime.
std::optional<Scalar> literal_in_family(const Scalar& literal, TypeFamily family);

/// A one-row array holding `literal` ready to be compared with a column of
/// `column_type`. Throws InvalidInputError when text does not parse as the
/// column's date or datetime, TypeError when the two cannot be compared.
Array literal_for_column(const Scalar& literal, const DataType& column_type);

}  // namespace strata::validate_internal
