#pragma once
// The expression tree's node, exposed for the layers that rewrite or
// evaluate expressions (group-by, the optimizer). User code builds nodes
// through the functions in expr.hpp only.
#include <optional>
#include <string>
#include <vector>

#include "strata/expr/expr.hpp"

namespace strata {

enum class ExprKind {
  Column,      // name
  Literal,     // literal
  Alias,       // inputs[0], name
  Cast,        // inputs[0], type, cast_mode
  Binary,      // inputs[0..1], op (function name: "add", "sub", "mul", "div", "mod",
               //   "floordiv", "eq", "ne", "lt", "le", "gt", "ge", "and", "or")
  Function,    // inputs..., function name and parameters (see expr_functions.hpp)
  Aggregate,   // inputs[0] (inputs[0..1] for the pair aggregates corr, cov), agg, agg_options
  When,        // inputs: cond0, value0, cond1, value1, ..., otherwise
};

struct ExprNode {
  ExprKind kind;
  std::string name;             // Column name, Alias name, or Function/Binary op name
  Scalar literal;               // Literal
  // Literal: a plain C++ number (lit(1), lit(2.5)) whose type yields to the
  // other operand's when the value fits (docs/semantics.md, "integer literal
  // next to a column"). Literals built from a Scalar are not weak.
  bool weak_literal = false;
  DataType type;                // Cast target
  CastMode cast_mode = CastMode::Strict;
  compute::AggKind agg = compute::AggKind::Sum;
  compute::AggOptions agg_options;
  std::vector<Expr> inputs;
  // Function parameters (meaning depends on the function)
  std::vector<Scalar> scalars;      // e.g. is_in values
  std::vector<std::string> strings; // e.g. pattern, replacement
  std::vector<int64_t> integers;    // e.g. slice offset/length, round decimals
  bool flag = false;                // e.g. regex
};

}  // namespace strata
