#include "io/parquet/row_group_pruning.hpp"

namespace strata::parquet {

bool may_match(const ParquetPredicate& predicate, const DecodedStatistics& statistics, int64_t num_rows) {
  using Op = ParquetPredicate::Op;
  const bool all_null = statistics.null_count && *statistics.null_count == num_rows;
  switch (predicate.op) {
    case Op::IsNull: return !(statistics.null_count && *statistics.null_count == 0);
    case Op::IsNotNull: return !all_null;
    default: break;
  }
  if (predicate.value.is_null()) return true;  // comparisons with null: left to the full filter
  if (all_null && num_rows > 0) return false;  // a comparison is never true for a null
  if (!statistics.min || !statistics.max) return true;
  const std::optional<int> vs_min = compare_scalars(predicate.value, *statistics.min);
  const std::optional<int> vs_max = compare_scalars(predicate.value, *statistics.max);
  if (!vs_min || !vs_max) return true;
  switch (predicate.op) {
    case Op::Equal: return *vs_min >= 0 && *vs_max <= 0;
    case Op::NotEqual: return !(*vs_min == 0 && *vs_max == 0);
    case Op::Less: return *vs_min > 0;           // some value < literal iff min < literal
    case Op::LessEqual: return *vs_min >= 0;     // min <= literal
    case Op::Greater: return *vs_max < 0;        // max > literal
    case Op::GreaterEqual: return *vs_max <= 0;  // max >= literal
    default: return true;
  }
}

}  // namespace strata::parquet
