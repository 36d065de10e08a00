#pragma once
// Turning whatever user code threw into something the executor can record.
#include <chrono>
#include <exception>
#include <optional>
#include <string>

#include "strata/orchestrate/value.hpp"

namespace strata::internal {

struct UserCodeError {
  std::string message;      // what() or a description of a non-standard exception
  std::string type;         // readable C++ type, e.g. "strata::SchemaError"
  std::string kind;         // strata error kind name, or "" for other exceptions
  Metadata metadata = Metadata::object();  // from strata::Failure
  bool retryable = true;    // false for strata::Failure
  bool canceled = false;    // RunCanceledError
  int requested_retries = 0;  // from RetryRequested
  std::optional<std::chrono::milliseconds> requested_delay;
};

/// Describes the exception currently being handled; call inside a catch block.
UserCodeError describe_current_exception();

}  // namespace strata::internal
