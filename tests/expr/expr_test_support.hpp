#pragma once
// Tables and readable results for the expression tests.
#include <string>
#include <utility>
#include <vector>

#include "strata/core/builder.hpp"
#include "strata/core/table.hpp"
#include "strata/expr/evaluate.hpp"

namespace strata::expr_testing {

using Strings = std::vector<std::string>;

/// A table with one chunk per column.
inline Table make_table(const std::vector<std::pair<std::string, Array>>& columns) {
  std::vector<Field> fields;
  std::vector<ChunkedArray> data;
  for (const auto& [name, array] : columns) {
    fields.push_back({name, array.type()});
    data.emplace_back(array);
  }
  return Table(Schema(fields), std::move(data));
}

inline Strings rendered(const ChunkedArray& column) {
  Strings out;
  for (const Array& chunk : column.chunks())
    for (int64_t i = 0; i < chunk.length(); ++i) out.push_back(chunk.value_to_string(i));
  return out;
}

/// evaluate() rendered as strings.
inline Strings values_of(const Expr& expr, const Table& table) { return rendered(evaluate(expr, table)); }

template <typename T>
Array fixed_array(const DataType& type, const std::vector<std::optional<T>>& values) {
  FixedWidthBuilder<T> builder(type);
  for (const auto& v : values) builder.append(v);
  return builder.finish();
}

}  // namespace strata::expr_testing
