#include "expr/function_registry.hpp"

#include <unordered_map>

#include "expr/operand_coercion.hpp"
#include "strata/compute/arithmetic.hpp"
#include "strata/compute/boolean.hpp"
#include "strata/compute/cast.hpp"
#include "strata/compute/comparison.hpp"
#include "strata/compute/conditional.hpp"
#include "strata/compute/math.hpp"
#include "strata/compute/membership.hpp"
#include "strata/compute/string_functions.hpp"
#include "strata/compute/temporal_functions.hpp"
#include "strata/compute/type_promotion.hpp"
#include "strata/core/error.hpp"

namespace strata::expr_internal {

namespace {

using compute::MathFunction;
using compute::StringFunction;
using compute::TemporalField;
using compute::TruncateUnit;

const ExprNode& input_node(const ExprNode& node, size_t i) { return node.inputs[i].node(); }

// ---- null handling and predicates ------------------------------------------------

DataType bool_result(const ExprNode&, const std::vector<DataType>&) { return DataType::boolean(); }

DataType not_type(const ExprNode&, const std::vector<DataType>& inputs) {
  if (inputs[0].id() != TypeId::Bool && inputs[0].id() != TypeId::Null)
    throw TypeError("cannot apply not to a value of type " + inputs[0].to_string() + "; expected bool");
  return DataType::boolean();
}

DataType fill_null_type(const ExprNode& node, const std::vector<DataType>& inputs) {
  const auto [values, fill] = coerce_pair(input_node(node, 0), inputs[0], input_node(node, 1), inputs[1]);
  const auto common = compute::common_supertype(values, fill);
  if (!common)
    throw TypeError("cannot apply fill_null to a value of type " + inputs[0].to_string() + " with a fill value of type " +
                    inputs[1].to_string() + "; cast the fill value first");
  return *common;
}

Array fill_null_values(const ExprNode& node, const std::vector<Array>& inputs) {
  const auto [values, fill] = coerce_pair(input_node(node, 0), inputs[0], input_node(node, 1), inputs[1]);
  return compute::fill_null(values, fill);
}

DataType is_in_type(const ExprNode& node, const std::vector<DataType>& inputs) {
  const DataType& type = inputs[0];
  const DataType compared = type.id() == TypeId::Categorical ? DataType::string() : type;
  for (const Scalar& value : node.scalars) {
    if (!value.is_null() && !compute::common_supertype(compared, value.type()))
      throw TypeError("cannot apply is_in to a value of type " + type.to_string() + " with the value " +
                      value.to_string() + " of type " + value.type().to_string());
  }
  return DataType::boolean();
}

DataType between_type(const ExprNode& node, const std::vector<DataType>& inputs) {
  const auto [x_low, low] = coerce_pair(input_node(node, 0), inputs[0], input_node(node, 1), inputs[1]);
  const auto [x_high, high] = coerce_pair(input_node(node, 0), inputs[0], input_node(node, 2), inputs[2]);
  compute::comparison_operand_type(x_low, low);
  compute::comparison_operand_type(x_high, high);
  return DataType::boolean();
}

Array between_values(const ExprNode& node, const std::vector<Array>& inputs) {
  const auto [x_low, low] = coerce_pair(input_node(node, 0), inputs[0], input_node(node, 1), inputs[1]);
  const auto [x_high, high] = coerce_pair(input_node(node, 0), inputs[0], input_node(node, 2), inputs[2]);
  return compute::and_kleene(compute::compare(compute::CompareOp::GreaterEqual, x_low, low),
                             compute::compare(compute::CompareOp::LessEqual, x_high, high));
}

// ---- math ------------------------------------------------------------------------

template <MathFunction Function>
FunctionDefinition math_definition() {
  return {[](const ExprNode&, const std::vector<DataType>& inputs) { return compute::math_result_type(Function, inputs[0]); },
          [](const ExprNode&, const std::vector<Array>& inputs) { return compute::apply_math(Function, inputs[0]); }};
}

DataType pow_type(const ExprNode& node, const std::vector<DataType>& inputs) {
  const auto [base, exponent] = coerce_pair(input_node(node, 0), inputs[0], input_node(node, 1), inputs[1]);
  return compute::pow_result_type(base, exponent);
}

Array pow_values(const ExprNode& node, const std::vector<Array>& inputs) {
  const auto [base, exponent] = coerce_pair(input_node(node, 0), inputs[0], input_node(node, 1), inputs[1]);
  return compute::power(base, exponent);
}

// ---- str and dt ---------------------------------------------------------------------

template <StringFunction Function>
DataType string_type(const ExprNode&, const std::vector<DataType>& inputs) {
  return compute::string_function_result_type(Function, inputs[0]);
}

template <TemporalField Field>
FunctionDefinition field_definition() {
  return {[](const ExprNode&, const std::vector<DataType>& inputs) { return compute::temporal_field_type(Field, inputs[0]); },
          [](const ExprNode&, const std::vector<Array>& inputs) { return compute::extract_temporal_field(inputs[0], Field); }};
}

template <TruncateUnit Unit>
FunctionDefinition truncate_definition() {
  return {[](const ExprNode&, const std::vector<DataType>& inputs) { return compute::truncate_type(inputs[0]); },
          [](const ExprNode&, const std::vector<Array>& inputs) { return compute::truncate_temporal(inputs[0], Unit); }};
}

std::unordered_map<std::string, FunctionDefinition> build_registry() {
  using Inputs = const std::vector<Array>&;
  std::unordered_map<std::string, FunctionDefinition> r;
  r["neg"] = {[](const ExprNode&, const std::vector<DataType>& inputs) { return compute::negate_result_type(inputs[0]); },
              [](const ExprNode&, Inputs inputs) { return compute::negate(inputs[0]); }};
  r["not"] = {not_type, [](const ExprNode&, Inputs inputs) { return compute::invert(inputs[0]); }};
  r["is_null"] = {bool_result, [](const ExprNode&, Inputs inputs) { return compute::is_null(inputs[0]); }};
  r["is_not_null"] = {bool_result, [](const ExprNode&, Inputs inputs) { return compute::is_not_null(inputs[0]); }};
  r["fill_null"] = {fill_null_type, fill_null_values};
  r["is_in"] = {is_in_type, [](const ExprNode& node, Inputs inputs) { return compute::is_in(inputs[0], node.scalars); }};
  r["between"] = {between_type, between_values};

  r["abs"] = math_definition<MathFunction::Abs>();
  r["floor"] = math_definition<MathFunction::Floor>();
  r["ceil"] = math_definition<MathFunction::Ceil>();
  r["sqrt"] = math_definition<MathFunction::Sqrt>();
  r["log"] = math_definition<MathFunction::Log>();
  r["exp"] = math_definition<MathFunction::Exp>();
  r["round"] = {[](const ExprNode&, const std::vector<DataType>& inputs) { return compute::round_result_type(inputs[0]); },
                [](const ExprNode& node, Inputs inputs) {
                  return compute::round(inputs[0], static_cast<int>(node.integers.at(0)));
                }};
  r["pow"] = {pow_type, pow_values};

  r["str.len_chars"] = {string_type<StringFunction::LenChars>,
                        [](const ExprNode&, Inputs inputs) { return compute::str_len_chars(inputs[0]); }};
  r["str.len_bytes"] = {string_type<StringFunction::LenBytes>,
                        [](const ExprNode&, Inputs inputs) { return compute::str_len_bytes(inputs[0]); }};
  r["str.contains"] = {string_type<StringFunction::Contains>, [](const ExprNode& node, Inputs inputs) {
                         return compute::str_contains(inputs[0], node.strings.at(0), node.flag);
                       }};
  r["str.starts_with"] = {string_type<StringFunction::StartsWith>, [](const ExprNode& node, Inputs inputs) {
                            return compute::str_starts_with(inputs[0], node.strings.at(0));
                          }};
  r["str.ends_with"] = {string_type<StringFunction::EndsWith>, [](const ExprNode& node, Inputs inputs) {
                          return compute::str_ends_with(inputs[0], node.strings.at(0));
                        }};
  r["str.to_lowercase"] = {string_type<StringFunction::ToLowercase>,
                           [](const ExprNode&, Inputs inputs) { return compute::str_to_lowercase(inputs[0]); }};
  r["str.to_uppercase"] = {string_type<StringFunction::ToUppercase>,
                           [](const ExprNode&, Inputs inputs) { return compute::str_to_uppercase(inputs[0]); }};
  r["str.strip"] = {string_type<StringFunction::Strip>, [](const ExprNode& node, Inputs inputs) {
                      return compute::str_strip(inputs[0], node.strings.at(0));
                    }};
  r["str.replace"] = {string_type<StringFunction::Replace>, [](const ExprNode& node, Inputs inputs) {
                        return compute::str_replace(inputs[0], node.strings.at(0), node.strings.at(1), node.flag);
                      }};
  r["str.slice"] = {string_type<StringFunction::Slice>, [](const ExprNode& node, Inputs inputs) {
                      std::optional<int64_t> length;
                      if (node.integers.size() > 1) length = node.integers[1];
                      return compute::str_slice(inputs[0], node.integers.at(0), length);
                    }};
  r["str.split"] = {string_type<StringFunction::Split>, [](const ExprNode& node, Inputs inputs) {
                      return compute::str_split(inputs[0], node.strings.at(0));
                    }};

  r["dt.year"] = field_definition<TemporalField::Year>();
  r["dt.month"] = field_definition<TemporalField::Month>();
  r["dt.day"] = field_definition<TemporalField::Day>();
  r["dt.hour"] = field_definition<TemporalField::Hour>();
  r["dt.minute"] = field_definition<TemporalField::Minute>();
  r["dt.second"] = field_definition<TemporalField::Second>();
  r["dt.weekday"] = field_definition<TemporalField::Weekday>();
  r["dt.truncate_day"] = truncate_definition<TruncateUnit::Day>();
  r["dt.truncate_month"] = truncate_definition<TruncateUnit::Month>();
  return r;
}

}  // namespace

const FunctionDefinition& function_definition(const std::string& name) {
  static const std::unordered_map<std::string, FunctionDefinition> registry = build_registry();
  const auto it = registry.find(name);
  if (it == registry.end()) throw InternalError("unknown expression function '" + name + "'");
  return it->second;
}

}  // namespace strata::expr_internal
