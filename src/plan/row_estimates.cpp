// Row estimates: exact source sizes where known, then fixed factors per
// operation. The factors only need to rank the two sides of a join, so they
// follow common practice rather than data: an equality keeps a tenth, a
// range a third, a membership test a tenth per value, a string pattern a
// tenth, anything else a half; a grouping gives a tenth of its rows per key.
// A key join is assumed to relate a larger input to a smaller one whose
// keys are distinct (a fact table to a dimension), so the larger keeps the
// share of rows the smaller's filters kept.
#include "strata/plan/row_estimates.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "strata/expr/evaluate.hpp"
#include "strata/expr/expr_node.hpp"

namespace strata::plan {

namespace {

constexpr double kEqualitySelectivity = 0.1;
constexpr double kRangeSelectivity = 1.0 / 3;
constexpr double kOtherSelectivity = 0.5;
constexpr double kMinSelectivity = 1e-4;
// A string pattern test (starts_with, ends_with, contains).
constexpr double kStringMatchSelectivity = 0.1;
// Groups per input row of a grouping by one key (more keys, more groups,
// up to kDistinctPerRow), distinct rows of unique().
constexpr double kGroupsPerRow = 0.1;
constexpr double kDistinctPerRow = 0.5;
// A CSV row when only the file's size is known.
constexpr double kCsvBytesPerRow = 100;

double conjunct_selectivity(const Expr& conjunct) {
  const ExprNode& node = conjunct.node();
  if (node.kind == ExprKind::Binary) {
    if (node.name == "eq") return kEqualitySelectivity;
    if (node.name == "lt" || node.name == "le" || node.name == "gt" || node.name == "ge") return kRangeSelectivity;
    if (node.name == "ne") return 1 - kEqualitySelectivity;
    if (node.name == "or")
      return std::min(1.0, estimated_selectivity(node.inputs[0]) + estimated_selectivity(node.inputs[1]));
  }
  if (node.kind == ExprKind::Function) {
    if (node.name == "is_in") return std::min(1.0, kEqualitySelectivity * static_cast<double>(std::max<size_t>(1, node.scalars.size())));
    if (node.name == "between") return kRangeSelectivity * kRangeSelectivity;
    if (node.name == "str.starts_with" || node.name == "str.ends_with" || node.name == "str.contains")
      return kStringMatchSelectivity;
  }
  return kOtherSelectivity;
}

double source_rows(const ScanSource& source) {
  if (const std::optional<int64_t> rows = source.known_rows()) return static_cast<double>(*rows);
  double bytes = 0;
  for (const ScanFile& file : source.files) {
    std::error_code error;
    const auto size = std::filesystem::file_size(file.path, error);
    if (!error) bytes += static_cast<double>(size);
  }
  return bytes / kCsvBytesPerRow;
}

}  // namespace

double estimated_selectivity(const Expr& predicate) {
  std::vector<Expr> conjuncts;
  split_conjuncts(predicate, conjuncts);
  double selectivity = 1;
  for (const Expr& conjunct : conjuncts) selectivity *= conjunct_selectivity(conjunct);
  return std::clamp(selectivity, kMinSelectivity, 1.0);
}

namespace {

// Rows a node gives, and how many it would give without the filters below
// it: their ratio is how selective the node's rows are, which a join
// passes on to its other side.
struct Estimate {
  double rows = 1;
  double unfiltered = 1;
  double kept() const { return std::min(1.0, rows / unfiltered); }
};

Estimate estimate(const PlanNode& node) {
  auto input = [&](size_t i = 0) { return estimate(node.input(i)); };
  auto scaled = [](Estimate e, double factor) { return Estimate{e.rows * factor, e.unfiltered}; };
  auto fresh = [](double rows) { return Estimate{rows, rows}; };
  switch (node.kind) {
    case PlanKind::Scan: {
      const double rows = source_rows(*node.source);
      Estimate e = fresh(rows);
      if (node.predicate) e.rows *= estimated_selectivity(*node.predicate);
      if (node.limit) e.rows = std::min(e.rows, static_cast<double>(*node.limit));
      return e;
    }
    case PlanKind::Filter: return scaled(input(), estimated_selectivity(*node.predicate));
    case PlanKind::Select: {
      // Only aggregations (a scalar subquery's one row, say): one row.
      const bool aggregates = std::all_of(node.exprs.begin(), node.exprs.end(),
                                          [](const Expr& expr) { return contains_aggregation(expr); });
      return aggregates && !node.exprs.empty() ? fresh(1) : input();
    }
    // Groups and distinct rows start afresh: a later filter on them is what
    // a join with them selects.
    case PlanKind::Aggregate:
      return fresh(input().rows * std::min(kDistinctPerRow, kGroupsPerRow * static_cast<double>(node.keys.size())));
    case PlanKind::Unique: return fresh(input().rows * kDistinctPerRow);
    case PlanKind::GroupHead:
    case PlanKind::GroupTopK: return scaled(input(), kDistinctPerRow);
    case PlanKind::Slice:
    case PlanKind::TopK: {
      Estimate e = input();
      if (node.length >= 0) e.rows = std::min(e.rows, static_cast<double>(node.length));
      return e;
    }
    case PlanKind::Concat: {
      Estimate total{0, 0};
      for (size_t i = 0; i < node.inputs.size(); ++i) {
        const Estimate part = input(i);
        total.rows += part.rows;
        total.unfiltered += part.unfiltered;
      }
      return total;
    }
    case PlanKind::Join: {
      const Estimate left = input(0), right = input(1);
      switch (node.join.how) {
        // A key join of a larger input with a smaller one (a fact with a
        // dimension): the larger keeps the share of keys the smaller kept.
        case compute::JoinType::Inner:
          return left.rows >= right.rows ? scaled(left, right.kept()) : scaled(right, left.kept());
        case compute::JoinType::Left: return left;
        case compute::JoinType::Right: return right;
        case compute::JoinType::Full: return Estimate{left.rows + right.rows, left.unfiltered + right.unfiltered};
        case compute::JoinType::Semi: return scaled(left, right.kept());
        case compute::JoinType::Anti: return scaled(left, std::max(kOtherSelectivity, 1 - right.kept()));
        case compute::JoinType::Cross: return fresh(left.rows * right.rows);
      }
      return left;
    }
    default: return input();  // row-wise operations keep their input's size
  }
}

}  // namespace

double estimated_rows(const PlanNode& node) { return std::max(estimate(node).rows, 1.0); }

}  // namespace strata::plan
