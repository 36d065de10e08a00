#pragma once
// String kernels over String and Categorical columns (a categorical is
// processed through its dictionary: each distinct string once; split
// decodes it first). Positions and lengths count Unicode code points; text
// is UTF-8. Nulls stay null.
//
// Result types: len_chars, len_bytes -> UInt32; contains, starts_with,
// ends_with -> Bool; to_lowercase, to_uppercase, strip, replace, slice ->
// String (also for categorical input); split -> List(String).
//
// Case mapping is simple one-to-one mapping for ASCII, Latin-1, Latin
// Extended-A, basic Greek and Cyrillic; other characters are unchanged
// (no locale rules, no expansions such as German ß -> SS).
//
// Regular expressions use RE2 syntax; a pattern is compiled once per call
// and an invalid one is an InvalidInputError quoting it.
#include <optional>
#include <string>

#include "strata/core/array.hpp"
#include "strata/core/types.hpp"

namespace strata::compute {

enum class StringFunction {
  LenChars, LenBytes, Contains, StartsWith, EndsWith, ToLowercase, ToUppercase, Strip, Replace, Slice, Split,
};

/// "len_chars", "len_bytes", "contains", ... (without the "str." prefix).
const char* string_function_name(StringFunction function);

/// The result type of `function` over `input`; TypeError naming the
/// function and type unless the input is String, Categorical or Null.
DataType string_function_result_type(StringFunction function, const DataType& input);

Array str_len_chars(const Array& input);
Array str_len_bytes(const Array& input);
/// Whether `pattern` occurs (literally, or as an RE2 regex match anywhere).
Array str_contains(const Array& input, const std::string& pattern, bool regex);
Array str_starts_with(const Array& input, const std::string& prefix);
Array str_ends_with(const Array& input, const std::string& suffix);
Array str_to_lowercase(const Array& input);
Array str_to_uppercase(const Array& input);
/// Removes leading and trailing code points that appear in `characters`.
Array str_strip(const Array& input, const std::string& characters);
/// Replaces every non-overlapping match, left to right. With regex, the
/// replacement may use \0..\9 for groups. An empty literal pattern leaves
/// the text unchanged.
Array str_replace(const Array& input, const std::string& pattern, const std::string& replacement, bool regex);
/// Code points [offset, offset + length) (to the end without length); a
/// negative offset counts from the end; out-of-range parts are clipped.
/// A negative length is an InvalidInputError.
Array str_slice(const Array& input, int64_t offset, std::optional<int64_t> length);
/// Splits at every occurrence of `separator` ("a,,b" -> ["a", "", "b"]); an
/// empty separator splits into code points.
Array str_split(const Array& input, const std::string& separator);

}  // namespace strata::compute
