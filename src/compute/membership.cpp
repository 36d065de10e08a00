#include "strata/compute/membership.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "compute/internal/elementwise.hpp"
#include "strata/compute/cast.hpp"
#include "strata/compute/comparison.hpp"
#include "strata/compute/type_promotion.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute {

namespace {

// The listed values as an array of `type`, keeping only those that convert
// to it exactly (the ones some input value could equal).
Array candidates_of_type(const std::vector<Scalar>& values, const DataType& type) {
  std::vector<Array> kept;
  for (const Scalar& value : values) {
    if (value.is_null()) continue;
    if (!common_supertype(type, value.type()))
      throw TypeError("is_in: the value " + value.to_string() + " of type " + value.type().to_string() +
                      " cannot be compared with a column of type " + type.to_string());
    const Array original = make_array_from_scalar(value, 1);
    if (!can_cast(value.type(), type)) continue;
    const Array converted = cast(original, type, CastMode::NullOnFailure);
    if (converted.is_null(0)) continue;
    const Array back = cast(converted, value.type(), CastMode::NullOnFailure);
    const Array same = compare(CompareOp::Equal, back, original);
    if (same.is_valid(0) && same.bool_at(0)) kept.push_back(converted);
  }
  if (kept.empty()) return make_null_array(type, 0);
  return concat_arrays(kept);
}

template <typename T>
BufferPtr match_fixed(const Array& input, const Array& candidates) {
  std::vector<T> sorted(candidates.values<T>(), candidates.values<T>() + candidates.length());
  bool has_nan = false;
  if constexpr (std::is_floating_point_v<T>) {
    has_nan = std::any_of(sorted.begin(), sorted.end(), [](T v) { return std::isnan(v); });
    sorted.erase(std::remove_if(sorted.begin(), sorted.end(), [](T v) { return std::isnan(v); }), sorted.end());
  }
  std::sort(sorted.begin(), sorted.end());
  const T* x = input.values<T>();
  if (sorted.size() <= 8 && !has_nan) {
    return internal::pack_bits(input.length(), [&](int64_t i) {
      for (const T& v : sorted)
        if (x[i] == v) return true;
      return false;
    });
  }
  return internal::pack_bits(input.length(), [&](int64_t i) {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(x[i])) return has_nan;
    }
    return std::binary_search(sorted.begin(), sorted.end(), x[i]);
  });
}

BufferPtr match_strings(const Array& input, const Array& candidates) {
  std::unordered_set<std::string_view> set;
  for (int64_t i = 0; i < candidates.length(); ++i) set.insert(candidates.string_at(i));
  return internal::pack_bits(input.length(), [&](int64_t i) { return set.count(input.string_at(i)) > 0; });
}

BufferPtr match_bools(const Array& input, const Array& candidates) {
  bool has_true = false, has_false = false;
  for (int64_t i = 0; i < candidates.length(); ++i) (candidates.bool_at(i) ? has_true : has_false) = true;
  return internal::pack_bits(input.length(), [&](int64_t i) { return input.bool_at(i) ? has_true : has_false; });
}

}  // namespace

Array is_in(const Array& input, const std::vector<Scalar>& values) {
  const int64_t length = input.length();
  const DataType& type = input.type();
  if (type.id() == TypeId::Null) return make_null_array(DataType::boolean(), length);
  if (type.id() == TypeId::Categorical) {
    const Array per_entry = is_in(input.dictionary(), values);
    const uint32_t* codes = input.codes();
    BufferPtr bits = internal::pack_bits(length, [&](int64_t i) { return per_entry.bool_at(codes[i]); });
    return internal::make_result(DataType::boolean(), length, std::move(bits), input.data().validity);
  }
  const Array candidates = candidates_of_type(values, type);
  BufferPtr bits = visit_physical(type, [&](auto tag) -> BufferPtr {
    using T = typename decltype(tag)::type;
    if constexpr (is_fixed_width_v<T>) return match_fixed<T>(input, candidates);
    else if constexpr (std::is_same_v<T, StringTag>) return match_strings(input, candidates);
    else if constexpr (std::is_same_v<T, BoolTag>) return match_bools(input, candidates);
    else throw TypeError("is_in is not supported for columns of type " + type.to_string());
  });
  return internal::make_result(DataType::boolean(), length, std::move(bits), input.data().validity);
}

}  // namespace strata::compute
