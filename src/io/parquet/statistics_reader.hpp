#pragma once
// Column chunk statistics, reading side: min/max/null counts decoded into
// Scalars of the column's Strata type.
//
// Trust rules. min_value/max_value are in the column's logical sort order
// and are used for every type with a defined order. The legacy min/max
// fields were written with signed comparisons, so they are used only for
// BOOLEAN, INT32, INT64, FLOAT and DOUBLE columns without an unsigned
// annotation. NaN bounds (old writers) are dropped. INT96 has no defined
// order and gets no min/max.
#include <cstdint>
#include <optional>

#include "io/parquet/parquet_format.hpp"
#include "strata/core/scalar.hpp"
#include "strata/core/types.hpp"

namespace strata::parquet {

struct DecodedStatistics {
  std::optional<Scalar> min;
  std::optional<Scalar> max;
  std::optional<int64_t> null_count;
  std::optional<int64_t> distinct_count;
};

/// Decodes `stats` of a leaf described by `element` whose values read as
/// `type`. Malformed statistics are dropped, never an error.
DecodedStatistics decode_statistics(const Statistics& stats, const SchemaElement& element, const DataType& type);

/// Three-way comparison of two scalars of comparable types (numbers with
/// numbers, strings with strings, equal temporal types, decimals of equal
/// scale); nullopt when they cannot be compared (or one is NaN/null).
std::optional<int> compare_scalars(const Scalar& a, const Scalar& b);

}  // namespace strata::parquet
