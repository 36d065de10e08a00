// evaluate and evaluate_batch.
#include "strata/expr/evaluate.hpp"

#include <algorithm>

#include "expr/binary_operations.hpp"
#include "expr/function_registry.hpp"
#include "expr/when_operations.hpp"
#include "strata/compute/aggregate.hpp"
#include "strata/compute/cast.hpp"
#include "strata/compute/row_context.hpp"
#include "strata/compute/selection.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/thread_pool.hpp"
#include "strata/expr/expr_node.hpp"

namespace strata {

namespace {

// Evaluates over one batch. Subtrees without columns (literals) give one
// row, which the kernels repeat against full columns.
Array evaluate_node(const Expr& expr, const RecordBatch& batch) {
  const ExprNode& node = expr.node();
  switch (node.kind) {
    case ExprKind::Column: {
      const auto index = batch.schema.index_of(node.name);
      if (!index) throw_column_not_found(node.name, batch.schema.names());
      STRATA_CHECK(*index < static_cast<int64_t>(batch.columns.size()), "batch has fewer columns than its schema");
      return batch.columns[static_cast<size_t>(*index)];
    }
    case ExprKind::Literal: return make_array_from_scalar(node.literal, 1);
    case ExprKind::Alias: return evaluate_node(node.inputs[0], batch);
    case ExprKind::Cast: return compute::cast(evaluate_node(node.inputs[0], batch), node.type, node.cast_mode);
    case ExprKind::Aggregate:
      throw InvalidInputError("cannot evaluate the aggregation " + expr.to_string() +
                              " batch by batch; evaluate it over a whole table (evaluate) or in group_by().agg()");
    default: break;
  }
  std::vector<Array> inputs;
  inputs.reserve(node.inputs.size());
  for (const Expr& input : node.inputs) inputs.push_back(evaluate_node(input, batch));
  switch (node.kind) {
    case ExprKind::Binary: return expr_internal::evaluate_binary(node, inputs[0], inputs[1]);
    case ExprKind::Function: return expr_internal::function_definition(node.name).evaluate(node, inputs);
    case ExprKind::When: return expr_internal::evaluate_when(node, inputs);
    default: throw InternalError("unexpected expression kind in evaluation");
  }
}

// A one-row result repeated to `rows` rows.
Array broadcast(const Array& single, int64_t rows) {
  if (single.length() == rows) return single;
  STRATA_CHECK(single.length() == 1, "only single values are broadcast");
  if (single.type().is_nested()) return compute::take(single, std::vector<int64_t>(static_cast<size_t>(rows), 0));
  return make_array_from_scalar(array_value(single, 0), rows);
}

void check_type(const Array& result, const DataType& expected, const Expr& expr) {
  if (result.type() != expected)
    throw InternalError("evaluating " + expr.to_string() + " produced " + result.type().to_string() +
                        " but its resolved type is " + expected.to_string());
}

// The input of an aggregate node: its one column, or the pair of its two
// (a constant operand repeated to the table's height).
ChunkedArray aggregate_input(const ExprNode& node, const Table& table) {
  if (!compute::is_pair_aggregate(node.agg)) return evaluate(node.inputs[0], table);
  auto operand = [&](const Expr& input) {
    ChunkedArray values = evaluate(input, table);
    if (values.length() == 1 && table.num_rows() != 1)
      values = ChunkedArray(broadcast(values.combine(), table.num_rows()));
    return values;
  };
  return compute::pair_columns(operand(node.inputs[0]), operand(node.inputs[1]));
}

// The aggregate's value as a literal of exactly the aggregate's type.
Expr aggregate_literal(const ExprNode& node, const Table& table) {
  const ChunkedArray input = aggregate_input(node, table);
  const DataType type = compute::aggregate_type(node.agg, input.type(), node.agg_options);
  Scalar value = compute::aggregate(input, node.agg, node.agg_options);
  if (value.is_null()) {
    value = Scalar::null(type);
  } else if (value.type() != type) {
    value = array_value(compute::cast(make_array_from_scalar(value, 1), type), 0);
  }
  return lit(value);
}

// Replaces every outermost aggregation by a literal of its value over the
// whole table, so that what remains is element-wise.
Expr replace_aggregates(const Expr& expr, const Table& table) {
  const ExprNode& node = expr.node();
  if (node.kind == ExprKind::Aggregate) return aggregate_literal(node, table);
  if (!contains_aggregation(expr)) return expr;
  ExprNode copy = node;
  for (Expr& input : copy.inputs) input = replace_aggregates(input, table);
  return Expr(std::make_shared<const ExprNode>(std::move(copy)));
}

void collect_columns(const ExprNode& node, std::vector<std::string>& names) {
  if (node.kind == ExprKind::Column) {
    if (std::find(names.begin(), names.end(), node.name) == names.end()) names.push_back(node.name);
    return;
  }
  for (const Expr& input : node.inputs) collect_columns(input.node(), names);
}

// The table restricted to the columns `expr` reads: splitting into batches
// copies column slices, so columns the expression does not use are left out.
Table referenced_columns(const Expr& expr, const Table& table) {
  std::vector<std::string> names;
  collect_columns(expr.node(), names);
  if (static_cast<int64_t>(names.size()) == table.num_columns()) return table;
  std::vector<Field> fields;
  std::vector<ChunkedArray> columns;
  for (const std::string& name : names) {
    const int64_t index = table.schema().require_index(name);
    fields.push_back(table.schema().field(index));
    columns.push_back(table.column(index));
  }
  return Table(Schema(std::move(fields)), std::move(columns));
}

}  // namespace

bool contains_aggregation(const Expr& expr) {
  const ExprNode& node = expr.node();
  if (node.kind == ExprKind::Aggregate) return true;
  for (const Expr& input : node.inputs)
    if (contains_aggregation(input)) return true;
  return false;
}

Array evaluate_batch(const Expr& expr, const RecordBatch& batch) {
  const DataType type = resolve_type(expr, batch.schema);
  const Array result = broadcast(evaluate_node(expr, batch), batch.num_rows);
  check_type(result, type, expr);
  return result;
}

ChunkedArray evaluate(const Expr& expr, const Table& table) {
  const DataType type = resolve_type(expr, table.schema());
  const Expr prepared = replace_aggregates(expr, table);
  if (is_scalar_result(expr)) {
    const RecordBatch one_row{table.schema(), {}, 1};
    const Array result = broadcast(evaluate_node(prepared, one_row), 1);
    check_type(result, type, expr);
    return ChunkedArray(type, {result});
  }
  const std::vector<RecordBatch> batches = referenced_columns(prepared, table).to_batches();
  std::vector<int64_t> first_rows(batches.size(), 0);
  for (size_t i = 1; i < batches.size(); ++i) first_rows[i] = first_rows[i - 1] + batches[i - 1].num_rows;
  std::vector<Array> chunks(batches.size());
  ThreadPool::global().parallel_for(static_cast<int64_t>(batches.size()), [&](int64_t i) {
    const auto index = static_cast<size_t>(i);
    const compute::RowOffsetScope rows(first_rows[index]);
    chunks[index] = broadcast(evaluate_node(prepared, batches[index]), batches[index].num_rows);
  });
  for (const Array& chunk : chunks) check_type(chunk, type, expr);
  return ChunkedArray(type, std::move(chunks));
}

}  // namespace strata
