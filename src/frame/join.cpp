// DataFrame::join and cross_join on top of compute::hash_join.
//
// Output columns: the left frame's columns (key columns once), then the
// right frame's non-key columns, renamed with the suffix where they clash
// with a left name. Key columns hold the keys' common type. For right and
// full joins a key comes from the right row where the left row is missing
// (Polars' coalescing), so the key column has no artificial nulls.
#include <string>
#include <unordered_set>

#include "strata/compute/cast.hpp"
#include "strata/compute/join.hpp"
#include "strata/compute/selection.hpp"
#include "strata/compute/type_promotion.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/frame/dataframe.hpp"

namespace strata {

namespace {

ChunkedArray cast_column(const ChunkedArray& column, const DataType& type) {
  if (column.type() == type) return column;
  std::vector<Array> chunks;
  for (const Array& chunk : column.chunks()) chunks.push_back(compute::cast(chunk, type));
  return ChunkedArray(type, std::move(chunks));
}

// The type both key columns are converted to: equal types stay; integers
// widen to a common integer type; String and Categorical meet as String.
DataType join_key_type(const Series& left, const Series& right) {
  const DataType& a = left.type();
  const DataType& b = right.type();
  if (a == b) return a;
  if (a.is_integer() && b.is_integer()) {
    const std::optional<DataType> common = compute::numeric_supertype(a, b);
    if (common && common->is_integer()) return *common;
  }
  const bool a_text = a.id() == TypeId::String || a.id() == TypeId::Categorical;
  const bool b_text = b.id() == TypeId::String || b.id() == TypeId::Categorical;
  if (a_text && b_text) return DataType::string();
  throw TypeError("join key columns have incompatible types: left \"" + left.name() + "\" is " + a.to_string() +
                  ", right \"" + right.name() + "\" is " + b.to_string() +
                  "; cast one of them (e.g. with cast()) so both have the same type");
}

// Rows of `column` at `indices`, -1 giving null; each column in parallel.
std::vector<Series> gather(const std::vector<Series>& columns, const std::vector<int64_t>& indices) {
  std::vector<ChunkedArray> data;
  for (const Series& column : columns) data.push_back(column.data());
  const std::vector<Array> taken = compute::take_columns(data, indices);
  std::vector<Series> out;
  for (size_t c = 0; c < columns.size(); ++c) out.emplace_back(columns[c].name(), taken[c]);
  return out;
}

// Whether `indices` is 0, 1, ..., rows - 1: a left join whose every left row
// matches at most once (the right keys are unique) keeps the left frame as
// it is, so its columns are shared instead of gathered.
bool is_identity(const std::vector<int64_t>& indices, int64_t rows) {
  if (static_cast<int64_t>(indices.size()) != rows) return false;
  for (size_t i = 0; i < indices.size(); ++i)
    if (indices[i] != static_cast<int64_t>(i)) return false;
  return true;
}

// The right column name that does not clash with `taken`.
std::string unclashed_name(const std::string& name, const std::string& suffix,
                           const std::unordered_set<std::string>& taken) {
  if (!taken.count(name)) return name;
  const std::string renamed = name + suffix;
  if (taken.count(renamed))
    throw SchemaError("join output would have two columns named \"" + renamed + "\"; rename the column \"" + name +
                      "\" of one frame or choose another suffix");
  return renamed;
}

std::vector<Series> right_columns(const DataFrame& right, const std::vector<int64_t>& indices,
                                  const std::unordered_set<std::string>& skip, const std::string& suffix,
                                  std::unordered_set<std::string>& taken) {
  std::vector<Series> kept;
  for (const Series& column : right.columns())
    if (!skip.count(column.name())) kept.push_back(column);
  std::vector<Series> out = gather(kept, indices);
  for (Series& column : out) {
    const std::string name = unclashed_name(column.name(), suffix, taken);
    taken.insert(name);
    column = column.rename(name);
  }
  return out;
}

}  // namespace

DataFrame DataFrame::join(const DataFrame& right, const std::vector<std::string>& on, const JoinOptions& options) const {
  return join(right, on, on, options);
}

DataFrame DataFrame::join(const DataFrame& right, const std::vector<std::string>& left_on,
                          const std::vector<std::string>& right_on, const JoinOptions& options) const {
  using compute::JoinType;
  if (options.how == JoinType::Cross) return cross_join(right, options.suffix);
  if (left_on.empty() || left_on.size() != right_on.size())
    throw InvalidInputError("join needs the same number of key columns on both sides (at least one), got " +
                            std::to_string(left_on.size()) + " and " + std::to_string(right_on.size()));

  std::vector<ChunkedArray> left_keys, right_keys;
  std::vector<DataType> key_types;
  for (size_t k = 0; k < left_on.size(); ++k) {
    const Series& l = column(left_on[k]);
    const Series& r = right.column(right_on[k]);
    key_types.push_back(join_key_type(l, r));
    left_keys.push_back(cast_column(l.data(), key_types.back()));
    right_keys.push_back(cast_column(r.data(), key_types.back()));
  }
  const compute::JoinIndices indices = compute::hash_join(left_keys, right_keys, options.how);
  if (options.how == JoinType::Semi || options.how == JoinType::Anti) return take(indices.left);

  // Left columns (keys in their common type; coalesced with the right keys
  // for right and full joins).
  const bool coalesce = options.how == JoinType::Right || options.how == JoinType::Full;
  std::vector<Series> out = is_identity(indices.left, height_) ? columns_ : gather(columns_, indices.left);
  for (size_t k = 0; k < left_on.size(); ++k) {
    size_t position = 0;
    while (out[position].name() != left_on[k]) ++position;
    if (!coalesce) {
      if (out[position].type() != key_types[k])
        out[position] = Series(left_on[k], cast_column(out[position].data(), key_types[k]));
      continue;
    }
    // Index into [left key rows..., right key rows...].
    std::vector<int64_t> source(indices.left.size());
    for (size_t i = 0; i < source.size(); ++i)
      source[i] = indices.left[i] >= 0 ? indices.left[i] : height_ + indices.right[i];
    const ChunkedArray both = left_keys[k].append(right_keys[k]);
    out[position] = Series(left_on[k], compute::take(both, source));
  }

  std::unordered_set<std::string> taken;
  for (const Series& column : out) taken.insert(column.name());
  const std::unordered_set<std::string> right_key_names(right_on.begin(), right_on.end());
  for (Series& column : right_columns(right, indices.right, right_key_names, options.suffix, taken))
    out.push_back(std::move(column));
  return DataFrame(std::move(out));
}

DataFrame DataFrame::cross_join(const DataFrame& right, const std::string& suffix) const {
  std::vector<int64_t> left_rows, right_rows;
  left_rows.reserve(static_cast<size_t>(height_ * right.height()));
  right_rows.reserve(static_cast<size_t>(height_ * right.height()));
  for (int64_t l = 0; l < height_; ++l) {
    for (int64_t r = 0; r < right.height(); ++r) {
      left_rows.push_back(l);
      right_rows.push_back(r);
    }
  }
  std::vector<Series> out = gather(columns_, left_rows);
  std::unordered_set<std::string> taken;
  for (const Series& column : out) taken.insert(column.name());
  for (Series& column : right_columns(right, right_rows, {}, suffix, taken)) out.push_back(std::move(column));
  return DataFrame(std::move(out));
}

}  // namespace strata
