#pragma once
// Custom constraints: a Strata expression, or a C++ function over a batch,
// that says for every row whether it passes. Schemas hold them inline;
// schema files refer to them by name through a CheckRegistry, since files
// carry no expression syntax.
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "strata/core/array.hpp"
#include "strata/core/table.hpp"
#include "strata/expr/expr.hpp"

namespace strata {

/// A row predicate written in C++: returns one Bool per row of `batch`
/// (true = the row passes; null = the row passes, as with expressions).
/// Must be callable from several threads at once.
using BatchPredicate = std::function<Array(const RecordBatch& batch)>;

/// A named row-level constraint. Rows where it evaluates to false fail;
/// rows where it is null pass (the rule of SQL CHECK constraints), so a
/// comparison with a null operand does not fail: combine with
/// `is_not_null()` or declare the column non-nullable to forbid nulls.
class CustomCheck {
 public:
  /// An element-wise Bool expression, e.g. col("end") >= col("start").
  /// Throws InvalidInputError for an empty name or an expression with an
  /// aggregation (it could not be evaluated batch by batch).
  CustomCheck(std::string name, Expr expression, std::string description = "");
  /// A C++ predicate; `columns` are the columns it reads, whose values are
  /// shown for failing rows. Throws InvalidInputError for an empty name or
  /// predicate.
  CustomCheck(std::string name, BatchPredicate predicate, std::vector<std::string> columns,
              std::string description = "");

  const std::string& name() const { return name_; }
  const std::string& description() const { return description_; }
  /// The expression, for expression checks.
  const std::optional<Expr>& expression() const { return expression_; }
  /// The columns the check reads (from the expression, or as declared).
  const std::vector<std::string>& columns() const { return columns_; }
  /// "name: expression" or "name" (for C++ predicates), for reports.
  std::string to_string() const;

  /// Evaluates the check over a batch: Bool, one value per row. Throws
  /// TypeError when the expression is not Bool over this batch.
  Array evaluate(const RecordBatch& batch) const;

 private:
  std::string name_;
  std::string description_;
  std::optional<Expr> expression_;
  BatchPredicate predicate_;
  std::vector<std::string> columns_;
};

/// Named checks that schema files can refer to ("checks: [end_after_start]").
/// Register them in C++ before loading a schema file. Thread-safe.
class CheckRegistry {
 public:
  /// The process-wide registry used by default when loading schema files.
  static CheckRegistry& global();

  /// Adds a check under its name; InvalidInputError if the name is taken.
  void add(CustomCheck check);
  /// Adds or replaces the check of that name.
  void add_or_replace(CustomCheck check);
  /// The check named `name`; InvalidInputError naming the closest
  /// registered name and how to register it, when there is none.
  CustomCheck get(const std::string& name) const;
  bool contains(const std::string& name) const;
  std::vector<std::string> names() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, CustomCheck> checks_;
};

}  // namespace strata
