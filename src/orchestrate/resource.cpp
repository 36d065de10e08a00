#include "strata/orchestrate/resource.hpp"

#include <cxxabi.h>

#include <cstdlib>

namespace strata {

std::string readable_type_name(const std::type_info& type) {
  int status = 0;
  char* demangled = abi::__cxa_demangle(type.name(), nullptr, nullptr, &status);
  std::string name = (status == 0 && demangled) ? demangled : type.name();
  std::free(demangled);
  return name;
}

}  // namespace strata
