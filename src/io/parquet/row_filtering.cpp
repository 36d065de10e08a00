#include "io/parquet/row_filtering.hpp"

#include "strata/compute/boolean.hpp"
#include "strata/compute/comparison.hpp"
#include "strata/core/builder.hpp"

namespace strata::parquet {

namespace {

compute::CompareOp compare_op(ParquetPredicate::Op op) {
  using Op = ParquetPredicate::Op;
  switch (op) {
    case Op::NotEqual: return compute::CompareOp::NotEqual;
    case Op::Less: return compute::CompareOp::Less;
    case Op::LessEqual: return compute::CompareOp::LessEqual;
    case Op::Greater: return compute::CompareOp::Greater;
    case Op::GreaterEqual: return compute::CompareOp::GreaterEqual;
    default: return compute::CompareOp::Equal;
  }
}

}  // namespace

Array predicate_mask(const ParquetPredicate& predicate, const Array& column) {
  switch (predicate.op) {
    case ParquetPredicate::Op::IsNull: return compute::is_null(column);
    case ParquetPredicate::Op::IsNotNull: return compute::is_not_null(column);
    default: return compute::compare(compare_op(predicate.op), column, make_array_from_scalar(predicate.value, 1));
  }
}

}  // namespace strata::parquet
