// Building logical plan nodes. Each node's schema comes from the eager
// operation applied to an empty frame of its input's schema: the same code
// checks the arguments and names the output columns in both engines.
#include "strata/plan/logical_plan.hpp"

#include <algorithm>

#include "strata/core/error.hpp"
#include "strata/expr/evaluate.hpp"
#include "strata/expr/expr_node.hpp"

namespace strata::plan {

const char* plan_kind_name(PlanKind kind) {
  switch (kind) {
    case PlanKind::Scan: return "scan";
    case PlanKind::Select: return "select";
    case PlanKind::WithColumns: return "with_columns";
    case PlanKind::Filter: return "filter";
    case PlanKind::Aggregate: return "group_by().agg()";
    case PlanKind::Join: return "join";
    case PlanKind::Sort: return "sort";
    case PlanKind::Slice: return "slice";
    case PlanKind::TopK: return "top_k";
    case PlanKind::Unique: return "unique";
    case PlanKind::DropNulls: return "drop_nulls";
    case PlanKind::FillNull: return "fill_null";
    case PlanKind::Explode: return "explode";
    case PlanKind::Unnest: return "unnest";
    case PlanKind::WithRowIndex: return "with_row_index";
    case PlanKind::Concat: return "concat";
    case PlanKind::GroupHead: return "group_by().head()";
    case PlanKind::GroupTopK: return "group_by().top_k()";
    case PlanKind::Cache: return "cache";
  }
  return "?";
}

DataFrame empty_frame(const Schema& schema) { return DataFrame::empty(schema); }

namespace {

// The same error, its message prefixed with the operation that failed, so
// that a long chain says which step is wrong.
[[noreturn]] void rethrow_in(const std::string& operation, const Error& error) {
  throw_error(error.kind(), "in " + operation + ": " + error.what());
}

template <typename Apply>
Schema derive_schema(const std::string& operation, Apply&& apply) {
  try {
    return apply().schema();
  } catch (const Error& error) {
    rethrow_in(operation, error);
  }
}

std::shared_ptr<PlanNode> node_of(PlanKind kind, std::vector<PlanPtr> inputs) {
  auto node = std::make_shared<PlanNode>();
  node->kind = kind;
  for (const PlanPtr& input : inputs) STRATA_CHECK(input != nullptr, "a plan node's input is missing");
  node->inputs = std::move(inputs);
  return node;
}

}  // namespace

PlanPtr make_scan(std::shared_ptr<const ScanSource> source, std::optional<std::vector<std::string>> projection,
                  std::optional<Expr> predicate, std::optional<int64_t> limit) {
  auto node = node_of(PlanKind::Scan, {});
  const Schema full = source->schema();
  if (projection) {
    // Schema order, whatever order the names were given in.
    std::vector<Field> fields;
    for (const Field& field : full.fields())
      if (std::find(projection->begin(), projection->end(), field.name) != projection->end())
        fields.push_back(field);
    for (const std::string& name : *projection) full.require_index(name);
    projection->clear();
    for (const Field& field : fields) projection->push_back(field.name);
    node->schema = Schema(std::move(fields));
  } else {
    node->schema = full;
  }
  if (predicate) {
    derive_schema("the scan's filter " + predicate->to_string(),
                  [&] { return empty_frame(full).filter(*predicate); });
  }
  node->source = std::move(source);
  node->projection = std::move(projection);
  node->predicate = std::move(predicate);
  node->limit = limit;
  return node;
}

PlanPtr make_select(PlanPtr input, std::vector<Expr> exprs) {
  auto node = node_of(PlanKind::Select, {input});
  node->schema = derive_schema("select " + exprs_text(exprs), [&] { return empty_frame(input->schema).select(exprs); });
  node->exprs = std::move(exprs);
  return node;
}

PlanPtr make_with_columns(PlanPtr input, std::vector<Expr> exprs) {
  auto node = node_of(PlanKind::WithColumns, {input});
  node->schema = derive_schema("with_columns " + exprs_text(exprs),
                               [&] { return empty_frame(input->schema).with_columns(exprs); });
  node->exprs = std::move(exprs);
  return node;
}

PlanPtr make_filter(PlanPtr input, Expr predicate) {
  auto node = node_of(PlanKind::Filter, {input});
  node->schema = derive_schema("filter " + predicate.to_string(),
                               [&] { return empty_frame(input->schema).filter(predicate); });
  node->predicate = std::move(predicate);
  return node;
}

PlanPtr make_aggregate(PlanPtr input, std::vector<Expr> keys, std::vector<Expr> aggregations, bool maintain_order) {
  auto node = node_of(PlanKind::Aggregate, {input});
  node->schema = derive_schema("group_by " + exprs_text(keys) + ".agg " + exprs_text(aggregations), [&] {
    return empty_frame(input->schema).group_by(keys, maintain_order).agg(aggregations);
  });
  node->keys = std::move(keys);
  node->exprs = std::move(aggregations);
  node->maintain_order = maintain_order;
  return node;
}

PlanPtr make_join(PlanPtr left, PlanPtr right, std::vector<std::string> left_on, std::vector<std::string> right_on,
                  JoinOptions options) {
  auto node = node_of(PlanKind::Join, {left, right});
  node->schema = derive_schema(std::string(compute::join_type_name(options.how)) + " join on " +
                                   names_text(left_on) + " = " + names_text(right_on),
                               [&] {
                                 const DataFrame l = empty_frame(left->schema), r = empty_frame(right->schema);
                                 return l.join(r, left_on, right_on, options);
                               });
  node->left_on = std::move(left_on);
  node->right_on = std::move(right_on);
  node->join = std::move(options);
  return node;
}

PlanPtr make_sort(PlanPtr input, std::vector<Expr> by, SortOptions options) {
  auto node = node_of(PlanKind::Sort, {input});
  node->schema = derive_schema("sort by " + exprs_text(by), [&] { return empty_frame(input->schema).sort_by(by, options); });
  node->exprs = std::move(by);
  node->sort = std::move(options);
  return node;
}

PlanPtr make_slice(PlanPtr input, int64_t offset, int64_t length) {
  if (offset < 0 || length < -1)
    throw InvalidInputError("slice needs offset >= 0 and length >= 0 (or -1 for the rest), got offset " +
                            std::to_string(offset) + " and length " + std::to_string(length));
  auto node = node_of(PlanKind::Slice, {input});
  node->schema = input->schema;
  node->offset = offset;
  node->length = length;
  return node;
}

PlanPtr make_top_k(PlanPtr input, std::vector<Expr> by, SortOptions options, int64_t k) {
  if (k < 0) throw InvalidInputError("top_k needs k >= 0, got " + std::to_string(k));
  auto node = node_of(PlanKind::TopK, {input});
  node->schema = derive_schema("top_k by " + exprs_text(by), [&] { return empty_frame(input->schema).sort_by(by, options); });
  node->exprs = std::move(by);
  node->sort = std::move(options);
  node->length = k;
  return node;
}

PlanPtr make_unique(PlanPtr input, std::vector<std::string> subset, UniqueKeep keep, bool maintain_order) {
  auto node = node_of(PlanKind::Unique, {input});
  node->schema = derive_schema("unique " + names_text(subset),
                               [&] { return empty_frame(input->schema).unique(subset, keep, maintain_order); });
  node->names = std::move(subset);
  node->keep = keep;
  node->maintain_order = maintain_order;
  return node;
}

PlanPtr make_drop_nulls(PlanPtr input, std::vector<std::string> subset) {
  auto node = node_of(PlanKind::DropNulls, {input});
  node->schema = derive_schema("drop_nulls " + names_text(subset), [&] {
    const DataFrame empty = empty_frame(input->schema);
    for (const std::string& name : subset) empty.column(name);
    return empty.drop_nulls(subset);
  });
  node->names = std::move(subset);
  return node;
}

PlanPtr make_fill_null(PlanPtr input, Scalar value) {
  auto node = node_of(PlanKind::FillNull, {input});
  node->schema = input->schema;
  node->fill_value = std::move(value);
  return node;
}

PlanPtr make_fill_null(PlanPtr input, Expr value) {
  auto node = node_of(PlanKind::FillNull, {input});
  node->schema = derive_schema("fill_null " + value.to_string(), [&] {
    const DataFrame empty = empty_frame(input->schema);
    resolve_type(value, input->schema);
    return empty.fill_null(value);
  });
  node->exprs = {std::move(value)};
  return node;
}

PlanPtr make_explode(PlanPtr input, std::string column) {
  auto node = node_of(PlanKind::Explode, {input});
  node->schema = derive_schema("explode " + column, [&] { return empty_frame(input->schema).explode(column); });
  node->names = {std::move(column)};
  return node;
}

PlanPtr make_unnest(PlanPtr input, std::string column) {
  auto node = node_of(PlanKind::Unnest, {input});
  node->schema = derive_schema("unnest " + column, [&] { return empty_frame(input->schema).unnest(column); });
  node->names = {std::move(column)};
  return node;
}

PlanPtr make_with_row_index(PlanPtr input, std::string name, int64_t offset) {
  if (input->schema.index_of(name))
    throw SchemaError("in with_row_index: the frame already has a column named \"" + name +
                      "\"; choose another name for the index");
  auto node = node_of(PlanKind::WithRowIndex, {input});
  std::vector<Field> fields{Field{name, DataType::int64(), true}};
  for (const Field& field : input->schema.fields()) fields.push_back(field);
  node->schema = Schema(std::move(fields));
  node->names = {std::move(name)};
  node->offset = offset;
  return node;
}

PlanPtr make_concat(std::vector<PlanPtr> inputs) {
  if (inputs.empty()) throw InvalidInputError("concat needs at least one frame");
  auto node = node_of(PlanKind::Concat, inputs);
  node->schema = derive_schema("concat", [&] {
    std::vector<DataFrame> frames;
    for (const PlanPtr& input : inputs) frames.push_back(empty_frame(input->schema));
    return concat(frames);
  });
  return node;
}

PlanPtr make_group_head(PlanPtr input, std::vector<Expr> keys, int64_t n, bool maintain_order) {
  auto node = node_of(PlanKind::GroupHead, {input});
  node->schema = derive_schema("group_by " + exprs_text(keys) + ".head", [&] {
    return empty_frame(input->schema).group_by(keys, maintain_order).head(n);
  });
  node->keys = std::move(keys);
  node->length = n;
  node->maintain_order = maintain_order;
  return node;
}

PlanPtr make_group_top_k(PlanPtr input, std::vector<Expr> keys, int64_t k, std::string by, bool descending,
                         bool maintain_order) {
  auto node = node_of(PlanKind::GroupTopK, {input});
  node->schema = derive_schema("group_by " + exprs_text(keys) + ".top_k", [&] {
    return empty_frame(input->schema).group_by(keys, maintain_order).top_k(k, by, descending);
  });
  node->keys = std::move(keys);
  node->length = k;
  node->names = {std::move(by)};
  node->sort.descending = {descending};
  node->maintain_order = maintain_order;
  return node;
}

PlanPtr make_cache(PlanPtr input, int64_t id) {
  auto node = node_of(PlanKind::Cache, {input});
  node->schema = input->schema;
  node->offset = id;
  return node;
}

PlanPtr with_inputs(const PlanNode& node, std::vector<PlanPtr> inputs) {
  const auto in = [&](size_t i) { return inputs.at(i); };
  switch (node.kind) {
    case PlanKind::Scan: return make_scan(node.source, node.projection, node.predicate, node.limit);
    case PlanKind::Select: return make_select(in(0), node.exprs);
    case PlanKind::WithColumns: return make_with_columns(in(0), node.exprs);
    case PlanKind::Filter: return make_filter(in(0), *node.predicate);
    case PlanKind::Aggregate: return make_aggregate(in(0), node.keys, node.exprs, node.maintain_order);
    case PlanKind::Join: return make_join(in(0), in(1), node.left_on, node.right_on, node.join);
    case PlanKind::Sort: return make_sort(in(0), node.exprs, node.sort);
    case PlanKind::Slice: return make_slice(in(0), node.offset, node.length);
    case PlanKind::TopK: return make_top_k(in(0), node.exprs, node.sort, node.length);
    case PlanKind::Unique: return make_unique(in(0), node.names, node.keep, node.maintain_order);
    case PlanKind::DropNulls: return make_drop_nulls(in(0), node.names);
    case PlanKind::FillNull:
      return node.fill_value ? make_fill_null(in(0), *node.fill_value) : make_fill_null(in(0), node.exprs.at(0));
    case PlanKind::Explode: return make_explode(in(0), node.names.at(0));
    case PlanKind::Unnest: return make_unnest(in(0), node.names.at(0));
    case PlanKind::WithRowIndex: return make_with_row_index(in(0), node.names.at(0), node.offset);
    case PlanKind::Concat: return make_concat(std::move(inputs));
    case PlanKind::GroupHead: return make_group_head(in(0), node.keys, node.length, node.maintain_order);
    case PlanKind::GroupTopK:
      return make_group_top_k(in(0), node.keys, node.length, node.names.at(0),
                              node.sort.descending.empty() || node.sort.descending[0], node.maintain_order);
    case PlanKind::Cache: return make_cache(in(0), node.offset);
  }
  throw InternalError("unknown plan node kind");
}

bool is_streaming(const PlanNode& node) {
  const auto any_aggregation = [](const std::vector<Expr>& exprs) {
    return std::any_of(exprs.begin(), exprs.end(), [](const Expr& e) { return contains_aggregation(e); });
  };
  switch (node.kind) {
    case PlanKind::Filter: return !contains_aggregation(*node.predicate);
    case PlanKind::Select:
      // A select of literals only gives one row, not one per batch.
      return !any_aggregation(node.exprs) &&
             std::any_of(node.exprs.begin(), node.exprs.end(), [](const Expr& e) { return !is_scalar_result(e); });
    case PlanKind::WithColumns: return !any_aggregation(node.exprs);
    // fill_null with an expression changes a column's type only where it
    // has nulls (as the eager operation does): it runs on the whole input.
    case PlanKind::FillNull: return node.fill_value.has_value();
    case PlanKind::DropNulls:
    case PlanKind::Explode:
    case PlanKind::Unnest: return true;
    default: return false;
  }
}

std::string names_text(const std::vector<std::string>& names) {
  std::string out = "[";
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out + "]";
}

std::string exprs_text(const std::vector<Expr>& exprs) {
  std::string out = "[";
  for (size_t i = 0; i < exprs.size(); ++i) out += (i ? ", " : "") + exprs[i].to_string();
  return out + "]";
}

Expr transform_expr(const Expr& expr, const std::function<std::optional<Expr>(const Expr&)>& replace) {
  if (std::optional<Expr> replaced = replace(expr)) return *replaced;
  const ExprNode& node = expr.node();
  bool changed = false;
  std::vector<Expr> inputs;
  inputs.reserve(node.inputs.size());
  for (const Expr& input : node.inputs) {
    inputs.push_back(transform_expr(input, replace));
    changed = changed || inputs.back().node_ptr() != input.node_ptr();
  }
  if (!changed) return expr;
  auto copy = std::make_shared<ExprNode>(node);
  copy->inputs = std::move(inputs);
  return Expr(std::move(copy));
}

void collect_referenced_columns(const Expr& expr, std::vector<std::string>& out) {
  const ExprNode& node = expr.node();
  if (node.kind == ExprKind::Column) {
    if (std::find(out.begin(), out.end(), node.name) == out.end()) out.push_back(node.name);
    return;
  }
  for (const Expr& input : node.inputs) collect_referenced_columns(input, out);
}

std::vector<std::string> referenced_columns(const Expr& expr) {
  std::vector<std::string> out;
  collect_referenced_columns(expr, out);
  return out;
}

}  // namespace strata::plan
