// Date/time arithmetic, reduced to checked Int64 arithmetic on values
// brought to a common unit.
#include "compute/internal/cast_kernels.hpp"
#include "strata/compute/cast.hpp"
#include "strata/compute/temporal_functions.hpp"
#include "strata/compute/type_promotion.hpp"

namespace strata::compute {

namespace {

[[noreturn]] void throw_temporal_type_error(ArithmeticOp op, const DataType& left, const DataType& right) {
  throw TypeError(std::string("cannot apply ") + arithmetic_op_name(op) + " (" + arithmetic_op_symbol(op) +
                  ") to " + left.to_string() + " and " + right.to_string() +
                  "; supported: date/datetime ± duration, date - date, datetime - datetime, duration ± "
                  "duration, duration * integer");
}

bool is_point_in_time(const DataType& t) { return t.id() == TypeId::Date || t.id() == TypeId::Timestamp; }

// The Timestamp type both points in time are compared or subtracted in.
DataType common_timestamp(const DataType& left, const DataType& right) {
  if (left.id() == TypeId::Date && right.id() == TypeId::Date) return DataType::timestamp(TimeUnit::Milli);
  if (left.id() == TypeId::Date) return right;
  if (right.id() == TypeId::Date) return left;
  return DataType::timestamp(finer_unit(left.unit(), right.unit()), left.timezone());
}

Array as_int64(const Array& input, const DataType& type) {
  return internal::retype(cast(input, type), DataType::int64());
}

}  // namespace

DataType temporal_arithmetic_type(ArithmeticOp op, const DataType& left, const DataType& right) {
  const bool add = op == ArithmeticOp::Add, subtract = op == ArithmeticOp::Subtract;
  const TypeId l = left.id(), r = right.id();
  if ((add || subtract) && is_point_in_time(left) && r == TypeId::Duration) {
    const TimeUnit unit = l == TypeId::Date ? right.unit() : finer_unit(left.unit(), right.unit());
    return DataType::timestamp(unit, left.timezone());
  }
  if (add && l == TypeId::Duration && is_point_in_time(right)) return temporal_arithmetic_type(op, right, left);
  if (subtract && is_point_in_time(left) && is_point_in_time(right)) {
    if (l == TypeId::Timestamp && r == TypeId::Timestamp && left.timezone() != right.timezone())
      throw TypeError("cannot subtract datetimes with different time zones (" + left.to_string() + " and " +
                      right.to_string() + "); cast one of them to the other's time zone first");
    return DataType::duration(common_timestamp(left, right).unit());
  }
  if ((add || subtract) && l == TypeId::Duration && r == TypeId::Duration)
    return DataType::duration(finer_unit(left.unit(), right.unit()));
  if (op == ArithmeticOp::Multiply && l == TypeId::Duration && (right.is_integer() || r == TypeId::Null))
    return left;
  if (op == ArithmeticOp::Multiply && r == TypeId::Duration && (left.is_integer() || l == TypeId::Null))
    return right;
  if ((l == TypeId::Null || r == TypeId::Null) && (add || subtract)) return l == TypeId::Null ? right : left;
  throw_temporal_type_error(op, left, right);
}

Array temporal_arithmetic(ArithmeticOp op, const Array& left, const Array& right) {
  const DataType type = temporal_arithmetic_type(op, left.type(), right.type());
  const TypeId l = left.type().id(), r = right.type().id();
  if (l == TypeId::Null || r == TypeId::Null)
    return make_null_array(type, internal::broadcast_length(left, right, arithmetic_op_name(op)));
  Array result;
  if (op == ArithmeticOp::Multiply) {
    const DataType int64 = DataType::int64();
    result = arithmetic(op, l == TypeId::Duration ? internal::retype(left, int64) : cast(left, int64),
                        r == TypeId::Duration ? internal::retype(right, int64) : cast(right, int64));
  } else if (type.id() == TypeId::Timestamp) {
    // point ± duration, or duration + point: both brought to the result unit.
    const DataType duration = DataType::duration(type.unit());
    const auto operand = [&](const Array& a) {
      return a.type().id() == TypeId::Duration ? as_int64(a, duration) : as_int64(a, type);
    };
    result = arithmetic(op, operand(left), operand(right));
  } else if (is_point_in_time(left.type())) {
    const DataType common = common_timestamp(left.type(), right.type());
    result = arithmetic(op, as_int64(left, common), as_int64(right, common));
  } else {
    result = arithmetic(op, as_int64(left, type), as_int64(right, type));
  }
  return internal::retype(result, type);
}

}  // namespace strata::compute
