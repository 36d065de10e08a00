#include "strata/compute/comparison.hpp"

#include <cmath>
#include <cstring>

#include "compute/internal/elementwise.hpp"
#include "strata/compute/cast.hpp"
#include "strata/compute/type_promotion.hpp"
#include "strata/core/error.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute {

using internal::is_single;

const char* compare_op_name(CompareOp op) {
  switch (op) {
    case CompareOp::Equal: return "eq";
    case CompareOp::NotEqual: return "ne";
    case CompareOp::Less: return "lt";
    case CompareOp::LessEqual: return "le";
    case CompareOp::Greater: return "gt";
    case CompareOp::GreaterEqual: return "ge";
  }
  return "?";
}

const char* compare_op_symbol(CompareOp op) {
  switch (op) {
    case CompareOp::Equal: return "==";
    case CompareOp::NotEqual: return "!=";
    case CompareOp::Less: return "<";
    case CompareOp::LessEqual: return "<=";
    case CompareOp::Greater: return ">";
    case CompareOp::GreaterEqual: return ">=";
  }
  return "?";
}

CompareOp flip_compare_op(CompareOp op) {
  switch (op) {
    case CompareOp::Less: return CompareOp::Greater;
    case CompareOp::LessEqual: return CompareOp::GreaterEqual;
    case CompareOp::Greater: return CompareOp::Less;
    case CompareOp::GreaterEqual: return CompareOp::LessEqual;
    default: return op;
  }
}

namespace {

// Three-way results turned into the operation's answer.
template <CompareOp Op>
inline bool from_order(bool less, bool equal) {
  if constexpr (Op == CompareOp::Equal) return equal;
  else if constexpr (Op == CompareOp::NotEqual) return !equal;
  else if constexpr (Op == CompareOp::Less) return less;
  else if constexpr (Op == CompareOp::LessEqual) return less || equal;
  else if constexpr (Op == CompareOp::Greater) return !less && !equal;
  else return !less;
}

template <CompareOp Op, typename T>
inline bool compare_values(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    // Total order: NaN == NaN, NaN above everything.
    const bool a_nan = std::isnan(a), b_nan = std::isnan(b);
    const bool equal = a == b || (a_nan && b_nan);
    const bool less = a < b || (b_nan && !a_nan);
    return from_order<Op>(less, equal);
  } else {
    if constexpr (Op == CompareOp::Equal) return a == b;
    else if constexpr (Op == CompareOp::NotEqual) return a != b;
    else if constexpr (Op == CompareOp::Less) return a < b;
    else if constexpr (Op == CompareOp::LessEqual) return a <= b;
    else if constexpr (Op == CompareOp::Greater) return a > b;
    else return a >= b;
  }
}

// `a op b` for a number b that is not NaN, in one IEEE comparison: NaN rows
// sort above b, so they satisfy exactly !=, > and >= (IEEE's negated
// comparisons give that).
template <CompareOp Op, typename T>
inline bool compare_with_number(T a, T b) {
  if constexpr (Op == CompareOp::Equal) return a == b;
  else if constexpr (Op == CompareOp::NotEqual) return !(a == b);
  else if constexpr (Op == CompareOp::Less) return a < b;
  else if constexpr (Op == CompareOp::LessEqual) return a <= b;
  else if constexpr (Op == CompareOp::Greater) return !(a <= b);
  else return !(a < b);
}

template <CompareOp Op, typename T>
BufferPtr compare_fixed(const Array& left, const Array& right, int64_t length) {
  if constexpr (std::is_floating_point_v<T>) {
    // A column against one number (the common filter) without NaN checks.
    if (is_single(right) && !is_single(left) && !std::isnan(right.values<T>()[0])) {
      const T* values = left.values<T>();
      const T b = right.values<T>()[0];
      return internal::pack_bits(length, [&](int64_t i) { return compare_with_number<Op, T>(values[i], b); });
    }
  }
  return internal::map_binary_bits(left.values<T>(), is_single(left), right.values<T>(), is_single(right), length,
                                   [](T a, T b) { return compare_values<Op, T>(a, b); });
}

// Strings: equality looks at length and prefix first; order is bytewise,
// which for UTF-8 is code point order.
template <CompareOp Op>
BufferPtr compare_strings(const Array& left, const Array& right, int64_t length) {
  const StringView* lv = left.views();
  const StringView* rv = right.views();
  const bool left_single = is_single(left), right_single = is_single(right);
  return internal::pack_bits(length, [&](int64_t i) {
    const int64_t li = left_single ? 0 : i, ri = right_single ? 0 : i;
    if constexpr (Op == CompareOp::Equal || Op == CompareOp::NotEqual) {
      bool equal = lv[li].size_and_prefix() == rv[ri].size_and_prefix();
      if (equal && lv[li].size > 4) equal = left.resolve(lv[li]) == right.resolve(rv[ri]);
      return Op == CompareOp::Equal ? equal : !equal;
    } else {
      const int order = left.resolve(lv[li]).compare(right.resolve(rv[ri]));
      return from_order<Op>(order < 0, order == 0);
    }
  });
}

// Bools 64 at a time; a one-row operand becomes a word of all zeros or ones.
template <CompareOp Op>
BufferPtr compare_bools(const Array& left, const Array& right, int64_t length) {
  const auto word_of = [&](const Array& a, int64_t w) -> uint64_t {
    if (is_single(a)) return a.bool_at(0) ? ~uint64_t{0} : 0;
    return internal::load_word(a.bool_bits(), w);
  };
  return internal::pack_words(length, [&](int64_t w) -> uint64_t {
    const uint64_t a = word_of(left, w), b = word_of(right, w);
    if constexpr (Op == CompareOp::Equal) return ~(a ^ b);
    else if constexpr (Op == CompareOp::NotEqual) return a ^ b;
    else if constexpr (Op == CompareOp::Less) return ~a & b;
    else if constexpr (Op == CompareOp::LessEqual) return ~a | b;
    else if constexpr (Op == CompareOp::Greater) return a & ~b;
    else return a | ~b;
  });
}

template <CompareOp Op>
BufferPtr compare_same_type(const Array& left, const Array& right, int64_t length) {
  return visit_physical(left.type(), [&](auto tag) -> BufferPtr {
    using T = typename decltype(tag)::type;
    if constexpr (is_fixed_width_v<T>) return compare_fixed<Op, T>(left, right, length);
    else if constexpr (std::is_same_v<T, StringTag>) return compare_strings<Op>(left, right, length);
    else if constexpr (std::is_same_v<T, BoolTag>) return compare_bools<Op>(left, right, length);
    else throw InternalError("comparison of type " + left.type().to_string());
  });
}

BufferPtr compare_values_of(CompareOp op, const Array& left, const Array& right, int64_t length) {
  switch (op) {
    case CompareOp::Equal: return compare_same_type<CompareOp::Equal>(left, right, length);
    case CompareOp::NotEqual: return compare_same_type<CompareOp::NotEqual>(left, right, length);
    case CompareOp::Less: return compare_same_type<CompareOp::Less>(left, right, length);
    case CompareOp::LessEqual: return compare_same_type<CompareOp::LessEqual>(left, right, length);
    case CompareOp::Greater: return compare_same_type<CompareOp::Greater>(left, right, length);
    case CompareOp::GreaterEqual: return compare_same_type<CompareOp::GreaterEqual>(left, right, length);
  }
  throw InternalError("unknown comparison");
}

// A categorical column against one string: compare the dictionary once,
// then look each row's answer up by its code.
Array compare_categorical_with_single(CompareOp op, const Array& categorical, const Array& single) {
  const Array dictionary = categorical.dictionary();
  const Array text = cast(single, DataType::string());
  const int64_t length = categorical.length();
  if (single.is_null(0)) return make_null_array(DataType::boolean(), length);
  const Array per_entry = compare(op, dictionary, text);
  const uint32_t* codes = categorical.codes();
  BufferPtr bits = internal::pack_bits(length, [&](int64_t i) { return per_entry.bool_at(codes[i]); });
  return internal::make_result(DataType::boolean(), length, std::move(bits), categorical.data().validity);
}

}  // namespace

DataType comparison_operand_type(const DataType& left, const DataType& right) {
  const auto common = common_supertype(left, right);
  if (!common || common->is_nested()) {
    std::string hint;
    if ((left.is_numeric() && right.is_string_like()) || (left.is_string_like() && right.is_numeric()))
      hint = "; cast one side so both are numbers or both are strings";
    throw TypeError("cannot compare " + left.to_string() + " with " + right.to_string() + hint);
  }
  return *common;
}

Array compare(CompareOp op, const Array& left, const Array& right) {
  const DataType type = comparison_operand_type(left.type(), right.type());
  const int64_t length = internal::broadcast_length(left, right, compare_op_name(op));
  if (type.id() == TypeId::Null) return make_null_array(DataType::boolean(), length);
  const bool left_cat = left.type().id() == TypeId::Categorical, right_cat = right.type().id() == TypeId::Categorical;
  if (left_cat && !is_single(left) && is_single(right)) return compare_categorical_with_single(op, left, right);
  if (right_cat && !is_single(right) && is_single(left))
    return compare_categorical_with_single(flip_compare_op(op), right, left);
  const Array l = cast(left, type);
  const Array r = cast(right, type);
  BufferPtr bits = compare_values_of(op, l, r, length);
  return internal::make_result(DataType::boolean(), length, std::move(bits),
                               internal::combined_validity(l, r, length));
}

}  // namespace strata::compute
