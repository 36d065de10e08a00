#include "strata/core/scalar.hpp"

#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"

namespace strata {

int64_t Scalar::as_int64() const {
  if (auto* v = std::get_if<int64_t>(&value_)) return *v;
  if (auto* v = std::get_if<uint64_t>(&value_)) return static_cast<int64_t>(*v);
  if (auto* v = std::get_if<bool>(&value_)) return *v;
  if (auto* v = std::get_if<double>(&value_)) return static_cast<int64_t>(*v);
  throw TypeError("scalar of type " + type_.to_string() + " is not an integer");
}

uint64_t Scalar::as_uint64() const {
  if (auto* v = std::get_if<uint64_t>(&value_)) return *v;
  if (auto* v = std::get_if<int64_t>(&value_)) return static_cast<uint64_t>(*v);
  if (auto* v = std::get_if<bool>(&value_)) return *v;
  throw TypeError("scalar of type " + type_.to_string() + " is not an integer");
}

double Scalar::as_double() const {
  if (auto* v = std::get_if<double>(&value_)) return *v;
  if (auto* v = std::get_if<int64_t>(&value_)) return static_cast<double>(*v);
  if (auto* v = std::get_if<uint64_t>(&value_)) return static_cast<double>(*v);
  if (auto* v = std::get_if<bool>(&value_)) return *v;
  if (auto* v = std::get_if<Int128>(&value_)) {
    double scaled = static_cast<double>(*v);
    for (int i = 0; i < type_.scale(); ++i) scaled /= 10;
    return scaled;
  }
  throw TypeError("scalar of type " + type_.to_string() + " is not numeric");
}

std::string Scalar::to_string() const {
  if (is_null()) return "null";
  return make_array_from_scalar(*this, 1).value_to_string(0);
}

}  // namespace strata
