#include "strata/compute/conditional.hpp"

#include <algorithm>
#include <cstring>

#include "compute/internal/elementwise.hpp"
#include "strata/compute/cast.hpp"
#include "strata/compute/type_promotion.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute {

namespace {

int64_t length_of_three(const Array& a, const Array& b, const Array& c) {
  const int64_t ab = internal::broadcast_length(a, b, "if_else");
  const Array shape = make_null_array(DataType::null(), ab);
  return internal::broadcast_length(shape, c, "if_else");
}

// Words of the "take the first branch" mask: condition true and valid.
class Selector {
 public:
  Selector(const Array& condition, int64_t length) : condition_(condition) {
    single_ = internal::is_single(condition) && length != 1;
    single_word_ = condition.length() > 0 && condition.is_valid(0) && condition.bool_at(0) ? ~uint64_t{0} : 0;
  }
  uint64_t word(int64_t w) const {
    if (single_) return single_word_;
    uint64_t bits = internal::load_word(condition_.bool_bits(), w);
    if (const uint8_t* validity = condition_.validity_bits()) bits &= internal::load_word(validity, w);
    return bits;
  }

 private:
  const Array& condition_;
  bool single_ = false;
  uint64_t single_word_ = 0;
};

uint64_t validity_word(const Array& array, int64_t w) {
  if (internal::is_single(array)) return array.is_valid(0) ? ~uint64_t{0} : 0;
  if (const uint8_t* validity = array.validity_bits()) return internal::load_word(validity, w);
  return array.type().id() == TypeId::Null ? 0 : ~uint64_t{0};
}

BufferPtr select_validity(const Selector& take, const Array& a, const Array& b, int64_t length) {
  if (a.null_count() == 0 && b.null_count() == 0) return nullptr;
  return internal::pack_words(length, [&](int64_t w) {
    const uint64_t mask = take.word(w);
    return (mask & validity_word(a, w)) | (~mask & validity_word(b, w));
  });
}

template <typename T>
BufferPtr select_fixed(const Selector& take, const Array& a, const Array& b, int64_t length) {
  const T* x = a.values<T>();
  const T* y = b.values<T>();
  const int64_t xs = internal::is_single(a) ? 0 : 1, ys = internal::is_single(b) ? 0 : 1;
  BufferPtr values = internal::allocate_values<T>(length);
  T* out = values->as<T>();
  for (int64_t w = 0; w * 64 < length; ++w) {
    const uint64_t mask = take.word(w);
    const int64_t end = std::min<int64_t>(length, w * 64 + 64);
    // Whole words from one side are copied (the common case of a condition
    // that is nearly always true or always false).
    if (mask == ~uint64_t{0} && xs == 1) {
      std::memcpy(out + w * 64, x + w * 64, static_cast<size_t>(end - w * 64) * sizeof(T));
      continue;
    }
    if (mask == 0 && ys == 1) {
      std::memcpy(out + w * 64, y + w * 64, static_cast<size_t>(end - w * 64) * sizeof(T));
      continue;
    }
    for (int64_t i = w * 64; i < end; ++i) out[i] = (mask >> (i - w * 64)) & 1 ? x[i * xs] : y[i * ys];
  }
  return values;
}

// Whether the first branch is taken in every row.
bool takes_first_everywhere(const Selector& take, int64_t length) {
  for (int64_t w = 0; w * 64 < length; ++w) {
    const int64_t bits = std::min<int64_t>(64, length - w * 64);
    const uint64_t wanted = bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
    if ((take.word(w) & wanted) != wanted) return false;
  }
  return true;
}

BufferPtr select_bools(const Selector& take, const Array& a, const Array& b, int64_t length) {
  const auto value_word = [&](const Array& array, int64_t w) -> uint64_t {
    if (internal::is_single(array)) return array.bool_at(0) ? ~uint64_t{0} : 0;
    return internal::load_word(array.bool_bits(), w);
  };
  return internal::pack_words(length, [&](int64_t w) {
    const uint64_t mask = take.word(w);
    return (mask & value_word(a, w)) | (~mask & value_word(b, w));
  });
}

// Views are copied; the result lists a's data buffers, then b's.
Array select_strings(const Selector& take, const Array& a, const Array& b, const DataType& type, int64_t length,
                     BufferPtr validity) {
  const StringView* x = a.views();
  const StringView* y = b.views();
  const int64_t xs = internal::is_single(a) ? 0 : 1, ys = internal::is_single(b) ? 0 : 1;
  const auto shift = static_cast<uint32_t>(a.data().string_data.size());
  BufferPtr values = internal::allocate_values<StringView>(length);
  StringView* out = values->as<StringView>();
  for (int64_t w = 0; w * 64 < length; ++w) {
    const uint64_t mask = take.word(w);
    const int64_t end = std::min<int64_t>(length, w * 64 + 64);
    for (int64_t i = w * 64; i < end; ++i) {
      if ((mask >> (i - w * 64)) & 1) {
        out[i] = x[i * xs];
      } else {
        out[i] = y[i * ys];
        if (!out[i].is_inline()) out[i].ref.buffer_index += shift;
      }
    }
  }
  auto data = std::make_shared<ArrayData>();
  data->type = type;
  data->length = length;
  data->values = std::move(values);
  data->validity = std::move(validity);
  data->string_data = a.data().string_data;
  data->string_data.insert(data->string_data.end(), b.data().string_data.begin(), b.data().string_data.end());
  finish_validity(*data);
  return Array(std::move(data));
}

Array select(const Array& condition, const Array& a, const Array& b, const DataType& type, int64_t length) {
  const Selector take(condition, length);
  // A condition true in every row gives the first branch unchanged.
  if (a.length() == length && a.type() == type && takes_first_everywhere(take, length)) return a;
  BufferPtr validity = select_validity(take, a, b, length);
  return visit_physical(type, [&](auto tag) -> Array {
    using T = typename decltype(tag)::type;
    if constexpr (is_fixed_width_v<T>) {
      return internal::make_result(type, length, select_fixed<T>(take, a, b, length), std::move(validity));
    } else if constexpr (std::is_same_v<T, BoolTag>) {
      return internal::make_result(type, length, select_bools(take, a, b, length), std::move(validity));
    } else if constexpr (std::is_same_v<T, StringTag>) {
      return select_strings(take, a, b, type, length, std::move(validity));
    } else {
      throw UnsupportedError("choosing between values of type " + type.to_string() +
                             " (when/then, fill_null) is not supported yet");
    }
  });
}

}  // namespace

Array if_else(const Array& condition_input, const Array& if_true, const Array& if_false) {
  if (condition_input.type().id() != TypeId::Bool && condition_input.type().id() != TypeId::Null)
    throw TypeError("the condition of when/then must be bool, got " + condition_input.type().to_string());
  const Array condition = cast(condition_input, DataType::boolean());
  const auto type = common_supertype(if_true.type(), if_false.type());
  if (!type)
    throw TypeError("when/then branches have incompatible types " + if_true.type().to_string() + " and " +
                    if_false.type().to_string() + "; cast them to one type");
  const int64_t length = length_of_three(condition, if_true, if_false);
  if (type->id() == TypeId::Null) return make_null_array(*type, length);
  if (type->id() == TypeId::Categorical) {
    const Array strings =
        if_else(condition, cast(if_true, DataType::string()), cast(if_false, DataType::string()));
    return make_categorical(strings);
  }
  return select(condition, cast(if_true, *type), cast(if_false, *type), *type, length);
}

Array fill_null(const Array& values, const Array& fill) {
  const auto type = common_supertype(values.type(), fill.type());
  if (!type)
    throw TypeError("cannot fill nulls of a " + values.type().to_string() + " column with a value of type " +
                    fill.type().to_string() + "; cast the fill value first");
  if (values.null_count() == 0) return cast(values, *type);
  // The values' validity is the condition: keep valid rows, fill the rest.
  auto condition = std::make_shared<ArrayData>();
  condition->type = DataType::boolean();
  condition->length = values.length();
  condition->values = values.type().id() == TypeId::Null ? bitmap::make_zeroed(values.length())
                                                         : values.data().validity;
  return if_else(Array(std::move(condition)), values, fill);
}

}  // namespace strata::compute
