#include "strata/validate/custom_check.hpp"

#include <algorithm>

#include "strata/core/error.hpp"
#include "strata/expr/evaluate.hpp"
#include "strata/expr/expr_node.hpp"

namespace strata {

namespace {

void collect_columns(const ExprNode& node, std::vector<std::string>& names) {
  if (node.kind == ExprKind::Column) {
    if (std::find(names.begin(), names.end(), node.name) == names.end()) names.push_back(node.name);
    return;
  }
  for (const Expr& input : node.inputs) collect_columns(input.node(), names);
}

void require_name(const std::string& name) {
  if (name.empty())
    throw InvalidInputError("a custom check needs a name; it identifies the check in reports and schema files");
}

}  // namespace

CustomCheck::CustomCheck(std::string name, Expr expression, std::string description)
    : name_(std::move(name)), description_(std::move(description)), expression_(std::move(expression)) {
  require_name(name_);
  if (contains_aggregation(*expression_))
    throw InvalidInputError("custom check '" + name_ + "' uses an aggregation: " + expression_->to_string() +
                            "; checks are evaluated batch by batch, so they must be element-wise "
                            "(compare columns and literals row by row)");
  collect_columns(expression_->node(), columns_);
}

CustomCheck::CustomCheck(std::string name, BatchPredicate predicate, std::vector<std::string> columns,
                         std::string description)
    : name_(std::move(name)),
      description_(std::move(description)),
      predicate_(std::move(predicate)),
      columns_(std::move(columns)) {
  require_name(name_);
  if (!predicate_) throw InvalidInputError("custom check '" + name_ + "' has an empty predicate function");
}

std::string CustomCheck::to_string() const {
  return expression_ ? name_ + ": " + expression_->to_string() : name_;
}

Array CustomCheck::evaluate(const RecordBatch& batch) const {
  const Array result = expression_ ? evaluate_batch(*expression_, batch) : predicate_(batch);
  if (result.type().id() != TypeId::Bool && result.type().id() != TypeId::Null)
    throw TypeError("custom check '" + name_ + "' gives values of type " + result.type().to_string() +
                    ", expected bool (true where a row passes)");
  if (result.length() != batch.num_rows)
    throw InvalidInputError("custom check '" + name_ + "' gave " + std::to_string(result.length()) +
                            " values for a batch of " + std::to_string(batch.num_rows) +
                            " rows; it must give one value per row");
  return result;
}

CheckRegistry& CheckRegistry::global() {
  static CheckRegistry registry;
  return registry;
}

void CheckRegistry::add(CustomCheck check) {
  const std::lock_guard lock(mutex_);
  const std::string name = check.name();
  if (!checks_.emplace(name, std::move(check)).second)
    throw InvalidInputError("a custom check named '" + name +
                            "' is already registered; choose another name or use add_or_replace");
}

void CheckRegistry::add_or_replace(CustomCheck check) {
  const std::lock_guard lock(mutex_);
  const std::string name = check.name();
  checks_.insert_or_assign(name, std::move(check));
}

CustomCheck CheckRegistry::get(const std::string& name) const {
  const std::lock_guard lock(mutex_);
  if (auto it = checks_.find(name); it != checks_.end()) return it->second;
  std::vector<std::string> known;
  for (const auto& entry : checks_) known.push_back(entry.first);
  const std::string hint = closest_name(name, known);
  throw InvalidInputError("no custom check named '" + name + "' is registered" +
                          (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                          "; register it in C++ with CheckRegistry::global().add(CustomCheck(\"" + name +
                          "\", expression)) before loading the schema");
}

bool CheckRegistry::contains(const std::string& name) const {
  const std::lock_guard lock(mutex_);
  return checks_.count(name) > 0;
}

std::vector<std::string> CheckRegistry::names() const {
  const std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& entry : checks_) out.push_back(entry.first);
  return out;
}

}  // namespace strata
