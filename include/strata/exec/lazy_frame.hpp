#pragma once
// The lazy API: a LazyFrame records operations as a logical plan; nothing
// is read or computed until collect() (or a sink) runs it. Before running,
// the optimizer rewrites the plan (see plan/optimizer.hpp) and the executor
// runs it as morsel-driven pipelines on the shared thread pool: sources
// emit batches (Parquet row groups, CSV files, ~64k-row slices of a frame),
// streaming operations (filter, select, with_columns, ...) run fused on
// each batch, and pipeline breakers (group-by, join, sort, unique, ...)
// run the same kernels as the eager DataFrame over their whole input.
//
//   auto result = strata::scan_parquet("events/**/*.parquet")
//                     .filter(col("value") > 100)
//                     .group_by({"category"})
//                     .agg({col("amount").sum().alias("total")})
//                     .sort("total", {.descending = {true}})
//                     .collect();
//
// Every operation checks its arguments against the schema at once: an
// unknown column or a type mismatch throws when the query is written,
// naming the operation, with a "did you mean" hint.
#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "strata/core/cancellation.hpp"
#include "strata/frame/dataframe.hpp"
#include "strata/io/csv.hpp"
#include "strata/io/parquet.hpp"
#include "strata/plan/logical_plan.hpp"
#include "strata/plan/optimizer.hpp"
#include "strata/plan/scan_source.hpp"

namespace strata {

using plan::ScanCsvOptions;
using plan::ScanParquetOptions;

struct CollectOptions {
  plan::OptimizerOptions optimizer;
  /// Cancelling it from another thread stops the query at its next batch
  /// with CancelledError.
  CancellationToken cancellation;
};

/// What one operator of an executed query did.
struct OperatorProfile {
  std::string name;        // e.g. "filter", "parquet scan"
  std::string detail;      // the physical choice, e.g. "hash group-by"
  int depth = 0;           // in the plan tree, 0 = the root
  int64_t rows_out = 0;
  int64_t batches_out = 0;
  /// Time in this operator alone (summed over the threads that ran it).
  std::chrono::nanoseconds time{0};
};

struct QueryProfile {
  std::vector<OperatorProfile> operators;  // root first, inputs after their consumer
  std::chrono::nanoseconds total{0};       // wall clock of the whole query
  std::string to_string() const;
};

class LazyGroupBy;

class LazyFrame {
 public:
  explicit LazyFrame(plan::PlanPtr plan);

  const plan::PlanPtr& logical_plan() const { return plan_; }
  /// The schema the query returns (known without running it).
  const Schema& schema() const { return plan_->schema; }
  std::vector<std::string> column_names() const { return plan_->schema.names(); }

  // ---- Columns
  LazyFrame select(const std::vector<Expr>& exprs) const;
  LazyFrame select(const std::vector<std::string>& names) const;
  LazyFrame select(std::initializer_list<std::string> names) const {
    return select(std::vector<std::string>(names));
  }
  LazyFrame with_columns(const std::vector<Expr>& exprs) const;
  LazyFrame with_column(const Expr& expr) const { return with_columns({expr}); }
  LazyFrame drop(const std::vector<std::string>& names) const;
  LazyFrame rename(const std::vector<std::pair<std::string, std::string>>& mapping) const;
  LazyFrame cast(const std::vector<std::pair<std::string, DataType>>& types, CastMode mode = CastMode::Strict) const;
  /// Prepends an Int64 column counting rows from `offset`.
  LazyFrame with_row_index(const std::string& name = "index", int64_t offset = 0) const;

  // ---- Rows
  LazyFrame filter(const Expr& predicate) const;
  LazyFrame head(int64_t n = 5) const { return slice(0, n); }
  LazyFrame limit(int64_t n) const { return slice(0, n); }
  /// Rows [offset, offset + length); length -1 = to the end.
  LazyFrame slice(int64_t offset, int64_t length) const;
  LazyFrame sort(const std::vector<std::string>& by, const SortOptions& options = {}) const;
  LazyFrame sort(const std::string& by, const SortOptions& options = {}) const {
    return sort(std::vector<std::string>{by}, options);
  }
  LazyFrame sort(std::initializer_list<std::string> by, const SortOptions& options = {}) const {
    return sort(std::vector<std::string>(by), options);
  }
  LazyFrame sort_by(const std::vector<Expr>& by, const SortOptions& options = {}) const;
  /// The first k rows of sort_by(by, options), without sorting everything.
  LazyFrame top_k(int64_t k, const std::vector<Expr>& by, const SortOptions& options = {}) const;
  LazyFrame unique(const std::vector<std::string>& subset = {}, UniqueKeep keep = UniqueKeep::First,
                   bool maintain_order = true) const;
  LazyFrame drop_nulls(const std::vector<std::string>& subset = {}) const;
  LazyFrame fill_null(const Scalar& value) const;
  LazyFrame fill_null(const Expr& value) const;
  LazyFrame explode(const std::string& column) const;
  LazyFrame unnest(const std::string& column) const;

  // ---- Grouping and joining
  LazyGroupBy group_by(const std::vector<Expr>& keys, bool maintain_order = true) const;
  LazyGroupBy group_by(const std::vector<std::string>& keys, bool maintain_order = true) const;
  LazyGroupBy group_by(std::initializer_list<std::string> keys, bool maintain_order = true) const;
  LazyFrame join(const LazyFrame& right, const std::vector<std::string>& on, const JoinOptions& options = {}) const;
  LazyFrame join(const LazyFrame& right, const std::vector<std::string>& left_on,
                 const std::vector<std::string>& right_on, const JoinOptions& options = {}) const;
  LazyFrame cross_join(const LazyFrame& right, const std::string& suffix = "_right") const;

  // ---- Running
  DataFrame collect(const CollectOptions& options = {}) const;
  /// collect() that also reports rows and time per operator.
  std::pair<DataFrame, QueryProfile> profile(const CollectOptions& options = {}) const;
  /// The logical plan as written, the optimized plan, and the physical plan
  /// with the algorithms chosen (files and row groups a scan will read).
  std::string explain(const plan::OptimizerOptions& optimizer = {}) const;
  /// The optimized logical plan alone.
  std::string explain_optimized(const plan::OptimizerOptions& optimizer = {}) const;
  /// Writes the result as it is computed, without holding it all, to one
  /// Parquet file that appears (atomically) only when the query succeeded.
  void sink_parquet(const std::string& path, const ParquetWriteOptions& write = {},
                    const CollectOptions& options = {}) const;
  void sink_csv(const std::string& path, const CsvWriteOptions& write = {}, const CollectOptions& options = {}) const;

 private:
  plan::PlanPtr plan_;
};

class LazyGroupBy {
 public:
  LazyGroupBy(plan::PlanPtr input, std::vector<Expr> keys, bool maintain_order)
      : input_(std::move(input)), keys_(std::move(keys)), maintain_order_(maintain_order) {}
  LazyFrame agg(const std::vector<Expr>& aggregations) const;
  LazyFrame count() const;
  /// The first n rows of every group (see GroupBy::head).
  LazyFrame head(int64_t n = 5) const;
  /// The k rows of every group with the largest `by` (see GroupBy::top_k).
  LazyFrame top_k(int64_t k, const std::string& by, bool descending = true) const;

 private:
  plan::PlanPtr input_;
  std::vector<Expr> keys_;
  bool maintain_order_;
};

/// A lazy scan of a Parquet file, a folder (every .parquet file below it)
/// or a glob (`*`, `?`, `**`); hive-style folders become typed columns.
/// Footers are read now (schema, row counts, statistics); data only when
/// the query runs.
LazyFrame scan_parquet(const std::string& path_or_glob, const ScanParquetOptions& options = {});
/// A lazy scan of CSV files. The schema is fixed now from the first file's
/// first rows (see ScanCsvOptions::schema_rows).
LazyFrame scan_csv(const std::string& path_or_glob, const ScanCsvOptions& options = {});
/// A lazy query over a frame in memory.
LazyFrame lazy(const DataFrame& frame);
/// Vertical concatenation; schemas must match exactly.
LazyFrame concat(const std::vector<LazyFrame>& frames);

}  // namespace strata
