#pragma once
// Expressions: immutable trees describing column computations, shared by
// the eager DataFrame (evaluated at once) and the lazy engine (optimized
// first). Build them with col(), lit() and the operators below.
//
//   (col("price") * col("qty")).alias("revenue")
//   when(col("x") > 0).then(lit("pos")).otherwise(lit("neg"))
//   col("name").str().contains("^A", /*regex=*/true)
//   col("amount").sum()
#include <memory>
#include <string>
#include <vector>

#include "strata/compute/aggregate.hpp"
#include "strata/compute/cast.hpp"
#include "strata/core/scalar.hpp"
#include "strata/core/types.hpp"

namespace strata {

struct ExprNode;

// CastMode (Strict, NullOnFailure) is declared with the cast kernel in
// strata/compute/cast.hpp.

class Expr;
class StringExpr;
class TemporalExpr;

class Expr {
 public:
  explicit Expr(std::shared_ptr<const ExprNode> node);

  const ExprNode& node() const { return *node_; }
  const std::shared_ptr<const ExprNode>& node_ptr() const { return node_; }

  // Naming
  Expr alias(const std::string& name) const;
  /// The name of the column this expression produces (its leftmost column,
  /// or its alias; "literal" for literals).
  std::string output_name() const;
  std::string to_string() const;

  // Null handling and types
  Expr is_null() const;
  Expr is_not_null() const;
  Expr fill_null(const Expr& value) const;
  Expr cast(const DataType& type, CastMode mode = CastMode::Strict) const;

  // Predicates
  Expr is_in(const std::vector<Scalar>& values) const;
  Expr between(const Expr& low, const Expr& high) const;  // inclusive both ends

  // Math
  Expr abs() const;
  Expr round(int decimals = 0) const;  // half away from zero
  Expr floor() const;
  Expr ceil() const;
  Expr sqrt() const;
  Expr log() const;  // natural
  Expr exp() const;
  Expr pow(const Expr& exponent) const;

  // Aggregations (usable in select and in group_by().agg())
  Expr sum() const;
  Expr mean() const;
  Expr min() const;
  Expr max() const;
  Expr count() const;       // non-null values
  Expr null_count() const;
  Expr len() const;         // rows, nulls included
  Expr n_unique() const;
  Expr first() const;
  Expr last() const;
  Expr std(int ddof = 1) const;
  Expr var(int ddof = 1) const;
  Expr median() const;
  Expr quantile(double q) const;

  // Namespaces
  StringExpr str() const;
  TemporalExpr dt() const;

 private:
  std::shared_ptr<const ExprNode> node_;
};

/// String functions. Positions and lengths count Unicode code points.
class StringExpr {
 public:
  explicit StringExpr(Expr input) : input_(std::move(input)) {}
  Expr len_chars() const;
  Expr len_bytes() const;
  Expr contains(const std::string& pattern, bool regex = false) const;
  Expr starts_with(const std::string& prefix) const;
  Expr ends_with(const std::string& suffix) const;
  Expr to_lowercase() const;
  Expr to_uppercase() const;
  Expr strip(const std::string& characters = " \t\r\n") const;
  /// Replaces every match (literal, or RE2 regex with \1-style groups).
  Expr replace(const std::string& pattern, const std::string& replacement, bool regex = false) const;
  /// Code points [offset, offset + length); negative offset counts from the end.
  Expr slice(int64_t offset, std::optional<int64_t> length = std::nullopt) const;
  /// Splits into a list of strings.
  Expr split(const std::string& separator) const;

 private:
  Expr input_;
};

/// Date/time functions over Date and Timestamp columns (Timestamp with a time
/// zone is interpreted in UTC).
class TemporalExpr {
 public:
  explicit TemporalExpr(Expr input) : input_(std::move(input)) {}
  Expr year() const;
  Expr month() const;
  Expr day() const;
  Expr hour() const;
  Expr minute() const;
  Expr second() const;
  Expr weekday() const;  // ISO: Monday = 1 .. Sunday = 7
  /// Truncates to the start of the day or month: keeps the input type.
  Expr truncate_day() const;
  Expr truncate_month() const;

 private:
  Expr input_;
};

Expr col(const std::string& name);
Expr lit(const Scalar& value);
Expr lit(int64_t value);
Expr lit(int value);
Expr lit(double value);
Expr lit(bool value);
Expr lit(const char* value);
Expr lit(const std::string& value);
/// A typed null literal.
Expr lit_null(const DataType& type = DataType::null());

// Aggregations of two columns (usable in select and in group_by().agg()),
// over the rows where both are non-null; named after x.
/// Pearson correlation (Float64); null for fewer than two rows or when x or
/// y is constant.
Expr corr(const Expr& x, const Expr& y);
/// Covariance (Float64) with `ddof` (1: sample covariance); null for ddof or
/// fewer rows.
Expr cov(const Expr& x, const Expr& y, int ddof = 1);

// Arithmetic with numeric type promotion; date ± duration, timestamp ±
// duration, date - date and timestamp - timestamp give durations.
Expr operator+(const Expr& a, const Expr& b);
Expr operator-(const Expr& a, const Expr& b);
Expr operator*(const Expr& a, const Expr& b);
Expr operator/(const Expr& a, const Expr& b);  // true division: Float64
Expr operator%(const Expr& a, const Expr& b);
Expr operator-(const Expr& a);
/// Integer division rounding toward negative infinity (Python // semantics).
Expr floordiv(const Expr& a, const Expr& b);

Expr operator==(const Expr& a, const Expr& b);
Expr operator!=(const Expr& a, const Expr& b);
Expr operator<(const Expr& a, const Expr& b);
Expr operator<=(const Expr& a, const Expr& b);
Expr operator>(const Expr& a, const Expr& b);
Expr operator>=(const Expr& a, const Expr& b);
Expr operator&&(const Expr& a, const Expr& b);  // Kleene logic
Expr operator||(const Expr& a, const Expr& b);
Expr operator!(const Expr& a);

// Mixed operands: an arithmetic or string literal on either side.
template <typename T, typename = std::enable_if_t<!std::is_same_v<std::decay_t<T>, Expr>>>
Expr operator+(const Expr& a, T b) { return a + lit(b); }
template <typename T, typename = std::enable_if_t<!std::is_same_v<std::decay_t<T>, Expr>>>
Expr operator-(const Expr& a, T b) { return a - lit(b); }
template <typename T, typename = std::enable_if_t<!std::is_same_v<std::decay_t<T>, Expr>>>
Expr operator*(const Expr& a, T b) { return a * lit(b); }
template <typename T, typename = std::enable_if_t<!std::is_same_v<std::decay_t<T>, Expr>>>
Expr operator/(const Expr& a, T b) { return a / lit(b); }
template <typename T, typename = std::enable_if_t<!std::is_same_v<std::decay_t<T>, Expr>>>
Expr operator%(const Expr& a, T b) { return a % lit(b); }
template <typename T, typename = std::enable_if_t<!std::is_same_v<std::decay_t<T>, Expr>>>
Expr operator==(const Expr& a, T b) { return a == lit(b); }
template <typename T, typename = std::enable_if_t<!std::is_same_v<std::decay_t<T>, Expr>>>
Expr operator!=(const Expr& a, T b) { return a != lit(b); }
template <typename T, typename = std::enable_if_t<!std::is_same_v<std::decay_t<T>, Expr>>>
Expr operator<(const Expr& a, T b) { return a < lit(b); }
template <typename T, typename = std::enable_if_t<!std::is_same_v<std::decay_t<T>, Expr>>>
Expr operator<=(const Expr& a, T b) { return a <= lit(b); }
template <typename T, typename = std::enable_if_t<!std::is_same_v<std::decay_t<T>, Expr>>>
Expr operator>(const Expr& a, T b) { return a > lit(b); }
template <typename T, typename = std::enable_if_t<!std::is_same_v<std::decay_t<T>, Expr>>>
Expr operator>=(const Expr& a, T b) { return a >= lit(b); }

// A number on the left: 2 * col("x"), 1 - col("x"), 0 < col("x").
template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
Expr operator+(T a, const Expr& b) { return lit(a) + b; }
template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
Expr operator-(T a, const Expr& b) { return lit(a) - b; }
template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
Expr operator*(T a, const Expr& b) { return lit(a) * b; }
template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
Expr operator/(T a, const Expr& b) { return lit(a) / b; }
template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
Expr operator%(T a, const Expr& b) { return lit(a) % b; }
template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
Expr operator==(T a, const Expr& b) { return lit(a) == b; }
template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
Expr operator!=(T a, const Expr& b) { return lit(a) != b; }
template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
Expr operator<(T a, const Expr& b) { return lit(a) < b; }
template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
Expr operator<=(T a, const Expr& b) { return lit(a) <= b; }
template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
Expr operator>(T a, const Expr& b) { return lit(a) > b; }
template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
Expr operator>=(T a, const Expr& b) { return lit(a) >= b; }

/// when(cond).then(a).when(cond2).then(b).otherwise(c)
class WhenThen;
class When {
 public:
  WhenThen then(const Expr& value) const;

 private:
  friend When when(const Expr&);
  friend class WhenThen;
  When(std::vector<std::pair<Expr, Expr>> branches, Expr condition)
      : branches_(std::move(branches)), condition_(std::move(condition)) {}
  std::vector<std::pair<Expr, Expr>> branches_;
  Expr condition_;
};

class WhenThen {
 public:
  When when(const Expr& condition) const;
  Expr otherwise(const Expr& value) const;
  /// Without otherwise(): rows matching no branch are null.
  operator Expr() const;

 private:
  friend class When;
  explicit WhenThen(std::vector<std::pair<Expr, Expr>> branches) : branches_(std::move(branches)) {}
  std::vector<std::pair<Expr, Expr>> branches_;
};

When when(const Expr& condition);

}  // namespace strata
