// DataFrame::unique: rows grouped by the subset columns with the shared key
// tables (nulls equal to nulls, NaN to NaN), then one row kept per group.
#include <algorithm>
#include <string>

#include "strata/compute/grouping.hpp"
#include "strata/core/error.hpp"
#include "strata/frame/dataframe.hpp"

namespace strata {

DataFrame DataFrame::unique(const std::vector<std::string>& subset, UniqueKeep keep, bool maintain_order) const {
  // Rows are always returned in input order, which satisfies both values of
  // maintain_order; sorting them would cost more than it saves.
  (void)maintain_order;
  const std::vector<std::string> names = subset.empty() ? column_names() : subset;
  if (names.empty() || height_ == 0) return *this;
  std::vector<ChunkedArray> keys;
  keys.reserve(names.size());
  for (const std::string& name : names) keys.push_back(column(name).data());
  const compute::Grouping grouping = compute::group_rows(keys);

  std::vector<int64_t> rows;
  switch (keep) {
    case UniqueKeep::First:
    case UniqueKeep::Any:
      rows = grouping.first_row;  // ascending: group ids follow first appearance
      break;
    case UniqueKeep::Last: {
      std::vector<int64_t> last(static_cast<size_t>(grouping.num_groups), 0);
      for (size_t row = 0; row < grouping.group_ids.size(); ++row) last[grouping.group_ids[row]] = static_cast<int64_t>(row);
      rows = std::move(last);
      std::sort(rows.begin(), rows.end());
      break;
    }
    case UniqueKeep::None: {
      std::vector<int64_t> counts(static_cast<size_t>(grouping.num_groups), 0);
      for (const uint32_t id : grouping.group_ids) ++counts[id];
      for (size_t row = 0; row < grouping.group_ids.size(); ++row)
        if (counts[grouping.group_ids[row]] == 1) rows.push_back(static_cast<int64_t>(row));
      break;
    }
  }
  if (static_cast<int64_t>(rows.size()) == height_) return *this;
  return take(rows);
}

}  // namespace strata
