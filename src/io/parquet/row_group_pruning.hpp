#pragma once
// Row-group pruning: deciding from column chunk statistics that no row of a
// row group can satisfy a conjunction of simple predicates. Conservative:
// whenever statistics are missing or not comparable, the row group is kept.
#include <cstdint>
#include <vector>

#include "io/parquet/statistics_reader.hpp"
#include "strata/io/parquet.hpp"

namespace strata::parquet {

/// Whether a row group of `num_rows` rows may hold a row satisfying
/// `predicate`, given the statistics of the predicate's column.
bool may_match(const ParquetPredicate& predicate, const DecodedStatistics& statistics, int64_t num_rows);

}  // namespace strata::parquet
