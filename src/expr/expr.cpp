// Building expression nodes: col, lit, operators and the methods of Expr,
// StringExpr, TemporalExpr and when/then/otherwise.
#include "strata/expr/expr.hpp"

#include "strata/core/error.hpp"
#include "strata/expr/expr_node.hpp"

namespace strata {

namespace {

Expr make(ExprNode node) { return Expr(std::make_shared<const ExprNode>(std::move(node))); }

Expr function(const std::string& name, std::vector<Expr> inputs) {
  ExprNode node{};
  node.kind = ExprKind::Function;
  node.name = name;
  node.inputs = std::move(inputs);
  return make(std::move(node));
}

// A function of one input with a string parameter.
Expr function_with_strings(const std::string& name, const Expr& input, std::vector<std::string> strings,
                           bool flag = false) {
  ExprNode node{};
  node.kind = ExprKind::Function;
  node.name = name;
  node.inputs = {input};
  node.strings = std::move(strings);
  node.flag = flag;
  return make(std::move(node));
}

Expr binary(const char* op, const Expr& a, const Expr& b) {
  ExprNode node{};
  node.kind = ExprKind::Binary;
  node.name = op;
  node.inputs = {a, b};
  return make(std::move(node));
}

Expr aggregate(std::vector<Expr> inputs, compute::AggKind kind, compute::AggOptions options = {}) {
  ExprNode node{};
  node.kind = ExprKind::Aggregate;
  node.agg = kind;
  node.agg_options = options;
  node.inputs = std::move(inputs);
  return make(std::move(node));
}

Expr aggregate(const Expr& input, compute::AggKind kind, compute::AggOptions options = {}) {
  return aggregate(std::vector<Expr>{input}, kind, options);
}

Expr weak_literal(Scalar value) {
  ExprNode node{};
  node.kind = ExprKind::Literal;
  node.literal = std::move(value);
  node.weak_literal = true;
  return make(std::move(node));
}

}  // namespace

Expr::Expr(std::shared_ptr<const ExprNode> node) : node_(std::move(node)) {
  STRATA_CHECK(node_ != nullptr, "Expr built from a null node");
}

// ---- leaves ------------------------------------------------------------------

Expr col(const std::string& name) {
  ExprNode node{};
  node.kind = ExprKind::Column;
  node.name = name;
  return make(std::move(node));
}

Expr lit(const Scalar& value) {
  ExprNode node{};
  node.kind = ExprKind::Literal;
  node.literal = value;
  return make(std::move(node));
}

Expr lit(int64_t value) { return weak_literal(Scalar::int64(value)); }
Expr lit(int value) { return weak_literal(Scalar::int64(value)); }
Expr lit(double value) { return weak_literal(Scalar::float64(value)); }
Expr lit(bool value) { return lit(Scalar::boolean(value)); }
Expr lit(const char* value) { return lit(Scalar::string(value)); }
Expr lit(const std::string& value) { return lit(Scalar::string(value)); }
Expr lit_null(const DataType& type) { return lit(Scalar::null(type)); }

// ---- naming, nulls, types --------------------------------------------------------

Expr Expr::alias(const std::string& name) const {
  ExprNode node{};
  node.kind = ExprKind::Alias;
  node.name = name;
  node.inputs = {*this};
  return make(std::move(node));
}

Expr Expr::is_null() const { return function("is_null", {*this}); }
Expr Expr::is_not_null() const { return function("is_not_null", {*this}); }
Expr Expr::fill_null(const Expr& value) const { return function("fill_null", {*this, value}); }

Expr Expr::cast(const DataType& type, CastMode mode) const {
  ExprNode node{};
  node.kind = ExprKind::Cast;
  node.type = type;
  node.cast_mode = mode;
  node.inputs = {*this};
  return make(std::move(node));
}

Expr Expr::is_in(const std::vector<Scalar>& values) const {
  ExprNode node{};
  node.kind = ExprKind::Function;
  node.name = "is_in";
  node.inputs = {*this};
  node.scalars = values;
  return make(std::move(node));
}

Expr Expr::between(const Expr& low, const Expr& high) const { return function("between", {*this, low, high}); }

// ---- math ------------------------------------------------------------------------

Expr Expr::abs() const { return function("abs", {*this}); }
Expr Expr::floor() const { return function("floor", {*this}); }
Expr Expr::ceil() const { return function("ceil", {*this}); }
Expr Expr::sqrt() const { return function("sqrt", {*this}); }
Expr Expr::log() const { return function("log", {*this}); }
Expr Expr::exp() const { return function("exp", {*this}); }
Expr Expr::pow(const Expr& exponent) const { return function("pow", {*this, exponent}); }

Expr Expr::round(int decimals) const {
  ExprNode node{};
  node.kind = ExprKind::Function;
  node.name = "round";
  node.inputs = {*this};
  node.integers = {decimals};
  return make(std::move(node));
}

// ---- aggregations ------------------------------------------------------------------

Expr Expr::sum() const { return aggregate(*this, compute::AggKind::Sum); }
Expr Expr::mean() const { return aggregate(*this, compute::AggKind::Mean); }
Expr Expr::min() const { return aggregate(*this, compute::AggKind::Min); }
Expr Expr::max() const { return aggregate(*this, compute::AggKind::Max); }
Expr Expr::count() const { return aggregate(*this, compute::AggKind::Count); }
Expr Expr::null_count() const { return aggregate(*this, compute::AggKind::NullCount); }
Expr Expr::len() const { return aggregate(*this, compute::AggKind::Len); }
Expr Expr::n_unique() const { return aggregate(*this, compute::AggKind::NUnique); }
Expr Expr::first() const { return aggregate(*this, compute::AggKind::First); }
Expr Expr::last() const { return aggregate(*this, compute::AggKind::Last); }
Expr Expr::median() const { return aggregate(*this, compute::AggKind::Median); }

Expr Expr::std(int ddof) const {
  compute::AggOptions options;
  options.ddof = ddof;
  return aggregate(*this, compute::AggKind::Std, options);
}

Expr Expr::var(int ddof) const {
  compute::AggOptions options;
  options.ddof = ddof;
  return aggregate(*this, compute::AggKind::Var, options);
}

Expr Expr::quantile(double q) const {
  if (!(q >= 0.0 && q <= 1.0))
    throw InvalidInputError("quantile must be between 0 and 1, got " + std::to_string(q));
  compute::AggOptions options;
  options.quantile = q;
  return aggregate(*this, compute::AggKind::Quantile, options);
}

Expr corr(const Expr& x, const Expr& y) { return aggregate({x, y}, compute::AggKind::Corr); }

Expr cov(const Expr& x, const Expr& y, int ddof) {
  if (ddof < 0) throw InvalidInputError("cov: ddof must be >= 0, got " + std::to_string(ddof));
  compute::AggOptions options;
  options.ddof = ddof;
  return aggregate({x, y}, compute::AggKind::Cov, options);
}

StringExpr Expr::str() const { return StringExpr(*this); }
TemporalExpr Expr::dt() const { return TemporalExpr(*this); }

// ---- operators -----------------------------------------------------------------------

Expr operator+(const Expr& a, const Expr& b) { return binary("add", a, b); }
Expr operator-(const Expr& a, const Expr& b) { return binary("sub", a, b); }
Expr operator*(const Expr& a, const Expr& b) { return binary("mul", a, b); }
Expr operator/(const Expr& a, const Expr& b) { return binary("div", a, b); }
Expr operator%(const Expr& a, const Expr& b) { return binary("mod", a, b); }
Expr floordiv(const Expr& a, const Expr& b) { return binary("floordiv", a, b); }
Expr operator-(const Expr& a) { return function("neg", {a}); }

Expr operator==(const Expr& a, const Expr& b) { return binary("eq", a, b); }
Expr operator!=(const Expr& a, const Expr& b) { return binary("ne", a, b); }
Expr operator<(const Expr& a, const Expr& b) { return binary("lt", a, b); }
Expr operator<=(const Expr& a, const Expr& b) { return binary("le", a, b); }
Expr operator>(const Expr& a, const Expr& b) { return binary("gt", a, b); }
Expr operator>=(const Expr& a, const Expr& b) { return binary("ge", a, b); }
Expr operator&&(const Expr& a, const Expr& b) { return binary("and", a, b); }
Expr operator||(const Expr& a, const Expr& b) { return binary("or", a, b); }
Expr operator!(const Expr& a) { return function("not", {a}); }

// ---- str -------------------------------------------------------------------------------

Expr StringExpr::len_chars() const { return function("str.len_chars", {input_}); }
Expr StringExpr::len_bytes() const { return function("str.len_bytes", {input_}); }
Expr StringExpr::to_lowercase() const { return function("str.to_lowercase", {input_}); }
Expr StringExpr::to_uppercase() const { return function("str.to_uppercase", {input_}); }

Expr StringExpr::contains(const std::string& pattern, bool regex) const {
  return function_with_strings("str.contains", input_, {pattern}, regex);
}
Expr StringExpr::starts_with(const std::string& prefix) const {
  return function_with_strings("str.starts_with", input_, {prefix});
}
Expr StringExpr::ends_with(const std::string& suffix) const {
  return function_with_strings("str.ends_with", input_, {suffix});
}
Expr StringExpr::strip(const std::string& characters) const {
  return function_with_strings("str.strip", input_, {characters});
}
Expr StringExpr::replace(const std::string& pattern, const std::string& replacement, bool regex) const {
  return function_with_strings("str.replace", input_, {pattern, replacement}, regex);
}
Expr StringExpr::split(const std::string& separator) const {
  return function_with_strings("str.split", input_, {separator});
}

Expr StringExpr::slice(int64_t offset, std::optional<int64_t> length) const {
  if (length && *length < 0)
    throw InvalidInputError("str.slice length must not be negative, got " + std::to_string(*length));
  ExprNode node{};
  node.kind = ExprKind::Function;
  node.name = "str.slice";
  node.inputs = {input_};
  node.integers = {offset};
  if (length) node.integers.push_back(*length);
  return make(std::move(node));
}

// ---- dt --------------------------------------------------------------------------------

Expr TemporalExpr::year() const { return function("dt.year", {input_}); }
Expr TemporalExpr::month() const { return function("dt.month", {input_}); }
Expr TemporalExpr::day() const { return function("dt.day", {input_}); }
Expr TemporalExpr::hour() const { return function("dt.hour", {input_}); }
Expr TemporalExpr::minute() const { return function("dt.minute", {input_}); }
Expr TemporalExpr::second() const { return function("dt.second", {input_}); }
Expr TemporalExpr::weekday() const { return function("dt.weekday", {input_}); }
Expr TemporalExpr::truncate_day() const { return function("dt.truncate_day", {input_}); }
Expr TemporalExpr::truncate_month() const { return function("dt.truncate_month", {input_}); }

// ---- when / then / otherwise --------------------------------------------------------------

When when(const Expr& condition) { return When({}, condition); }

WhenThen When::then(const Expr& value) const {
  auto branches = branches_;
  branches.emplace_back(condition_, value);
  return WhenThen(std::move(branches));
}

When WhenThen::when(const Expr& condition) const { return When(branches_, condition); }

Expr WhenThen::otherwise(const Expr& value) const {
  ExprNode node{};
  node.kind = ExprKind::When;
  for (const auto& [condition, branch_value] : branches_) {
    node.inputs.push_back(condition);
    node.inputs.push_back(branch_value);
  }
  node.inputs.push_back(value);
  return make(std::move(node));
}

WhenThen::operator Expr() const { return otherwise(lit_null()); }

}  // namespace strata
