#include "strata/compute/boolean.hpp"

#include "compute/internal/elementwise.hpp"
#include "strata/compute/cast.hpp"
#include "strata/core/error.hpp"

namespace strata::compute {

namespace {

// Reads a Bool operand 64 rows at a time: value and validity words, with a
// one-row operand repeated.
class BoolWords {
 public:
  BoolWords(const Array& array, int64_t length) : array_(array) {
    single_ = internal::is_single(array) && length != 1;
    if (single_) {
      const bool valid = array.is_valid(0);
      single_validity_ = valid ? ~uint64_t{0} : 0;
      single_value_ = valid && array.bool_at(0) ? ~uint64_t{0} : 0;
    }
    validity_ = array.validity_bits();
  }
  bool all_valid() const { return single_ ? single_validity_ != 0 : validity_ == nullptr; }
  uint64_t value(int64_t w) const { return single_ ? single_value_ : internal::load_word(array_.bool_bits(), w); }
  uint64_t validity(int64_t w) const {
    if (single_) return single_validity_;
    return validity_ ? internal::load_word(validity_, w) : ~uint64_t{0};
  }

 private:
  const Array& array_;
  bool single_ = false;
  uint64_t single_value_ = 0, single_validity_ = 0;
  const uint8_t* validity_ = nullptr;
};

Array as_bool(const Array& input, const char* operation) {
  if (input.type().id() == TypeId::Bool) return input;
  if (input.type().id() == TypeId::Null) return cast(input, DataType::boolean());
  throw TypeError(std::string("cannot apply ") + operation + " to a value of type " + input.type().to_string() +
                  "; expected bool");
}

template <bool IsAnd>
Array kleene(const Array& left_input, const Array& right_input) {
  const char* name = IsAnd ? "and" : "or";
  const Array left = as_bool(left_input, name), right = as_bool(right_input, name);
  const int64_t length = internal::broadcast_length(left, right, name);
  const BoolWords l(left, length), r(right, length);
  if (l.all_valid() && r.all_valid()) {
    BufferPtr values = internal::pack_words(length, [&](int64_t w) {
      return IsAnd ? (l.value(w) & r.value(w)) : (l.value(w) | r.value(w));
    });
    return internal::make_result(DataType::boolean(), length, std::move(values), nullptr);
  }
  // A known operand value (false for AND, true for OR) decides the result
  // even when the other operand is null.
  const auto deciding = [&](int64_t w) {
    if (IsAnd) return (l.validity(w) & ~l.value(w)) | (r.validity(w) & ~r.value(w));
    return (l.validity(w) & l.value(w)) | (r.validity(w) & r.value(w));
  };
  BufferPtr validity = internal::pack_words(length, [&](int64_t w) {
    return (l.validity(w) & r.validity(w)) | deciding(w);
  });
  BufferPtr values = internal::pack_words(length, [&](int64_t w) {
    if (IsAnd) return l.validity(w) & l.value(w) & r.validity(w) & r.value(w);
    return deciding(w);
  });
  return internal::make_result(DataType::boolean(), length, std::move(values), std::move(validity));
}

Array null_test(const Array& input, bool want_null) {
  const int64_t length = input.length();
  BufferPtr values;
  if (input.null_count() == 0) {
    values = want_null ? bitmap::make_zeroed(length) : bitmap::make_all_set(length);
  } else if (input.type().id() == TypeId::Null || !input.validity_bits()) {
    values = want_null ? bitmap::make_all_set(length) : bitmap::make_zeroed(length);
  } else {
    const uint8_t* validity = input.validity_bits();
    values = internal::pack_words(length, [&](int64_t w) {
      const uint64_t word = internal::load_word(validity, w);
      return want_null ? ~word : word;
    });
  }
  return internal::make_result(DataType::boolean(), length, std::move(values), nullptr);
}

}  // namespace

Array and_kleene(const Array& left, const Array& right) { return kleene<true>(left, right); }
Array or_kleene(const Array& left, const Array& right) { return kleene<false>(left, right); }

Array invert(const Array& input_array) {
  const Array input = as_bool(input_array, "not");
  const uint8_t* bits = input.bool_bits();
  BufferPtr values = internal::pack_words(input.length(), [&](int64_t w) { return ~internal::load_word(bits, w); });
  return internal::make_result(DataType::boolean(), input.length(), std::move(values), input.data().validity);
}

Array is_null(const Array& input) { return null_test(input, true); }
Array is_not_null(const Array& input) { return null_test(input, false); }

}  // namespace strata::compute
