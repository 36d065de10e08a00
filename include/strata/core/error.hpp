#pragma once
// The one exception family of Strata. Every error thrown across the public
// API derives from strata::Error and carries a kind, so callers can react to
// the class of problem without parsing messages. Messages state the problem
// first, then the runtime values (file, line, column, value), then a hint.
#include <stdexcept>
#include <string>

namespace strata {

enum class ErrorKind {
  InvalidInput,  // malformed data or arguments supplied by the user
  Schema,        // missing/duplicate columns, mismatched schemas
  Type,          // an operation applied to a type it does not support
  Compute,       // a value-level failure, e.g. a strict cast that cannot succeed
  IO,            // files and the operating system
  Unsupported,   // a valid request that Strata does not implement (yet)
  Internal,      // a bug in Strata
  Cancelled,     // the caller cancelled the work (e.g. a running query)
};

const char* error_kind_name(ErrorKind kind);

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

#define STRATA_DEFINE_ERROR(Name, Kind)                                        \
  class Name : public Error {                                                  \
   public:                                                                     \
    explicit Name(const std::string& message) : Error(ErrorKind::Kind, message) {} \
  };

STRATA_DEFINE_ERROR(InvalidInputError, InvalidInput)
STRATA_DEFINE_ERROR(SchemaError, Schema)
STRATA_DEFINE_ERROR(TypeError, Type)
STRATA_DEFINE_ERROR(ComputeError, Compute)
STRATA_DEFINE_ERROR(IOError, IO)
STRATA_DEFINE_ERROR(UnsupportedError, Unsupported)
STRATA_DEFINE_ERROR(InternalError, Internal)
STRATA_DEFINE_ERROR(CancelledError, Cancelled)

#undef STRATA_DEFINE_ERROR

/// Throws the exception class of `kind` with `message` (to rethrow an error
/// with more context without changing its kind).
[[noreturn]] void throw_error(ErrorKind kind, const std::string& message);

// Checks an internal invariant; a failure is a bug in Strata, never user error.
#define STRATA_CHECK(condition, message)                                       \
  do {                                                                         \
    if (!(condition))                                                          \
      throw ::strata::InternalError(std::string("internal check failed: ") +   \
                                    #condition + " — " + (message));           \
  } while (0)

}  // namespace strata
