// DataFrame::sort and sort_by: a stable argsort of the key columns (see
// compute/sort.hpp) followed by one gather of every column.
#include <string>

#include "strata/compute/sort.hpp"
#include "strata/core/error.hpp"
#include "strata/expr/evaluate.hpp"
#include "strata/frame/dataframe.hpp"

namespace strata {

namespace {

std::vector<compute::SortKey> sort_keys(size_t count, const SortOptions& options) {
  const auto& descending = options.descending;
  if (descending.size() > 1 && descending.size() != count)
    throw InvalidInputError("sort got " + std::to_string(descending.size()) + " descending flags for " +
                            std::to_string(count) + " sort keys; give one flag per key, or one for all");
  std::vector<compute::SortKey> keys(count);
  for (size_t i = 0; i < count; ++i) {
    keys[i].descending = descending.empty() ? false : descending.size() == 1 ? descending[0] : descending[i];
    keys[i].nulls_last = options.nulls_last;
  }
  return keys;
}

DataFrame sort_frame(const DataFrame& frame, const std::vector<ChunkedArray>& keys, const SortOptions& options) {
  if (keys.empty()) throw InvalidInputError("sort needs at least one key column");
  const std::vector<int64_t> order = compute::sort_indices(keys, sort_keys(keys.size(), options));
  return frame.take(order);
}

}  // namespace

DataFrame DataFrame::sort(const std::vector<std::string>& by, const SortOptions& options) const {
  std::vector<ChunkedArray> keys;
  keys.reserve(by.size());
  for (const std::string& name : by) keys.push_back(column(name).data());
  return sort_frame(*this, keys, options);
}

DataFrame DataFrame::sort_by(const std::vector<Expr>& by, const SortOptions& options) const {
  const Table table = to_table();
  std::vector<ChunkedArray> keys;
  keys.reserve(by.size());
  for (const Expr& expr : by) {
    ChunkedArray key = evaluate(expr, table);
    if (key.length() != height_) {
      // A constant key (a literal or a whole-column aggregate) orders nothing.
      if (key.length() == 1) continue;
      throw InvalidInputError("sort key " + expr.to_string() + " has " + std::to_string(key.length()) +
                              " rows but the frame has " + std::to_string(height_));
    }
    keys.push_back(std::move(key));
  }
  if (keys.empty() && !by.empty()) return *this;
  return sort_frame(*this, keys, options);
}

}  // namespace strata
