#include "strata/validate/hyperloglog.hpp"

#include <cmath>
#include <cstring>
#include <type_traits>

#include "strata/core/error.hpp"
#include "strata/core/hash.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata {

namespace {

// The 64 bits a value is hashed from: equal values give equal bits.
template <typename T>
uint64_t value_bits(T value) {
  if constexpr (std::is_floating_point_v<T>) {
    double normalized = static_cast<double>(value);
    if (normalized == 0.0) normalized = 0.0;  // -0.0 equals 0.0
    if (std::isnan(normalized)) return 0x7ff8000000000000ULL;
    uint64_t bits;
    std::memcpy(&bits, &normalized, sizeof bits);
    return bits;
  } else if constexpr (std::is_same_v<T, Int128>) {
    const auto unsigned_value = static_cast<unsigned __int128>(value);
    return hashing::combine(static_cast<uint64_t>(unsigned_value), static_cast<uint64_t>(unsigned_value >> 64));
  } else {
    return static_cast<uint64_t>(value);
  }
}

template <typename Fn>
void for_each_valid_row(const Array& values, Fn&& fn) {
  const int64_t length = values.length();
  if (values.null_count() == 0) {
    for (int64_t i = 0; i < length; ++i) fn(i);
    return;
  }
  const uint8_t* validity = values.validity_bits();
  if (validity == nullptr) return;  // Null type
  for (int64_t i = 0; i < length; ++i)
    if (bitmap::get(validity, i)) fn(i);
}

}  // namespace

HyperLogLog::HyperLogLog(int precision) : precision_(precision) {
  if (precision < 7 || precision > 18)
    throw InvalidInputError("HyperLogLog precision must be between 7 and 18, got " + std::to_string(precision));
  registers_.assign(size_t{1} << precision, 0);
}

void HyperLogLog::add(const Array& values) {
  if (values.null_count() == values.length()) return;
  if (values.type().id() == TypeId::Categorical) {
    // Hash each dictionary string once; rows only look their code up.
    const Array dictionary = values.dictionary();
    std::vector<uint64_t> entry_hashes(static_cast<size_t>(dictionary.length()));
    for (int64_t e = 0; e < dictionary.length(); ++e)
      entry_hashes[static_cast<size_t>(e)] = hashing::string(dictionary.string_at(e));
    const uint32_t* codes = values.codes();
    for_each_valid_row(values, [&](int64_t i) { add_hash(entry_hashes[codes[i]]); });
    return;
  }
  visit_physical(values.type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (is_fixed_width_v<T>) {
      const T* data = values.values<T>();
      for_each_valid_row(values, [&](int64_t i) { add_hash(hashing::mix64(value_bits(data[i]))); });
    } else if constexpr (std::is_same_v<T, BoolTag>) {
      for_each_valid_row(values, [&](int64_t i) { add_hash(hashing::mix64(values.bool_at(i) ? 1 : 2)); });
    } else if constexpr (std::is_same_v<T, StringTag>) {
      for_each_valid_row(values, [&](int64_t i) { add_hash(hashing::string(values.string_at(i))); });
    } else if constexpr (std::is_same_v<T, NestedTag>) {
      throw TypeError("distinct counts of " + values.type().to_string() + " values are not supported");
    }
  });
}

void HyperLogLog::merge(const HyperLogLog& other) {
  if (other.precision_ != precision_)
    throw InvalidInputError("cannot merge HyperLogLog sketches of precision " + std::to_string(precision_) +
                            " and " + std::to_string(other.precision_));
  for (size_t i = 0; i < registers_.size(); ++i)
    if (other.registers_[i] > registers_[i]) registers_[i] = other.registers_[i];
}

int64_t HyperLogLog::estimate() const {
  const auto m = static_cast<double>(registers_.size());
  double inverse_sum = 0;
  int64_t zeros = 0;
  for (const uint8_t rank : registers_) {
    inverse_sum += std::ldexp(1.0, -static_cast<int>(rank));
    zeros += rank == 0 ? 1 : 0;
  }
  // The bias constant of Flajolet et al. for m >= 128 registers.
  const double alpha = 0.7213 / (1.0 + 1.079 / m);
  double estimate = alpha * m * m / inverse_sum;
  // Few distinct values: linear counting over the empty registers is far
  // more accurate there.
  if (estimate <= 2.5 * m && zeros > 0) estimate = m * std::log(m / static_cast<double>(zeros));
  return std::llround(estimate);
}

}  // namespace strata
