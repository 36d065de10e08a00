#include "validate/internal/value_predicates.hpp"

#include "strata/compute/boolean.hpp"
#include "strata/compute/comparison.hpp"
#include "strata/compute/membership.hpp"
#include "strata/compute/string_functions.hpp"
#include "strata/core/builder.hpp"
#include "validate/internal/literal_conversion.hpp"

namespace strata::validate_internal {

namespace {

using compute::CompareOp;

struct PreparedBound {
  Array value;  // one row, comparable with the column
  CompareOp op;
};

// Both ends as comparisons against one-row arrays, AND-ed (Kleene: a null
// value stays null, which passes).
ValuePredicate between(std::optional<PreparedBound> low, std::optional<PreparedBound> high) {
  return [low = std::move(low), high = std::move(high)](const Array& column) {
    std::optional<Array> pass;
    if (low) pass = compute::compare(low->op, column, low->value);
    if (high) {
      Array upper_pass = compute::compare(high->op, column, high->value);
      pass = pass ? compute::and_kleene(*pass, upper_pass) : std::move(upper_pass);
    }
    return *pass;
  };
}

}  // namespace

ValuePredicate range_predicate(const std::optional<ValueBound>& lower, const std::optional<ValueBound>& upper,
                               const DataType& column_type) {
  std::optional<PreparedBound> low, high;
  if (lower)
    low = PreparedBound{literal_for_column(lower->value, column_type),
                        lower->inclusive ? CompareOp::GreaterEqual : CompareOp::Greater};
  if (upper)
    high = PreparedBound{literal_for_column(upper->value, column_type),
                         upper->inclusive ? CompareOp::LessEqual : CompareOp::Less};
  return between(std::move(low), std::move(high));
}

ValuePredicate isin_predicate(const std::vector<Scalar>& values, const DataType& column_type) {
  std::vector<Scalar> converted;
  converted.reserve(values.size());
  for (const Scalar& value : values) converted.push_back(array_value(literal_for_column(value, column_type), 0));
  return [converted = std::move(converted)](const Array& column) { return compute::is_in(column, converted); };
}

ValuePredicate pattern_predicate(const std::string& pattern) {
  // A search anchored at both ends of the text is a full match; RE2's `$`
  // only matches at the very end (not before a final newline).
  std::string anchored = "^(?:" + pattern + ")$";
  return [anchored = std::move(anchored)](const Array& column) {
    return compute::str_contains(column, anchored, /*regex=*/true);
  };
}

ValuePredicate length_predicate(const std::optional<int64_t>& min, const std::optional<int64_t>& max) {
  std::optional<PreparedBound> low, high;
  // Lengths are u32: literals of that type compare without widening the column.
  const DataType length_type = DataType::uint32();
  if (min) low = PreparedBound{literal_for_column(Scalar::int64(*min), length_type), CompareOp::GreaterEqual};
  if (max) high = PreparedBound{literal_for_column(Scalar::int64(*max), length_type), CompareOp::LessEqual};
  ValuePredicate compare_lengths = between(std::move(low), std::move(high));
  return [compare_lengths = std::move(compare_lengths)](const Array& column) {
    return compare_lengths(compute::str_len_chars(column));
  };
}

}  // namespace strata::validate_internal
