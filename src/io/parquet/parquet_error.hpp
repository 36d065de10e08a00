#pragma once
// Error helpers shared by the Parquet reader and writer. Decoders throw
// short messages; the file reader adds where the problem is (file, row
// group, column) on the way out, keeping the error's kind.
#include <string>

#include "strata/core/error.hpp"

namespace strata::parquet {

/// Throws InvalidInputError("corrupt Parquet data: <problem>. Hint: ...").
[[noreturn]] void throw_corrupt(const std::string& problem);

/// Throws UnsupportedError naming a Parquet feature Strata does not read or
/// write.
[[noreturn]] void throw_unsupported(const std::string& feature);

/// Rethrows `error` with the same kind and "<message> (<where>)".
[[noreturn]] void rethrow_with_context(const Error& error, const std::string& where);

}  // namespace strata::parquet
