// GroupBy: the eager group-by. Each aggregation expression is split into its
// aggregate nodes, which all run in one fused grouping pass over their
// evaluated inputs (compute::group_aggregate), and the rest of the
// expression, which is evaluated over a small table holding one row per
// group (the keys and the aggregate results). So
//   (col("a").sum() / col("b").count()).alias("ratio")
// computes two grouped aggregates and divides the two per-group columns.
#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <unordered_set>

#include "frame/group_keys.hpp"
#include "strata/compute/aggregate.hpp"
#include "strata/compute/grouping.hpp"
#include "strata/compute/sort.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/expr/evaluate.hpp"
#include "strata/expr/expr_node.hpp"
#include "strata/frame/dataframe.hpp"
#include "strata/frame/group_by_accumulator.hpp"

namespace strata {

namespace frame_internal {

ChunkedArray evaluate_over(const Expr& expr, const DataFrame& frame, const Table& table) {
  if (expr.node().kind == ExprKind::Column) return frame.column(expr.node().name).data();
  ChunkedArray values = evaluate(expr, table);
  if (values.length() == 1 && frame.height() != 1)  // a constant: one value per row
    values = ChunkedArray(make_array_from_scalar(array_value(values.combine(), 0), frame.height()));
  return values;
}

std::vector<ChunkedArray> key_columns(const DataFrame& frame, const Table& table, const std::vector<Expr>& keys,
                                      std::unordered_set<std::string>& names) {
  std::vector<ChunkedArray> columns;
  for (const Expr& key : keys) {
    columns.push_back(evaluate_over(key, frame, table));
    names.insert(key.output_name());
  }
  return columns;
}

}  // namespace frame_internal

namespace {

using frame_internal::evaluate_over;
using frame_internal::key_columns;

// Names of the aggregate results in the per-group table; the prefix keeps
// them apart from user column names.
std::string aggregate_column_name(size_t index) { return "__strata_aggregate_" + std::to_string(index); }

// Rejects columns used outside any aggregation unless they are group keys.
void check_bare_columns(const Expr& expr, const Expr& whole, const std::unordered_set<std::string>& keys) {
  const ExprNode& node = expr.node();
  if (node.kind == ExprKind::Aggregate) return;
  if (node.kind == ExprKind::Column && !keys.count(node.name))
    throw TypeError("column \"" + node.name + "\" is used in agg(" + whole.to_string() +
                    ") without an aggregation; aggregate it, e.g. col(\"" + node.name + "\").first() or .sum()");
  for (const Expr& input : node.inputs) check_bare_columns(input, whole, keys);
}

// The aggregations of one group-by: every aggregate node is replaced by a
// reference to its result column, and its input is collected so that all
// of them are computed in one fused grouping pass (compute::group_aggregate).
// Rewriting evaluates the inputs over a frame (which checks their types);
// evaluate() computes them again over another frame of the same schema, a
// part of a larger input.
class AggregateCollector {
 public:
  AggregateCollector(const DataFrame& frame, const Table& table) : frame_(frame), table_(table) {}

  /// `expr` with every aggregate node replaced by a column reference.
  Expr rewrite(const Expr& expr, const Expr& whole) {
    const ExprNode& node = expr.node();
    if (node.kind == ExprKind::Aggregate) return col(collect(expr, whole));
    if (node.inputs.empty()) return expr;
    ExprNode copy = node;
    for (Expr& input : copy.inputs) input = rewrite(input, whole);
    return Expr(std::make_shared<const ExprNode>(std::move(copy)));
  }

  /// The aggregate inputs evaluated over the frame rewrite() saw.
  const std::vector<compute::GroupAggregateInput>& inputs() const { return inputs_; }
  /// The aggregate inputs evaluated over another frame with its schema.
  std::vector<compute::GroupAggregateInput> evaluate(const DataFrame& frame, const Table& table) const {
    std::vector<compute::GroupAggregateInput> out;
    for (const Expr& aggregate : aggregates_) {
      const ExprNode& node = aggregate.node();
      out.push_back({input_of(node, frame, table), node.agg, node.agg_options});
    }
    return out;
  }
  /// The name rewrite() gave the result of aggregation `index`.
  static std::string result_name(size_t index) { return aggregate_column_name(index); }

 private:
  static ChunkedArray input_of(const ExprNode& node, const DataFrame& frame, const Table& table) {
    return compute::is_pair_aggregate(node.agg)
               ? compute::pair_columns(evaluate_over(node.inputs[0], frame, table),
                                       evaluate_over(node.inputs[1], frame, table))
               : evaluate_over(node.inputs[0], frame, table);
  }

  std::string collect(const Expr& aggregate, const Expr& whole) {
    const ExprNode& node = aggregate.node();
    for (const Expr& input : node.inputs)
      if (contains_aggregation(input))
        throw UnsupportedError("nested aggregations are not supported in agg(" + whole.to_string() +
                               "); compute the inner aggregation in a separate step");
    const ChunkedArray input = input_of(node, frame_, table_);
    try {
      compute::aggregate_type(node.agg, input.type(), node.agg_options);
    } catch (const TypeError& error) {
      throw TypeError("in agg(" + whole.to_string() + "): " + error.what());
    }
    inputs_.push_back({input, node.agg, node.agg_options});
    aggregates_.push_back(aggregate);
    return aggregate_column_name(inputs_.size() - 1);
  }

  const DataFrame& frame_;
  const Table& table_;
  std::vector<compute::GroupAggregateInput> inputs_;
  std::vector<Expr> aggregates_;  // the aggregate nodes, in result order
};

}  // namespace

GroupBy DataFrame::group_by(const std::vector<std::string>& keys, bool maintain_order) const {
  std::vector<Expr> exprs;
  exprs.reserve(keys.size());
  for (const std::string& name : keys) {
    column(name);  // throws SchemaError with a hint for unknown names
    exprs.push_back(col(name));
  }
  return GroupBy(*this, std::move(exprs), maintain_order);
}

GroupBy DataFrame::group_by(const std::vector<Expr>& keys, bool maintain_order) const {
  return GroupBy(*this, keys, maintain_order);
}

GroupBy::GroupBy(DataFrame frame, std::vector<Expr> keys, bool maintain_order)
    : frame_(std::move(frame)), keys_(std::move(keys)), maintain_order_(maintain_order) {
  if (keys_.empty()) throw InvalidInputError("group_by needs at least one key");
  std::unordered_set<std::string> names;
  for (const Expr& key : keys_) {
    if (contains_aggregation(key))
      throw InvalidInputError("group_by key " + key.to_string() + " contains an aggregation; keys must be "
                              "computed row by row");
    if (!names.insert(key.output_name()).second)
      throw SchemaError("group_by has two keys named \"" + key.output_name() + "\"; alias one of them");
    resolve_type(key, frame_.schema());  // unknown columns and type errors surface here
  }
}

namespace {

std::vector<Series> key_series(const std::vector<Expr>& keys, const std::vector<Array>& values) {
  std::vector<Series> out;
  for (size_t k = 0; k < keys.size(); ++k) out.emplace_back(keys[k].output_name(), values[k]);
  return out;
}

// Groups come in first-appearance order; without maintain_order they are
// sorted by the keys (ascending, nulls last).
DataFrame order_groups(DataFrame result, const std::vector<Series>& keys, bool maintain_order) {
  if (maintain_order) return result;
  std::vector<ChunkedArray> sort_columns;
  for (const Series& key : keys) sort_columns.push_back(key.data());
  return result.take(compute::sort_indices(sort_columns, std::vector<compute::SortKey>(sort_columns.size())));
}

}  // namespace

namespace {

// agg()'s result from the grouped aggregates: the keys, then each
// aggregation's element-wise rest evaluated over one row per group.
DataFrame aggregation_result(const std::vector<Expr>& keys, const std::vector<Expr>& aggregations,
                             const std::vector<Expr>& rewritten, const std::unordered_set<std::string>& key_names,
                             const compute::GroupedAggregates& grouped, bool maintain_order) {
  const std::vector<Series> group_keys = key_series(keys, grouped.keys);
  std::vector<Series> per_group_columns = group_keys;
  for (size_t a = 0; a < grouped.values.size(); ++a)
    per_group_columns.emplace_back(AggregateCollector::result_name(a), grouped.values[a]);
  const DataFrame per_group(std::move(per_group_columns));
  const Table per_group_table = per_group.to_table();

  std::vector<Series> out = group_keys;
  std::unordered_set<std::string> out_names(key_names);
  for (size_t i = 0; i < aggregations.size(); ++i) {
    const std::string name = aggregations[i].output_name();
    if (!out_names.insert(name).second)
      throw SchemaError("agg produces two columns named \"" + name + "\"; give one of them an alias()");
    out.emplace_back(name, evaluate_over(rewritten[i], per_group, per_group_table));
  }
  return order_groups(DataFrame(std::move(out)), group_keys, maintain_order);
}

// The aggregations with their aggregate nodes replaced, checked against the
// keys (bare columns must be keys).
std::vector<Expr> rewrite_aggregations(const std::vector<Expr>& aggregations, const std::unordered_set<std::string>& key_names,
                                       AggregateCollector& collector) {
  std::vector<Expr> rewritten;
  for (const Expr& aggregation : aggregations) {
    check_bare_columns(aggregation, aggregation, key_names);
    rewritten.push_back(collector.rewrite(aggregation, aggregation));
  }
  return rewritten;
}

}  // namespace

DataFrame GroupBy::agg(const std::vector<Expr>& aggregations) const {
  const Table table = frame_.to_table();
  std::unordered_set<std::string> key_names;
  const std::vector<ChunkedArray> keys = key_columns(frame_, table, keys_, key_names);

  // Aggregate nodes first (all in one grouping pass), then the element-wise
  // rest over one row per group.
  AggregateCollector collector(frame_, table);
  const std::vector<Expr> rewritten = rewrite_aggregations(aggregations, key_names, collector);
  const compute::GroupedAggregates grouped = compute::group_aggregate(keys, collector.inputs());
  return aggregation_result(keys_, aggregations, rewritten, key_names, grouped, maintain_order_);
}

// How a GroupByAccumulator works, decided on the first part with rows:
// inputs with few groups per row are grouped part by part; inputs with more
// than one group per kCollectRowsPerGroup rows (say, order lines grouped by
// order) would fold nearly as many groups as rows one by one, so their
// evaluated keys and aggregate inputs are kept and grouped together at the
// end, with the eager pass and its choice of tables.
enum class AccumulatorMode { Undecided, Grouping, Collecting };

// Rows of the first part looked at, and the groups per row above which an
// input is collected.
constexpr int64_t kModeSampleRows = 4096;
constexpr int64_t kCollectRowsPerGroup = 8;

struct GroupByAccumulator::Impl {
  Impl(const Schema& schema, std::vector<Expr> key_exprs, std::vector<Expr> aggregation_exprs, bool ordered)
      : empty(DataFrame::empty(schema)),
        empty_table(empty.to_table()),
        keys(std::move(key_exprs)),
        aggregations(std::move(aggregation_exprs)),
        maintain_order(ordered),
        collector(empty, empty_table) {
    GroupBy check(empty, keys, maintain_order);  // the key checks of group_by()
    key_columns(empty, empty_table, keys, key_names);
    rewritten = rewrite_aggregations(aggregations, key_names, collector);
  }

  // The mode, deciding it from this part's keys when it is the first with rows.
  AccumulatorMode mode_for(const std::vector<ChunkedArray>& part_keys) {
    std::lock_guard<std::mutex> lock(mutex);
    const int64_t rows = part_keys[0].length();
    if (mode != AccumulatorMode::Undecided || rows == 0) return mode;
    const int64_t sample = std::min(rows, kModeSampleRows);
    std::vector<ChunkedArray> sampled;
    for (const ChunkedArray& key : part_keys) sampled.push_back(key.slice(0, sample));
    const int64_t groups = compute::group_rows(sampled).num_groups;
    mode = groups * kCollectRowsPerGroup > sample ? AccumulatorMode::Collecting : AccumulatorMode::Grouping;
    return mode;
  }

  struct Collected {
    std::vector<ChunkedArray> keys;
    std::vector<compute::GroupAggregateInput> inputs;
  };
  // The collected parts as one input, in part order (chunks shared, not copied).
  compute::GroupedAggregates group_collected() {
    int64_t expected = 0;
    for (const auto& entry : parts)
      if (entry.first != expected++)
        throw InvalidInputError("a grouped aggregation was finished before all its parts were added (part " +
                                std::to_string(expected - 1) + " is missing)");
    std::vector<std::vector<Array>> key_chunks(keys.size()), input_chunks(rewritten_inputs());
    std::vector<compute::GroupAggregateInput> all_inputs;
    std::vector<DataType> key_types;
    for (auto& [part, collected] : parts) {
      if (all_inputs.empty()) {
        all_inputs = collected.inputs;
        for (const ChunkedArray& key : collected.keys) key_types.push_back(key.type());
      }
      for (size_t k = 0; k < collected.keys.size(); ++k)
        for (const Array& chunk : collected.keys[k].chunks()) key_chunks[k].push_back(chunk);
      for (size_t a = 0; a < collected.inputs.size(); ++a)
        for (const Array& chunk : collected.inputs[a].values.chunks()) input_chunks[a].push_back(chunk);
    }
    parts.clear();
    std::vector<ChunkedArray> all_keys;
    for (size_t k = 0; k < key_chunks.size(); ++k) all_keys.emplace_back(key_types[k], std::move(key_chunks[k]));
    for (size_t a = 0; a < all_inputs.size(); ++a)
      all_inputs[a].values = ChunkedArray(all_inputs[a].values.type(), std::move(input_chunks[a]));
    return compute::group_aggregate(all_keys, all_inputs);
  }
  size_t rewritten_inputs() const { return parts.empty() ? 0 : parts.begin()->second.inputs.size(); }

  const DataFrame empty;
  const Table empty_table;
  const std::vector<Expr> keys, aggregations;
  const bool maintain_order;
  std::unordered_set<std::string> key_names;
  AggregateCollector collector;
  std::vector<Expr> rewritten;
  std::atomic<int64_t> rows{0};
  bool finished = false;

  std::mutex mutex;
  AccumulatorMode mode = AccumulatorMode::Undecided;
  compute::GroupAggregateAccumulator accumulator;  // Grouping (and parts without rows before the decision)
  std::map<int64_t, Collected> parts;              // Collecting
};

GroupByAccumulator::GroupByAccumulator(const Schema& input_schema, std::vector<Expr> keys,
                                       std::vector<Expr> aggregations, bool maintain_order)
    : impl_(std::make_unique<Impl>(input_schema, std::move(keys), std::move(aggregations), maintain_order)) {}

GroupByAccumulator::~GroupByAccumulator() = default;

void GroupByAccumulator::add(int64_t part, const DataFrame& frame) {
  const Table table = frame.to_table();
  std::unordered_set<std::string> names;
  std::vector<ChunkedArray> keys = key_columns(frame, table, impl_->keys, names);
  std::vector<compute::GroupAggregateInput> inputs = impl_->collector.evaluate(frame, table);
  impl_->rows += frame.height();
  if (impl_->mode_for(keys) != AccumulatorMode::Collecting) {
    impl_->accumulator.add(part, keys, inputs);
  } else {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    if (!impl_->parts.emplace(part, Impl::Collected{std::move(keys), std::move(inputs)}).second)
      throw InvalidInputError("part " + std::to_string(part) + " of a grouped aggregation was added twice");
  }
}

DataFrame GroupByAccumulator::finish() {
  if (impl_->finished) throw InvalidInputError("a grouped aggregation was finished twice");
  impl_->finished = true;
  // No rows: the eager operation over an empty frame gives the exact empty result.
  if (impl_->rows == 0) return GroupBy(impl_->empty, impl_->keys, impl_->maintain_order).agg(impl_->aggregations);
  const compute::GroupedAggregates grouped =
      impl_->mode == AccumulatorMode::Collecting ? impl_->group_collected() : impl_->accumulator.finish();
  return aggregation_result(impl_->keys, impl_->aggregations, impl_->rewritten, impl_->key_names, grouped,
                            impl_->maintain_order);
}

DataFrame GroupBy::count() const {
  const Table table = frame_.to_table();
  std::unordered_set<std::string> key_names;
  const std::vector<ChunkedArray> keys = key_columns(frame_, table, keys_, key_names);
  if (key_names.count("count"))
    throw SchemaError("group_by().count() adds a column named \"count\", which is already a key; "
                      "use agg({col(...).len().alias(...)}) instead");
  const compute::GroupedAggregates grouped = compute::group_aggregate(keys, {{keys[0], compute::AggKind::Len}});
  std::vector<Series> out = key_series(keys_, grouped.keys);
  const std::vector<Series> group_keys = out;
  out.emplace_back("count", grouped.values[0]);
  return order_groups(DataFrame(std::move(out)), group_keys, maintain_order_);
}

}  // namespace strata
