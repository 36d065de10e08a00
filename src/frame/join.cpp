// DataFrame::join and cross_join on top of compute::hash_join, and JoinBuild
// (the same join, its right side built once and probed part by part).
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
#include "strata/frame/join_build.hpp"

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
DataType join_key_type(const Field& left, const Field& right) {
  const DataType& a = left.type;
  const DataType& b = right.type;
  if (a == b) return a;
  if (a.is_integer() && b.is_integer()) {
    const std::optional<DataType> common = compute::numeric_supertype(a, b);
    if (common && common->is_integer()) return *common;
  }
  const bool a_text = a.id() == TypeId::String || a.id() == TypeId::Categorical;
  const bool b_text = b.id() == TypeId::String || b.id() == TypeId::Categorical;
  if (a_text && b_text) return DataType::string();
  throw TypeError("join key columns have incompatible types: left \"" + left.name + "\" is " + a.to_string() +
                  ", right \"" + right.name + "\" is " + b.to_string() +
                  "; cast one of them (e.g. with cast()) so both have the same type");
}

// The common type of each pair of key columns; throws for unknown names,
// unequal counts and incompatible types.
std::vector<DataType> join_key_types(const Schema& left, const Schema& right, const std::vector<std::string>& left_on,
                                     const std::vector<std::string>& right_on) {
  if (left_on.empty() || left_on.size() != right_on.size())
    throw InvalidInputError("join needs the same number of key columns on both sides (at least one), got " +
                            std::to_string(left_on.size()) + " and " + std::to_string(right_on.size()));
  std::vector<DataType> types;
  for (size_t k = 0; k < left_on.size(); ++k)
    types.push_back(join_key_type(left.field(left.require_index(left_on[k])),
                                  right.field(right.require_index(right_on[k]))));
  return types;
}

// The key columns `on` of `frame`, cast to `types`.
std::vector<ChunkedArray> key_columns(const DataFrame& frame, const std::vector<std::string>& on,
                                      const std::vector<DataType>& types) {
  std::vector<ChunkedArray> keys;
  for (size_t k = 0; k < on.size(); ++k) keys.push_back(cast_column(frame.column(on[k]).data(), types[k]));
  return keys;
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

// The joined frame for `indices` (see the file comment); the key columns
// are given cast to their common types.
DataFrame join_output(const DataFrame& left, const DataFrame& right, const compute::JoinIndices& indices,
                      const std::vector<std::string>& left_on, const std::vector<std::string>& right_on,
                      const std::vector<ChunkedArray>& left_keys, const std::vector<ChunkedArray>& right_keys,
                      const JoinOptions& options) {
  using compute::JoinType;
  if (options.how == JoinType::Semi || options.how == JoinType::Anti) return left.take(indices.left);

  // Left columns (keys in their common type; coalesced with the right keys
  // for right and full joins).
  const bool coalesce = options.how == JoinType::Right || options.how == JoinType::Full;
  std::vector<Series> out = is_identity(indices.left, left.height()) ? left.columns() : gather(left.columns(), indices.left);
  for (size_t k = 0; k < left_on.size(); ++k) {
    size_t position = 0;
    while (out[position].name() != left_on[k]) ++position;
    if (!coalesce) {
      if (out[position].type() != left_keys[k].type())
        out[position] = Series(left_on[k], cast_column(out[position].data(), left_keys[k].type()));
      continue;
    }
    // Index into [left key rows..., right key rows...].
    std::vector<int64_t> source(indices.left.size());
    for (size_t i = 0; i < source.size(); ++i)
      source[i] = indices.left[i] >= 0 ? indices.left[i] : left.height() + indices.right[i];
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

}  // namespace

DataFrame DataFrame::join(const DataFrame& right, const std::vector<std::string>& left_on,
                          const std::vector<std::string>& right_on, const JoinOptions& options) const {
  if (options.how == compute::JoinType::Cross) return cross_join(right, options.suffix);
  const std::vector<DataType> key_types = join_key_types(schema(), right.schema(), left_on, right_on);
  const std::vector<ChunkedArray> left_keys = key_columns(*this, left_on, key_types);
  const std::vector<ChunkedArray> right_keys = key_columns(right, right_on, key_types);
  const compute::JoinIndices indices = compute::hash_join(left_keys, right_keys, options.how);
  return join_output(*this, right, indices, left_on, right_on, left_keys, right_keys, options);
}

DataFrame DataFrame::join(const DataFrame& right, const std::vector<std::string>& on, const JoinOptions& options) const {
  return join(right, on, on, options);
}

namespace {

void check_streamable(compute::JoinType how) {
  if (!compute::splits_by_left_rows(how))
    throw InvalidInputError(std::string("a join built on one side and probed in parts must be inner, left, semi or "
                                        "anti, not ") + compute::join_type_name(how));
}

bool is_semi_or_anti(compute::JoinType how) { return how == compute::JoinType::Semi || how == compute::JoinType::Anti; }

}  // namespace

RightBuiltJoin::RightBuiltJoin(const Schema& left_schema, DataFrame right, std::vector<std::string> left_on,
                               std::vector<std::string> right_on, JoinOptions options)
    : right_(std::move(right)),
      left_on_(std::move(left_on)),
      right_on_(std::move(right_on)),
      options_(std::move(options)),
      key_types_((check_streamable(options_.how), join_key_types(left_schema, right_.schema(), left_on_, right_on_))),
      side_(key_columns(right_, right_on_, key_types_)) {}

DataFrame RightBuiltJoin::probe(const DataFrame& left_part) const {
  const std::vector<ChunkedArray> left_keys = key_columns(left_part, left_on_, key_types_);
  const compute::JoinIndices indices = side_.probe(left_keys, options_.how);
  return join_output(left_part, right_, indices, left_on_, right_on_, left_keys, {}, options_);
}

LeftBuiltJoin::LeftBuiltJoin(DataFrame left, const Schema& right_schema, std::vector<std::string> left_on,
                             std::vector<std::string> right_on, JoinOptions options)
    : left_(std::move(left)),
      right_schema_(right_schema),
      left_on_(std::move(left_on)),
      right_on_(std::move(right_on)),
      options_(std::move(options)),
      key_types_((check_streamable(options_.how), join_key_types(left_.schema(), right_schema_, left_on_, right_on_))),
      left_keys_(key_columns(left_, left_on_, key_types_)),
      side_(left_keys_),
      matched_groups_(is_semi_or_anti(options_.how) ? static_cast<size_t>(side_.groups()) : 0, 0) {}

void LeftBuiltJoin::probe(int64_t part, const DataFrame& right_part) {
  const std::vector<ChunkedArray> right_keys = key_columns(right_part, right_on_, key_types_);
  if (is_semi_or_anti(options_.how)) {
    side_.mark_matches(right_keys, matched_groups_);
    return;
  }
  const compute::JoinIndices pairs = side_.probe(right_keys, compute::JoinType::Inner);
  Matches matches;
  matches.left_rows = pairs.right;
  matches.right_columns = right_part.drop(right_on_).take(pairs.left);
  std::lock_guard<std::mutex> lock(mutex_);
  if (!parts_.emplace(part, std::move(matches)).second)
    throw InvalidInputError("part " + std::to_string(part) + " of a join's right input was probed twice");
}

DataFrame LeftBuiltJoin::finish() {
  if (is_semi_or_anti(options_.how)) {
    return left_.take(compute::semi_or_anti_rows(side_.matched_rows(matched_groups_), options_.how).left);
  }
  // Every match in right order: its place in the matched right rows, and its left row.
  compute::JoinIndices pairs;
  std::vector<DataFrame> right_rows;
  for (auto& [part, matches] : parts_) {
    pairs.right.insert(pairs.right.end(), matches.left_rows.begin(), matches.left_rows.end());
    if (matches.right_columns.width() > 0) right_rows.push_back(std::move(matches.right_columns));
  }
  parts_.clear();
  pairs.left.resize(pairs.right.size());
  for (size_t i = 0; i < pairs.left.size(); ++i) pairs.left[i] = static_cast<int64_t>(i);
  const compute::JoinIndices indices = compute::order_by_left(pairs, left_.height(), options_.how);
  const DataFrame matched = right_rows.empty() ? DataFrame::empty(right_schema_).drop(right_on_) : concat(right_rows);
  return join_output(left_, matched, indices, left_on_, right_on_, left_keys_, {}, options_);
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
