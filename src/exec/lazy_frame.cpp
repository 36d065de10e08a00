// The LazyFrame API: building plans, and running them (collect, profile,
// explain, sinks) through the optimizer and the physical plan.
#include "strata/exec/lazy_frame.hpp"

#include <cstdio>
#include <sstream>

#include "exec/physical_plan.hpp"
#include "strata/core/error.hpp"

namespace strata {

using plan::PlanPtr;

LazyFrame::LazyFrame(PlanPtr plan) : plan_(std::move(plan)) {
  if (!plan_) throw InvalidInputError("a LazyFrame needs a plan");
}

// ---- Building

LazyFrame LazyFrame::select(const std::vector<Expr>& exprs) const { return LazyFrame(plan::make_select(plan_, exprs)); }

LazyFrame LazyFrame::select(const std::vector<std::string>& names) const {
  std::vector<Expr> exprs;
  for (const std::string& name : names) exprs.push_back(col(name));
  return select(exprs);
}

LazyFrame LazyFrame::with_columns(const std::vector<Expr>& exprs) const {
  return LazyFrame(plan::make_with_columns(plan_, exprs));
}

LazyFrame LazyFrame::drop(const std::vector<std::string>& names) const {
  // The eager operation checks the names (with its hints).
  const DataFrame kept = plan::empty_frame(schema()).drop(names);
  return select(kept.column_names());
}

LazyFrame LazyFrame::rename(const std::vector<std::pair<std::string, std::string>>& mapping) const {
  const DataFrame renamed = plan::empty_frame(schema()).rename(mapping);
  const std::vector<std::string> from = column_names(), to = renamed.column_names();
  std::vector<Expr> exprs;
  for (size_t i = 0; i < from.size(); ++i) exprs.push_back(from[i] == to[i] ? col(from[i]) : col(from[i]).alias(to[i]));
  return select(exprs);
}

LazyFrame LazyFrame::cast(const std::vector<std::pair<std::string, DataType>>& types, CastMode mode) const {
  std::vector<Expr> exprs;
  for (const auto& [name, type] : types) {
    schema().require_index(name);
    exprs.push_back(col(name).cast(type, mode));
  }
  return with_columns(exprs);
}

LazyFrame LazyFrame::with_row_index(const std::string& name, int64_t offset) const {
  return LazyFrame(plan::make_with_row_index(plan_, name, offset));
}

LazyFrame LazyFrame::filter(const Expr& predicate) const { return LazyFrame(plan::make_filter(plan_, predicate)); }

LazyFrame LazyFrame::slice(int64_t offset, int64_t length) const {
  return LazyFrame(plan::make_slice(plan_, offset, length));
}

LazyFrame LazyFrame::sort(const std::vector<std::string>& by, const SortOptions& options) const {
  std::vector<Expr> exprs;
  for (const std::string& name : by) exprs.push_back(col(name));
  return sort_by(exprs, options);
}

LazyFrame LazyFrame::sort_by(const std::vector<Expr>& by, const SortOptions& options) const {
  return LazyFrame(plan::make_sort(plan_, by, options));
}

LazyFrame LazyFrame::top_k(int64_t k, const std::vector<Expr>& by, const SortOptions& options) const {
  return LazyFrame(plan::make_top_k(plan_, by, options, k));
}

LazyFrame LazyFrame::unique(const std::vector<std::string>& subset, UniqueKeep keep, bool maintain_order) const {
  return LazyFrame(plan::make_unique(plan_, subset, keep, maintain_order));
}

LazyFrame LazyFrame::drop_nulls(const std::vector<std::string>& subset) const {
  return LazyFrame(plan::make_drop_nulls(plan_, subset));
}

LazyFrame LazyFrame::fill_null(const Scalar& value) const { return LazyFrame(plan::make_fill_null(plan_, value)); }
LazyFrame LazyFrame::fill_null(const Expr& value) const { return LazyFrame(plan::make_fill_null(plan_, value)); }
LazyFrame LazyFrame::explode(const std::string& column) const { return LazyFrame(plan::make_explode(plan_, column)); }
LazyFrame LazyFrame::unnest(const std::string& column) const { return LazyFrame(plan::make_unnest(plan_, column)); }

LazyGroupBy LazyFrame::group_by(const std::vector<Expr>& keys, bool maintain_order) const {
  return LazyGroupBy(plan_, keys, maintain_order);
}

LazyGroupBy LazyFrame::group_by(const std::vector<std::string>& keys, bool maintain_order) const {
  std::vector<Expr> exprs;
  for (const std::string& key : keys) exprs.push_back(col(key));
  return group_by(exprs, maintain_order);
}

LazyGroupBy LazyFrame::group_by(std::initializer_list<std::string> keys, bool maintain_order) const {
  return group_by(std::vector<std::string>(keys), maintain_order);
}

LazyFrame LazyFrame::join(const LazyFrame& right, const std::vector<std::string>& on, const JoinOptions& options) const {
  return join(right, on, on, options);
}

LazyFrame LazyFrame::join(const LazyFrame& right, const std::vector<std::string>& left_on,
                          const std::vector<std::string>& right_on, const JoinOptions& options) const {
  return LazyFrame(plan::make_join(plan_, right.plan_, left_on, right_on, options));
}

LazyFrame LazyFrame::cross_join(const LazyFrame& right, const std::string& suffix) const {
  JoinOptions options;
  options.how = compute::JoinType::Cross;
  options.suffix = suffix;
  return LazyFrame(plan::make_join(plan_, right.plan_, {}, {}, options));
}

LazyFrame LazyGroupBy::agg(const std::vector<Expr>& aggregations) const {
  return LazyFrame(plan::make_aggregate(input_, keys_, aggregations, maintain_order_));
}

LazyFrame LazyGroupBy::count() const { return agg({keys_.at(0).len().alias("count")}); }

LazyFrame LazyGroupBy::head(int64_t n) const {
  return LazyFrame(plan::make_group_head(input_, keys_, n, maintain_order_));
}

LazyFrame LazyGroupBy::top_k(int64_t k, const std::string& by, bool descending) const {
  return LazyFrame(plan::make_group_top_k(input_, keys_, k, by, descending, maintain_order_));
}

LazyFrame scan_parquet(const std::string& path_or_glob, const ScanParquetOptions& options) {
  return LazyFrame(plan::make_scan(plan::parquet_source(path_or_glob, options)));
}

LazyFrame scan_csv(const std::string& path_or_glob, const ScanCsvOptions& options) {
  return LazyFrame(plan::make_scan(plan::csv_source(path_or_glob, options)));
}

LazyFrame lazy(const DataFrame& frame) { return LazyFrame(plan::make_scan(plan::frame_source(frame))); }

LazyFrame concat(const std::vector<LazyFrame>& frames) {
  std::vector<PlanPtr> inputs;
  for (const LazyFrame& frame : frames) inputs.push_back(frame.logical_plan());
  return LazyFrame(plan::make_concat(std::move(inputs)));
}

// ---- Running

namespace {

struct Prepared {
  PlanPtr optimized;
  std::unique_ptr<exec::PhysicalNode> physical;
};

Prepared prepare(const PlanPtr& plan, const plan::OptimizerOptions& optimizer) {
  Prepared out;
  out.optimized = plan::optimize(plan, optimizer);
  out.physical = exec::build_physical(*out.optimized);
  return out;
}

exec::MorselStream open_root(Prepared& prepared, exec::ExecContext& context) {
  return prepared.physical->open(*prepared.physical, context);
}

}  // namespace

DataFrame LazyFrame::collect(const CollectOptions& options) const { return profile(options).first; }

std::pair<DataFrame, QueryProfile> LazyFrame::profile(const CollectOptions& options) const {
  const auto start = std::chrono::steady_clock::now();
  Prepared prepared = prepare(plan_, options.optimizer);
  exec::ExecContext context{options.cancellation};
  DataFrame result = exec::materialize(open_root(prepared, context), context);
  QueryProfile profile;
  exec::append_profile(*prepared.physical, 0, profile.operators);
  profile.total = std::chrono::steady_clock::now() - start;
  return {std::move(result), std::move(profile)};
}

std::string LazyFrame::explain_optimized(const plan::OptimizerOptions& optimizer) const {
  return plan::plan_to_string(*plan::optimize(plan_, optimizer));
}

std::string LazyFrame::explain(const plan::OptimizerOptions& optimizer) const {
  Prepared prepared = prepare(plan_, optimizer);
  std::string out = "== logical plan ==\n" + plan::plan_to_string(*plan_);
  out += "== optimized plan ==\n" + plan::plan_to_string(*prepared.optimized);
  out += "== physical plan ==\n" + exec::physical_to_string(*prepared.physical);
  return out;
}

namespace {

// Runs the query, handing its batches in order to `writer` (a ParquetWriter
// or CsvWriter, which discards its temporary file unless closed).
template <typename Writer>
void sink(const PlanPtr& plan, Writer& writer, const CollectOptions& options) {
  Prepared prepared = prepare(plan, options.optimizer);
  exec::ExecContext context{options.cancellation};
  exec::drive_in_order(open_root(prepared, context), context, [&](exec::Batches&& batches) {
    for (const RecordBatch& batch : batches)
      if (batch.num_rows > 0) writer.write(Table::from_batches(plan->schema, {batch}));
    return true;
  });
  context.check();
  writer.close();
}

}  // namespace

void LazyFrame::sink_parquet(const std::string& path, const ParquetWriteOptions& write,
                             const CollectOptions& options) const {
  ParquetWriter writer(path, schema(), write);
  sink(plan_, writer, options);
}

void LazyFrame::sink_csv(const std::string& path, const CsvWriteOptions& write, const CollectOptions& options) const {
  CsvWriter writer(path, schema(), write);
  sink(plan_, writer, options);
}

std::string QueryProfile::to_string() const {
  std::ostringstream out;
  char line[256];
  std::snprintf(line, sizeof line, "%-40s %12s %10s %12s\n", "operator", "rows", "batches", "time (ms)");
  out << line;
  for (const OperatorProfile& op : operators) {
    const std::string name = std::string(static_cast<size_t>(op.depth) * 2, ' ') + op.name;
    std::snprintf(line, sizeof line, "%-40s %12lld %10lld %12.3f\n", name.c_str(), static_cast<long long>(op.rows_out),
                  static_cast<long long>(op.batches_out), static_cast<double>(op.time.count()) / 1e6);
    out << line;
  }
  std::snprintf(line, sizeof line, "total %.3f ms (wall clock)\n", static_cast<double>(total.count()) / 1e6);
  out << line;
  return out.str();
}

}  // namespace strata
