#pragma once
// The names constraints have in reports: the keys of schema files with
// their arguments ("ge(0)", "matches('^a+$')"), so that a failure points at
// the line of the schema that caused it.
#include <optional>
#include <string>
#include <vector>

#include "strata/validate/column_schema.hpp"

namespace strata::validate_internal {

/// A value as written in a constraint: strings quoted, others displayed.
std::string literal_text(const Scalar& value);

std::string type_label(const TypeRequirement& type);                  // "type(integer)"
std::string range_label(const std::optional<ValueBound>& lower,
                        const std::optional<ValueBound>& upper);      // "ge(0) & lt(10)"
std::string isin_label(const std::vector<Scalar>& values);            // "isin(['a', 'b'])"
std::string pattern_label(const std::string& pattern);                // "matches('...')"
std::string length_label(const std::optional<int64_t>& min,
                         const std::optional<int64_t>& max);          // "min_length(1) & max_length(9)"
std::string check_label(const CustomCheck& check);                    // "check(name)"
std::string unique_label(const std::vector<std::string>& columns);    // "unique(a, b)"

inline constexpr const char* kRequiredLabel = "required";
inline constexpr const char* kNullableLabel = "nullable=false";
inline constexpr const char* kUniqueLabel = "unique";
inline constexpr const char* kStrictLabel = "extra_columns=reject";
inline constexpr const char* kOrderedLabel = "ordered";

}  // namespace strata::validate_internal
