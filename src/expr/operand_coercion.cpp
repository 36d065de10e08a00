#include "expr/operand_coercion.hpp"

#include "strata/compute/cast.hpp"
#include "strata/compute/comparison.hpp"
#include "strata/compute/type_promotion.hpp"
#include "strata/core/builder.hpp"

namespace strata::expr_internal {

namespace {

// Whether the literal's value survives conversion to `type` unchanged.
bool fits_exactly(const Scalar& value, const DataType& type) {
  if (!compute::can_cast(value.type(), type)) return false;
  const Array original = make_array_from_scalar(value, 1);
  const Array converted = compute::cast(original, type, CastMode::NullOnFailure);
  if (converted.is_null(0)) return false;
  const Array back = compute::cast(converted, value.type(), CastMode::NullOnFailure);
  const Array same = compute::compare(compute::CompareOp::Equal, back, original);
  return same.is_valid(0) && same.bool_at(0);
}

}  // namespace

bool is_weak_literal(const ExprNode& node) {
  return node.kind == ExprKind::Literal && node.weak_literal && !node.literal.is_null();
}

DataType coerced_type(const ExprNode& node, const DataType& own_type, const DataType& other) {
  if (!is_weak_literal(node) || own_type == other) return own_type;
  const bool integer_literal = own_type.is_integer();
  const bool accepts = other.is_floating() || (integer_literal && (other.is_integer() || other.id() == TypeId::Decimal));
  if (accepts && fits_exactly(node.literal, other)) return other;
  return own_type;
}

std::pair<DataType, DataType> coerce_pair(const ExprNode& left, const DataType& left_type, const ExprNode& right,
                                          const DataType& right_type) {
  const bool left_weak = is_weak_literal(left), right_weak = is_weak_literal(right);
  if (left_weak == right_weak) return {left_type, right_type};
  if (left_weak) return {coerced_type(left, left_type, right_type), right_type};
  return {left_type, coerced_type(right, right_type, left_type)};
}

std::pair<Array, Array> coerce_pair(const ExprNode& left, const Array& left_values, const ExprNode& right,
                                    const Array& right_values) {
  const auto [left_type, right_type] = coerce_pair(left, left_values.type(), right, right_values.type());
  return {compute::cast(left_values, left_type), compute::cast(right_values, right_type)};
}

std::vector<DataType> coerce_group(const std::vector<const ExprNode*>& nodes, const std::vector<DataType>& types) {
  std::optional<DataType> anchor;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (is_weak_literal(*nodes[i])) continue;
    if (!anchor) anchor = types[i];
    else if (auto common = compute::common_supertype(*anchor, types[i])) anchor = common;
  }
  std::vector<DataType> out = types;
  if (!anchor) return out;
  for (size_t i = 0; i < nodes.size(); ++i) out[i] = coerced_type(*nodes[i], types[i], *anchor);
  return out;
}

}  // namespace strata::expr_internal
