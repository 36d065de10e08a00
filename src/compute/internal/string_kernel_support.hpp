#pragma once
// Shared plumbing of the string kernels: input checks, the categorical
// path (apply to the dictionary, expand by codes) and list construction.
#include "strata/compute/string_functions.hpp"

namespace strata::compute::internal {

/// Expands per-dictionary-entry results (Bool, UInt32 or String) to the
/// rows of `categorical` through its codes; null rows stay null.
Array expand_by_codes(const Array& per_entry, const Array& categorical);

/// Runs a String kernel on `input`: checks the type, handles Null input,
/// and sends a categorical through its dictionary.
template <typename Kernel>
Array run_string_kernel(StringFunction function, const Array& input, Kernel&& kernel) {
  const DataType type = string_function_result_type(function, input.type());
  if (input.type().id() == TypeId::Null) return make_null_array(type, input.length());
  if (input.type().id() == TypeId::Categorical) return expand_by_codes(kernel(input.dictionary()), input);
  return kernel(input);
}

}  // namespace strata::compute::internal
