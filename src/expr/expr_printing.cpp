// Expr::to_string and Expr::output_name.
#include <sstream>

#include "strata/expr/expr.hpp"
#include "strata/expr/expr_node.hpp"

namespace strata {

namespace {

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string literal_text(const ExprNode& node) {
  const Scalar& value = node.literal;
  const TypeId id = value.type().id();
  if (value.is_null()) return id == TypeId::Null ? "null" : "lit_null(" + value.type().to_string() + ")";
  if (id == TypeId::String) return quoted(value.as_string());
  if (id == TypeId::Bool || node.weak_literal || id == TypeId::Int64 || id == TypeId::Float64)
    return value.to_string();
  return "lit(" + value.to_string() + ": " + value.type().to_string() + ")";
}

const char* binary_symbol(const std::string& op) {
  static const std::pair<const char*, const char*> symbols[] = {
      {"add", "+"}, {"sub", "-"}, {"mul", "*"}, {"div", "/"}, {"mod", "%"}, {"eq", "=="}, {"ne", "!="},
      {"lt", "<"},  {"le", "<="}, {"gt", ">"},  {"ge", ">="}, {"and", "&&"}, {"or", "||"},
  };
  for (const auto& [name, symbol] : symbols)
    if (op == name) return symbol;
  return nullptr;
}

std::string function_text(const ExprNode& node) {
  const std::string input = node.inputs.empty() ? "" : node.inputs[0].to_string();
  if (node.name == "neg") return "-" + input;
  if (node.name == "not") return "!" + input;
  std::string arguments;
  const auto add = [&](const std::string& text) { arguments += (arguments.empty() ? "" : ", ") + text; };
  for (size_t i = 1; i < node.inputs.size(); ++i) add(node.inputs[i].to_string());
  if (node.name == "is_in") {
    std::string list;
    for (const Scalar& value : node.scalars) {
      ExprNode literal{};
      literal.kind = ExprKind::Literal;
      literal.literal = value;
      list += (list.empty() ? "" : ", ") + literal_text(literal);
    }
    add("[" + list + "]");
  }
  for (const std::string& text : node.strings) add(quoted(text));
  for (int64_t integer : node.integers) add(std::to_string(integer));
  if (node.flag) add("regex");
  // "str.contains" prints as .str.contains(...), "abs" as .abs().
  return input + "." + node.name + "(" + arguments + ")";
}

std::string aggregate_text(const ExprNode& node) {
  std::string arguments;
  if (node.agg == compute::AggKind::Quantile) {
    std::ostringstream text;
    text << node.agg_options.quantile;
    arguments = text.str();
  } else if ((node.agg == compute::AggKind::Std || node.agg == compute::AggKind::Var ||
              node.agg == compute::AggKind::Cov) &&
             node.agg_options.ddof != 1) {
    arguments = "ddof=" + std::to_string(node.agg_options.ddof);
  }
  if (compute::is_pair_aggregate(node.agg))  // corr(x, y), cov(x, y, ddof=0)
    return std::string(compute::agg_name(node.agg)) + "(" + node.inputs[0].to_string() + ", " +
           node.inputs[1].to_string() + (arguments.empty() ? "" : ", " + arguments) + ")";
  return node.inputs[0].to_string() + "." + compute::agg_name(node.agg) + "(" + arguments + ")";
}

std::string when_text(const ExprNode& node) {
  std::string out;
  for (size_t i = 0; i + 1 < node.inputs.size(); i += 2) {
    out += (i == 0 ? "when(" : ".when(") + node.inputs[i].to_string() + ").then(" +
           node.inputs[i + 1].to_string() + ")";
  }
  return out + ".otherwise(" + node.inputs.back().to_string() + ")";
}

// The leftmost column of the tree, depth first; nullptr when there is none.
const std::string* leftmost_column(const ExprNode& node) {
  if (node.kind == ExprKind::Column || node.kind == ExprKind::Alias) return &node.name;
  for (const Expr& input : node.inputs)
    if (const std::string* name = leftmost_column(input.node())) return name;
  return nullptr;
}

}  // namespace

std::string Expr::to_string() const {
  const ExprNode& n = node();
  switch (n.kind) {
    case ExprKind::Column: return "col(" + quoted(n.name) + ")";
    case ExprKind::Literal: return literal_text(n);
    case ExprKind::Alias: return n.inputs[0].to_string() + ".alias(" + quoted(n.name) + ")";
    case ExprKind::Cast:
      return n.inputs[0].to_string() + ".cast(" + n.type.to_string() +
             (n.cast_mode == CastMode::NullOnFailure ? ", null_on_failure" : "") + ")";
    case ExprKind::Binary: {
      const std::string left = n.inputs[0].to_string(), right = n.inputs[1].to_string();
      if (const char* symbol = binary_symbol(n.name)) return "(" + left + " " + symbol + " " + right + ")";
      return n.name + "(" + left + ", " + right + ")";
    }
    case ExprKind::Function: return function_text(n);
    case ExprKind::Aggregate: return aggregate_text(n);
    case ExprKind::When: return when_text(n);
  }
  return "?";
}

std::string Expr::output_name() const {
  const ExprNode& n = node();
  // when/then is named after its first value, as in Polars.
  if (n.kind == ExprKind::When) return n.inputs[1].output_name();
  if (const std::string* name = leftmost_column(n)) return *name;
  return "literal";
}

}  // namespace strata
