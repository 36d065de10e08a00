#pragma once
// Type resolution and evaluation of expressions over tables and batches.
#include "strata/core/table.hpp"
#include "strata/expr/expr.hpp"

namespace strata {

/// The type `expr` produces over `schema`. Throws SchemaError for unknown
/// columns (with a "did you mean" hint) and TypeError for operations that do
/// not apply, naming the expression.
DataType resolve_type(const Expr& expr, const Schema& schema);

/// `expr` with each weakly typed literal (lit(1), lit(2.5)) that operand
/// coercion converts next to its operand over `schema` replaced by a
/// literal of the converted type: the same types and values, with the
/// coercion decided once instead of on every batch evaluated.
Expr resolve_literal_types(const Expr& expr, const Schema& schema);

/// True when `expr` reduces its input to one value (it contains an
/// aggregation outside any further aggregation, or is a literal only).
bool is_scalar_result(const Expr& expr);

/// True when `expr` contains an aggregation anywhere (such expressions need
/// a whole table, see evaluate(), or a group-by).
bool contains_aggregation(const Expr& expr);

/// Evaluates `expr` over every row of `table`. Element-wise expressions give
/// table.num_rows() values; scalar results (aggregations, bare literals)
/// give a single value. Batches are evaluated in parallel.
ChunkedArray evaluate(const Expr& expr, const Table& table);

/// Evaluates an element-wise expression over one batch (no aggregations).
Array evaluate_batch(const Expr& expr, const RecordBatch& batch);

}  // namespace strata
