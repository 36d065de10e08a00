#include "expr/binary_operations.hpp"

#include "expr/operand_coercion.hpp"
#include "strata/compute/arithmetic.hpp"
#include "strata/compute/boolean.hpp"
#include "strata/compute/cast.hpp"
#include "strata/compute/comparison.hpp"
#include "strata/core/error.hpp"

namespace strata::expr_internal {

namespace {

enum class BinaryFamily { Arithmetic, Comparison, Logical };

struct BinaryOperation {
  BinaryFamily family;
  compute::ArithmeticOp arithmetic = compute::ArithmeticOp::Add;
  compute::CompareOp comparison = compute::CompareOp::Equal;
  bool is_and = false;
};

BinaryOperation operation_of(const std::string& name) {
  using compute::ArithmeticOp;
  using compute::CompareOp;
  if (name == "add") return {BinaryFamily::Arithmetic, ArithmeticOp::Add};
  if (name == "sub") return {BinaryFamily::Arithmetic, ArithmeticOp::Subtract};
  if (name == "mul") return {BinaryFamily::Arithmetic, ArithmeticOp::Multiply};
  if (name == "div") return {BinaryFamily::Arithmetic, ArithmeticOp::Divide};
  if (name == "mod") return {BinaryFamily::Arithmetic, ArithmeticOp::Modulo};
  if (name == "floordiv") return {BinaryFamily::Arithmetic, ArithmeticOp::FloorDivide};
  if (name == "eq") return {BinaryFamily::Comparison, {}, CompareOp::Equal};
  if (name == "ne") return {BinaryFamily::Comparison, {}, CompareOp::NotEqual};
  if (name == "lt") return {BinaryFamily::Comparison, {}, CompareOp::Less};
  if (name == "le") return {BinaryFamily::Comparison, {}, CompareOp::LessEqual};
  if (name == "gt") return {BinaryFamily::Comparison, {}, CompareOp::Greater};
  if (name == "ge") return {BinaryFamily::Comparison, {}, CompareOp::GreaterEqual};
  if (name == "and") return {BinaryFamily::Logical, {}, {}, true};
  if (name == "or") return {BinaryFamily::Logical, {}, {}, false};
  throw InternalError("unknown binary operation '" + name + "'");
}

// date ± a literal duration of whole days stays a date (docs/semantics.md).
bool keeps_date(const ExprNode& node, const BinaryOperation& operation, const DataType& left,
                const DataType& right) {
  if (operation.family != BinaryFamily::Arithmetic) return false;
  const auto op = operation.arithmetic;
  if (op != compute::ArithmeticOp::Add && op != compute::ArithmeticOp::Subtract) return false;
  const auto whole_days = [](const ExprNode& operand) {
    if (operand.kind != ExprKind::Literal || operand.literal.is_null() ||
        operand.literal.type().id() != TypeId::Duration)
      return false;
    const int64_t per_day = 86400 * units_per_second(operand.literal.type().unit());
    return operand.literal.as_int64() % per_day == 0;
  };
  if (left.id() == TypeId::Date && right.id() == TypeId::Duration) return whole_days(node.inputs[1].node());
  if (op == compute::ArithmeticOp::Add && left.id() == TypeId::Duration && right.id() == TypeId::Date)
    return whole_days(node.inputs[0].node());
  return false;
}

void require_logical(const DataType& type, const std::string& name) {
  if (type.id() != TypeId::Bool && type.id() != TypeId::Null)
    throw TypeError("cannot apply " + name + " to a value of type " + type.to_string() + "; expected bool");
}

}  // namespace

DataType binary_result_type(const ExprNode& node, const DataType& left_input, const DataType& right_input) {
  const BinaryOperation operation = operation_of(node.name);
  const auto [left, right] = coerce_pair(node.inputs[0].node(), left_input, node.inputs[1].node(), right_input);
  switch (operation.family) {
    case BinaryFamily::Arithmetic:
      if (keeps_date(node, operation, left, right)) return DataType::date();
      return compute::arithmetic_result_type(operation.arithmetic, left, right);
    case BinaryFamily::Comparison:
      compute::comparison_operand_type(left, right);  // throws when incomparable
      return DataType::boolean();
    case BinaryFamily::Logical:
      require_logical(left, node.name);
      require_logical(right, node.name);
      return DataType::boolean();
  }
  throw InternalError("unhandled binary family");
}

Array evaluate_binary(const ExprNode& node, const Array& left_input, const Array& right_input) {
  const BinaryOperation operation = operation_of(node.name);
  const auto [left, right] = coerce_pair(node.inputs[0].node(), left_input, node.inputs[1].node(), right_input);
  switch (operation.family) {
    case BinaryFamily::Arithmetic: {
      Array result = compute::arithmetic(operation.arithmetic, left, right);
      if (keeps_date(node, operation, left.type(), right.type())) result = compute::cast(result, DataType::date());
      return result;
    }
    case BinaryFamily::Comparison: return compute::compare(operation.comparison, left, right);
    case BinaryFamily::Logical:
      return operation.is_and ? compute::and_kleene(left, right) : compute::or_kleene(left, right);
  }
  throw InternalError("unhandled binary family");
}

}  // namespace strata::expr_internal
