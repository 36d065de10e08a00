#pragma once
// The eager DataFrame: an ordered set of equally long, uniquely named
// Series. Every operation returns a new DataFrame; columns are shared, so
// copies are cheap and a DataFrame can be read from many threads at once.
#include <initializer_list>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "strata/compute/join.hpp"
#include "strata/compute/sort.hpp"
#include "strata/core/table.hpp"
#include "strata/expr/expr.hpp"
#include "strata/frame/series.hpp"

namespace strata {

class GroupBy;

struct SortOptions {
  std::vector<bool> descending;  // per key; empty = all ascending; one value = all keys
  bool nulls_last = true;         // Polars' default puts nulls first; we follow SQL/pandas: last
  bool stable = true;             // always stable; kept for clarity at call sites
};

enum class UniqueKeep { First, Last, Any, None };

struct JoinOptions {
  compute::JoinType how = compute::JoinType::Inner;
  std::string suffix = "_right";  // appended to clashing right-hand column names
};

struct DescribeOptions {
  std::vector<double> percentiles{0.25, 0.5, 0.75};
};

class DataFrame {
 public:
  DataFrame() = default;
  /// Columns must be equally long with unique names; throws SchemaError.
  explicit DataFrame(std::vector<Series> columns);
  DataFrame(std::initializer_list<Series> columns) : DataFrame(std::vector<Series>(columns)) {}
  explicit DataFrame(const Table& table);
  /// A frame with no rows and the columns of `schema`.
  static DataFrame empty(const Schema& schema);

  // ---- Shape and access
  int64_t height() const { return height_; }
  int64_t width() const { return static_cast<int64_t>(columns_.size()); }
  std::pair<int64_t, int64_t> shape() const { return {height_, width()}; }
  bool empty() const { return height_ == 0; }
  Schema schema() const;
  std::vector<std::string> column_names() const;
  const std::vector<Series>& columns() const { return columns_; }
  const Series& column(const std::string& name) const;  // throws SchemaError with a hint
  const Series& column(int64_t index) const;
  const Series& operator[](const std::string& name) const { return column(name); }
  bool has_column(const std::string& name) const;
  Table to_table() const;

  // ---- Rows
  DataFrame head(int64_t n = 5) const;
  DataFrame tail(int64_t n = 5) const;
  DataFrame slice(int64_t offset, int64_t length) const;
  DataFrame limit(int64_t n) const { return head(n); }
  /// n rows drawn without replacement (or with), deterministic for a seed.
  DataFrame sample(int64_t n, bool with_replacement = false, uint64_t seed = 0) const;
  DataFrame sample_fraction(double fraction, bool with_replacement = false, uint64_t seed = 0) const;
  /// Gathers rows by index (-1 gives a row of nulls).
  DataFrame take(const std::vector<int64_t>& indices) const;

  // ---- Columns
  DataFrame select(const std::vector<Expr>& exprs) const;
  DataFrame select(const std::vector<std::string>& names) const;
  // Braced lists of names ({"a", "b"}) pick these overloads, not a vector's
  // or string's iterator-pair constructor.
  DataFrame select(std::initializer_list<std::string> names) const {
    return select(std::vector<std::string>(names));
  }
  DataFrame with_columns(const std::vector<Expr>& exprs) const;
  DataFrame with_column(const Series& series) const;
  DataFrame drop(const std::vector<std::string>& names) const;
  DataFrame rename(const std::vector<std::pair<std::string, std::string>>& mapping) const;
  DataFrame cast(const std::vector<std::pair<std::string, DataType>>& types, CastMode mode = CastMode::Strict) const;

  // ---- Filtering, ordering, deduplication
  DataFrame filter(const Expr& predicate) const;
  DataFrame sort(const std::vector<std::string>& by, const SortOptions& options = {}) const;
  DataFrame sort(const std::string& by, const SortOptions& options = {}) const {
    return sort(std::vector<std::string>{by}, options);
  }
  DataFrame sort(std::initializer_list<std::string> by, const SortOptions& options = {}) const {
    return sort(std::vector<std::string>(by), options);
  }
  DataFrame sort_by(const std::vector<Expr>& by, const SortOptions& options = {}) const;
  /// Keeps one row per distinct combination of `subset` (all columns when
  /// empty). With maintain_order the result keeps input order.
  DataFrame unique(const std::vector<std::string>& subset = {}, UniqueKeep keep = UniqueKeep::First,
                   bool maintain_order = true) const;
  DataFrame drop_nulls(const std::vector<std::string>& subset = {}) const;
  DataFrame fill_null(const Scalar& value) const;  // columns whose type accepts the value
  DataFrame fill_null(const Expr& value) const;

  // ---- Grouping and joining
  GroupBy group_by(const std::vector<std::string>& keys, bool maintain_order = true) const;
  GroupBy group_by(const std::vector<Expr>& keys, bool maintain_order = true) const;
  GroupBy group_by(std::initializer_list<std::string> keys, bool maintain_order = true) const;
  DataFrame join(const DataFrame& right, const std::vector<std::string>& on, const JoinOptions& options = {}) const;
  DataFrame join(const DataFrame& right, const std::vector<std::string>& left_on,
                 const std::vector<std::string>& right_on, const JoinOptions& options = {}) const;
  DataFrame cross_join(const DataFrame& right, const std::string& suffix = "_right") const;

  // ---- Nested data
  /// One row per list element of `column` (empty and null lists give a null).
  DataFrame explode(const std::string& column) const;
  /// Replaces a struct column by one column per field.
  DataFrame unnest(const std::string& column) const;

  // ---- Summary
  /// count, null_count, mean, std, min, percentiles, max for every column.
  DataFrame describe(const DescribeOptions& options = {}) const;
  std::string to_string(int64_t max_rows = 10) const;
  /// Same schema and values (see Series::equals).
  bool equals(const DataFrame& other) const;

 private:
  std::vector<Series> columns_;
  int64_t height_ = 0;
};

/// Vertical concatenation: schemas must match exactly (names, order, types).
DataFrame concat(const std::vector<DataFrame>& frames);
/// Horizontal concatenation: equal heights, unique names.
DataFrame concat_horizontal(const std::vector<DataFrame>& frames);

class GroupBy {
 public:
  GroupBy(DataFrame frame, std::vector<Expr> keys, bool maintain_order);
  /// One row per group: the keys, then one column per aggregation. Keys keep
  /// the order of first appearance when maintain_order is set, else sorted.
  DataFrame agg(const std::vector<Expr>& aggregations) const;
  DataFrame count() const;  // the keys and a "count" column of group sizes
  /// The first n rows of every group, in frame order within a group (sort
  /// the frame first for "the n largest per group"). Groups follow the
  /// order of agg(); the result holds the keys, then the frame's other
  /// columns. Throws InvalidInputError for a negative n.
  DataFrame head(int64_t n = 5) const;
  /// The k rows of every group with the largest `by` (the smallest when
  /// descending is false), best first; nulls rank below every value and
  /// ties keep frame order. The same rows as
  /// `sort(by, descending).group_by(keys).head(k)`, without sorting the
  /// frame when `by` is numeric or temporal and k <= 64. Groups follow
  /// the order of agg(). Throws InvalidInputError for a negative k.
  DataFrame top_k(int64_t k, const std::string& by, bool descending = true) const;

 private:
  DataFrame frame_;
  std::vector<Expr> keys_;
  bool maintain_order_;
};

std::ostream& operator<<(std::ostream& out, const DataFrame& frame);

}  // namespace strata
