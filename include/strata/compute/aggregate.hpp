#pragma once
// Aggregations, whole-column and grouped. Grouped aggregation consumes
// (values, group id) batches into per-group states that can be merged, so
// the eager group-by, the streaming engine and parallel partial aggregation
// all use this one implementation.
//
// Semantics (see docs/semantics.md): nulls are skipped by every aggregate
// except Count (counts non-null values), NullCount, Len (counts rows),
// First/Last (return the first/last value, null or not); an aggregate over
// no non-null values is null (Sum of nothing is 0, as in Polars). Sum of
// integers is Int64 (UInt64 for unsigned), wrapping is an error (overflow
// reported as ComputeError); Mean/Std/Var/Median/Quantile are Float64;
// Std/Var use ddof (default 1); Quantile interpolates linearly; NUnique
// counts null as one distinct value (as Polars does).
//
// Corr and Cov are aggregates of two columns, x and y. They take them as one
// Struct column whose two fields are x and y (make it with pair_columns),
// so that they run through the same one-column machinery as every other
// aggregate. They skip a row when x or y is null there; Cov uses ddof
// (default 1, the sample covariance) and is null for ddof or fewer rows;
// Corr (Pearson) is null for fewer than two rows and when x or y is
// constant (as DuckDB; Polars gives NaN there).
#include <cstdint>
#include <memory>
#include <vector>

#include "strata/core/array.hpp"
#include "strata/core/chunked_array.hpp"
#include "strata/core/scalar.hpp"

namespace strata::compute {

enum class AggKind {
  Sum, Mean, Min, Max, Count, NullCount, Len, NUnique, First, Last, Std, Var, Median, Quantile,
  Corr, Cov,  // of two columns: the input is pair_columns(x, y)
};

const char* agg_name(AggKind kind);

struct AggOptions {
  double quantile = 0.5;  // Quantile only, in [0, 1]
  int ddof = 1;           // Std/Var/Cov only
};

/// The result type of an aggregate over `input`; throws TypeError when the
/// aggregate does not apply (e.g. Sum of strings):
///   Sum        signed integers, bool (count of true), Null -> Int64;
///              unsigned -> UInt64; floats -> Float64; decimal(p, s) ->
///              decimal(38, s); durations keep their type
///   Mean, Std, Var, Median, Quantile   numbers, decimals, bool -> Float64
///   Min, Max   the input type for numbers, decimals, bool, strings, binary
///              and temporal types; Categorical compares and returns by
///              string value -> String; float NaN counts as the largest value
///   Count, NullCount, Len, NUnique   Int64 (NUnique rejects list/struct)
///   First, Last   the input type (any type, nested included)
///   Corr, Cov  a pair (pair_type) of numbers, decimals or bools -> Float64
DataType aggregate_type(AggKind kind, const DataType& input, const AggOptions& options = {});

/// Whether `kind` aggregates two columns (its input being a pair).
bool is_pair_aggregate(AggKind kind);

/// The type of pair_columns(x, y): a Struct with fields "x" and "y".
DataType pair_type(const DataType& x, const DataType& y);

/// The input of a two-column aggregate: one Struct column whose fields share
/// the buffers of x and y (chunks are cut where either column's chunks end).
/// Throws InvalidInputError when the lengths differ.
ChunkedArray pair_columns(const ChunkedArray& x, const ChunkedArray& y);

/// Aggregate a whole column to one value.
Scalar aggregate(const ChunkedArray& values, AggKind kind, const AggOptions& options = {});

/// Per-group state for one aggregate over one input column.
/// consume() may be called on different instances from different threads;
/// merge() then combines them. Not thread-safe per instance.
class GroupedAggregator {
 public:
  virtual ~GroupedAggregator() = default;
  /// Grows the number of groups (new groups start empty).
  virtual void resize(int64_t num_groups) = 0;
  /// Adds values[i] to group group_ids[i] for every row of the batch.
  virtual void consume(const Array& values, const uint32_t* group_ids) = 0;
  /// Adds `other`'s group g into this aggregator's group mapping[g]. other
  /// must come from make_grouped_aggregator with the same kind and input
  /// type; its rows count as coming after this one's (First/Last).
  virtual void merge(GroupedAggregator& other, const uint32_t* mapping) = 0;
  /// One value per group.
  virtual Array finish() = 0;
};

std::unique_ptr<GroupedAggregator> make_grouped_aggregator(AggKind kind, const DataType& input,
                                                           const AggOptions& options = {});

/// Convenience: aggregate `values` by precomputed group ids (one per row).
Array grouped_aggregate(const ChunkedArray& values, const std::vector<uint32_t>& group_ids,
                        int64_t num_groups, AggKind kind, const AggOptions& options = {});

}  // namespace strata::compute
