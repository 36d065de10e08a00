#pragma once
// The logical plan of a lazy query: an immutable tree of operations, each
// node knowing its output schema. Nodes are built by the make_* functions,
// which check the operation against its input's schema at once (an unknown
// column or a wrong type is an error when the query is written, before any
// data is read) and derive the output schema by applying the eager
// operation to an empty frame of the input's schema, so that the lazy and
// eager engines cannot disagree on names or types.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "strata/core/scalar.hpp"
#include "strata/core/types.hpp"
#include "strata/expr/expr.hpp"
#include "strata/frame/dataframe.hpp"
#include "strata/plan/scan_source.hpp"

namespace strata::plan {

enum class PlanKind {
  Scan,          // source, projection, predicate, limit
  Select,        // exprs
  WithColumns,   // exprs
  Filter,        // predicate
  Aggregate,     // keys, exprs (aggregations), maintain_order
  Join,          // inputs[0..1], left_on, right_on, join
  Sort,          // exprs (sort keys), sort
  Slice,         // offset, length
  TopK,          // exprs (sort keys), sort, length (k): sort followed by head
  Unique,        // names (subset), keep, maintain_order
  DropNulls,     // names (subset)
  FillNull,      // fill_value (a Scalar) or exprs[0] (an expression)
  Explode,       // names[0]
  Unnest,        // names[0]
  WithRowIndex,  // names[0], offset
  Concat,        // inputs
  GroupHead,     // keys, length (n), maintain_order
  GroupTopK,     // keys, names[0] (by), length (k), sort.descending
  Cache,         // offset (the cache id): a subplan used more than once,
                 // computed once per query and read by every user
};

const char* plan_kind_name(PlanKind kind);

struct PlanNode;
using PlanPtr = std::shared_ptr<const PlanNode>;

struct PlanNode {
  PlanKind kind = PlanKind::Scan;
  std::vector<PlanPtr> inputs;
  Schema schema;  // output schema

  std::vector<Expr> exprs;
  std::vector<Expr> keys;
  std::optional<Expr> predicate;
  std::vector<std::string> names;
  std::vector<std::string> left_on, right_on;
  JoinOptions join;
  SortOptions sort;
  UniqueKeep keep = UniqueKeep::First;
  bool maintain_order = true;
  int64_t offset = 0;
  int64_t length = -1;  // -1: to the end
  std::optional<Scalar> fill_value;

  // Scan
  std::shared_ptr<const ScanSource> source;
  /// Columns the scan returns (file columns and hive columns), in schema
  /// order; empty optional = all.
  std::optional<std::vector<std::string>> projection;
  /// Rows the consumer needs at most (limit pushdown); the scan may stop
  /// early. Applies after the predicate.
  std::optional<int64_t> limit;

  const PlanNode& input(size_t i = 0) const { return *inputs.at(i); }
};

// ---- Building nodes (each checks its arguments against the input schema)

PlanPtr make_scan(std::shared_ptr<const ScanSource> source, std::optional<std::vector<std::string>> projection = {},
                  std::optional<Expr> predicate = {}, std::optional<int64_t> limit = {});
PlanPtr make_select(PlanPtr input, std::vector<Expr> exprs);
PlanPtr make_with_columns(PlanPtr input, std::vector<Expr> exprs);
PlanPtr make_filter(PlanPtr input, Expr predicate);
PlanPtr make_aggregate(PlanPtr input, std::vector<Expr> keys, std::vector<Expr> aggregations, bool maintain_order);
PlanPtr make_join(PlanPtr left, PlanPtr right, std::vector<std::string> left_on, std::vector<std::string> right_on,
                  JoinOptions options);
PlanPtr make_sort(PlanPtr input, std::vector<Expr> by, SortOptions options);
PlanPtr make_slice(PlanPtr input, int64_t offset, int64_t length);
PlanPtr make_top_k(PlanPtr input, std::vector<Expr> by, SortOptions options, int64_t k);
PlanPtr make_unique(PlanPtr input, std::vector<std::string> subset, UniqueKeep keep, bool maintain_order);
PlanPtr make_drop_nulls(PlanPtr input, std::vector<std::string> subset);
PlanPtr make_fill_null(PlanPtr input, Scalar value);
PlanPtr make_fill_null(PlanPtr input, Expr value);
PlanPtr make_explode(PlanPtr input, std::string column);
PlanPtr make_unnest(PlanPtr input, std::string column);
PlanPtr make_with_row_index(PlanPtr input, std::string name, int64_t offset);
PlanPtr make_concat(std::vector<PlanPtr> inputs);
PlanPtr make_group_head(PlanPtr input, std::vector<Expr> keys, int64_t n, bool maintain_order);
/// `input`'s result, computed once per query for every Cache node of the
/// same `id` (the optimizer's common_subplans pass places them).
PlanPtr make_cache(PlanPtr input, int64_t id);
PlanPtr make_group_top_k(PlanPtr input, std::vector<Expr> keys, int64_t k, std::string by, bool descending,
                         bool maintain_order);

/// A copy of `node` over new inputs (and otherwise equal parameters), its
/// schema derived again. The optimizer rebuilds trees with it.
PlanPtr with_inputs(const PlanNode& node, std::vector<PlanPtr> inputs);

/// An empty frame with `schema`: what schemas are derived from.
DataFrame empty_frame(const Schema& schema);

/// The plan as indented text, one node per line, inputs below their
/// consumer (what explain() prints).
std::string plan_to_string(const PlanNode& root);

// ---- Facts about nodes the optimizer and executor share

/// Whether the node can run on each batch independently (its result over a
/// batch is the matching part of its result over the whole input): filters,
/// projections and with_columns without aggregations, fill_null with a
/// value, drop_nulls, explode, unnest.
bool is_streaming(const PlanNode& node);

/// "[a, b]" and "[col(\"a\"), ...]": how plans print lists.
std::string names_text(const std::vector<std::string>& names);
std::string exprs_text(const std::vector<Expr>& exprs);

/// `expr` with every subexpression for which `replace` gives a value
/// replaced by it (outermost first; a replaced subtree is not visited
/// further). Unchanged subtrees are shared, not copied.
Expr transform_expr(const Expr& expr, const std::function<std::optional<Expr>(const Expr&)>& replace);

/// The and-ed parts of a predicate (a && (b && c) gives a, b, c), in order.
void split_conjuncts(const Expr& predicate, std::vector<Expr>& out);
/// The conjunction of `parts` (at least one).
Expr conjoin(const std::vector<Expr>& parts);

/// Names of the columns `expr` reads.
std::vector<std::string> referenced_columns(const Expr& expr);
void collect_referenced_columns(const Expr& expr, std::vector<std::string>& out);

}  // namespace strata::plan
