// explode and unnest: turning list and struct columns into rows and columns.
#include "strata/compute/selection.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/nested.hpp"
#include "strata/core/error.hpp"
#include "strata/frame/dataframe.hpp"

namespace strata {

DataFrame DataFrame::explode(const std::string& name) const {
  const Series& target = column(name);
  if (target.type().id() != TypeId::List)
    throw TypeError("cannot explode column '" + name + "' of type " + target.type().to_string() +
                    "; explode needs a list column (e.g. from str().split())");
  const Array lists = target.array();
  const int64_t* offsets = lists.list_offsets();
  // One output row per item; an empty or null list still yields one (null) row.
  std::vector<int64_t> row_of_output, item_of_output;
  for (int64_t row = 0; row < lists.length(); ++row) {
    const int64_t begin = offsets[row], end = offsets[row + 1];
    if (lists.is_null(row) || begin == end) {
      row_of_output.push_back(row);
      item_of_output.push_back(-1);
      continue;
    }
    for (int64_t item = begin; item < end; ++item) {
      row_of_output.push_back(row);
      item_of_output.push_back(item);
    }
  }
  std::vector<Series> out;
  for (const auto& column : columns_) {
    if (column.name() == name) out.emplace_back(name, compute::take(lists.list_items(), item_of_output));
    else out.emplace_back(column.name(), compute::take(column.data(), row_of_output));
  }
  return DataFrame(std::move(out));
}

DataFrame DataFrame::unnest(const std::string& name) const {
  const Series& target = column(name);
  if (target.type().id() != TypeId::Struct)
    throw TypeError("cannot unnest column '" + name + "' of type " + target.type().to_string() +
                    "; unnest needs a struct column");
  const Array structs = target.array();
  std::vector<Series> out;
  for (const auto& column : columns_) {
    if (column.name() != name) {
      out.push_back(column);
      continue;
    }
    for (const auto& field : target.type().fields())
      out.emplace_back(field.name, struct_field_by_name(structs, field.name));
  }
  return DataFrame(std::move(out));
}

}  // namespace strata
