#include "orchestrate/internal/user_code_error.hpp"

#include <typeinfo>

#include "strata/orchestrate/resource.hpp"
#include "strata/orchestrate/step_errors.hpp"

namespace strata::internal {

UserCodeError describe_current_exception() {
  UserCodeError error;
  try {
    throw;
  } catch (const RunCanceledError& e) {
    error.message = e.what();
    error.type = "strata::RunCanceledError";
    error.canceled = true;
    error.retryable = false;
  } catch (const Failure& e) {
    error.message = e.what();
    error.type = readable_type_name(typeid(e));
    error.kind = error_kind_name(e.kind());
    error.metadata = e.metadata();
    error.retryable = false;
  } catch (const RetryRequested& e) {
    error.message = e.what();
    error.type = readable_type_name(typeid(e));
    error.kind = error_kind_name(e.kind());
    error.requested_retries = e.max_retries();
    error.requested_delay = e.delay();
  } catch (const Error& e) {
    error.message = e.what();
    error.type = readable_type_name(typeid(e));
    error.kind = error_kind_name(e.kind());
  } catch (const std::exception& e) {
    error.message = e.what();
    error.type = readable_type_name(typeid(e));
  } catch (...) {
    error.message = "an exception that is not a std::exception was thrown";
    error.type = "unknown";
  }
  return error;
}

}  // namespace strata::internal
