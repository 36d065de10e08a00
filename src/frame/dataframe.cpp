#include "strata/frame/dataframe.hpp"

#include <algorithm>
#include <numeric>
#include <ostream>
#include <random>
#include <unordered_set>

#include "strata/compute/selection.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/expr/evaluate.hpp"

namespace strata {

namespace {

// Broadcasts a one-value column to `height` rows (select/with_columns of
// aggregates and literals).
ChunkedArray broadcast(const ChunkedArray& column, int64_t height) {
  if (column.length() == height) return column;
  if (column.length() != 1)
    throw SchemaError("expression produced " + std::to_string(column.length()) + " rows; expected " +
                      std::to_string(height) + " or 1");
  return ChunkedArray(make_array_from_scalar(array_value(column.combine(), 0), height));
}

}  // namespace

DataFrame::DataFrame(std::vector<Series> columns) : columns_(std::move(columns)) {
  height_ = columns_.empty() ? 0 : columns_[0].length();
  std::unordered_set<std::string> seen;
  for (const auto& column : columns_) {
    if (!seen.insert(column.name()).second)
      throw SchemaError("duplicate column name '" + column.name() +
                        "'; rename one of them (e.g. with alias())");
    if (column.length() != height_)
      throw SchemaError("column '" + column.name() + "' has " + std::to_string(column.length()) +
                        " rows but column '" + columns_[0].name() + "' has " + std::to_string(height_) +
                        "; all columns of a DataFrame must be equally long");
  }
}

DataFrame::DataFrame(const Table& table) {
  std::vector<Series> columns;
  columns.reserve(static_cast<size_t>(table.num_columns()));
  for (int64_t i = 0; i < table.num_columns(); ++i)
    columns.emplace_back(table.schema().field(i).name, table.column(i));
  *this = DataFrame(std::move(columns));
}

Schema DataFrame::schema() const {
  std::vector<Field> fields;
  fields.reserve(columns_.size());
  for (const auto& column : columns_) fields.push_back({column.name(), column.type(), true});
  return Schema(std::move(fields));
}

std::vector<std::string> DataFrame::column_names() const {
  std::vector<std::string> names;
  names.reserve(columns_.size());
  for (const auto& column : columns_) names.push_back(column.name());
  return names;
}

DataFrame DataFrame::empty(const Schema& schema) {
  std::vector<Series> columns;
  columns.reserve(static_cast<size_t>(schema.size()));
  for (const Field& field : schema.fields())
    columns.emplace_back(field.name, ChunkedArray(field.type, {make_null_array(field.type, 0)}));
  return DataFrame(std::move(columns));
}

const Series& DataFrame::column(const std::string& name) const {
  for (const auto& column : columns_)
    if (column.name() == name) return column;
  throw_column_not_found(name, column_names());
}

const Series& DataFrame::column(int64_t index) const {
  if (index < 0 || index >= width())
    throw SchemaError("column index " + std::to_string(index) + " out of range for a frame of " +
                      std::to_string(width()) + " columns");
  return columns_[static_cast<size_t>(index)];
}

bool DataFrame::has_column(const std::string& name) const {
  return std::any_of(columns_.begin(), columns_.end(), [&](const Series& s) { return s.name() == name; });
}

Table DataFrame::to_table() const {
  std::vector<ChunkedArray> data;
  data.reserve(columns_.size());
  for (const auto& column : columns_) data.push_back(column.data());
  return Table(schema(), std::move(data));
}

// ---- Rows ------------------------------------------------------------------

DataFrame DataFrame::slice(int64_t offset, int64_t length) const {
  if (offset < 0) offset = std::max<int64_t>(0, height_ + offset);
  std::vector<Series> out;
  out.reserve(columns_.size());
  for (const auto& column : columns_) out.push_back(column.slice(offset, length));
  DataFrame result(std::move(out));
  return result;
}

DataFrame DataFrame::head(int64_t n) const {
  if (n < 0) n = std::max<int64_t>(0, height_ + n);  // all but the last |n|
  return slice(0, n);
}

DataFrame DataFrame::tail(int64_t n) const {
  if (n < 0) n = std::max<int64_t>(0, height_ + n);  // all but the first |n|
  n = std::min(n, height_);
  return slice(height_ - n, n);
}

DataFrame DataFrame::take(const std::vector<int64_t>& indices) const {
  for (int64_t index : indices)
    if (index < -1 || index >= height_)
      throw InvalidInputError("row index " + std::to_string(index) + " out of range for a frame of " +
                              std::to_string(height_) + " rows");
  std::vector<ChunkedArray> data;
  for (const Series& column : columns_) data.push_back(column.data());
  const std::vector<Array> taken = compute::take_columns(data, indices);
  std::vector<Series> out;
  for (size_t c = 0; c < columns_.size(); ++c) out.emplace_back(columns_[c].name(), taken[c]);
  return DataFrame(std::move(out));
}

DataFrame DataFrame::sample(int64_t n, bool with_replacement, uint64_t seed) const {
  if (n < 0) throw InvalidInputError("sample size must be non-negative, got " + std::to_string(n));
  if (!with_replacement && n > height_)
    throw InvalidInputError("cannot sample " + std::to_string(n) + " rows without replacement from a frame of " +
                            std::to_string(height_) + " rows; pass with_replacement=true or a smaller n");
  if (with_replacement && n > 0 && height_ == 0)
    throw InvalidInputError("cannot sample from an empty frame");
  std::mt19937_64 rng(seed);
  std::vector<int64_t> indices;
  indices.reserve(static_cast<size_t>(n));
  if (with_replacement) {
    std::uniform_int_distribution<int64_t> pick(0, height_ - 1);
    for (int64_t i = 0; i < n; ++i) indices.push_back(pick(rng));
  } else {
    // Partial Fisher-Yates over the row numbers; result kept in row order.
    std::vector<int64_t> rows(static_cast<size_t>(height_));
    std::iota(rows.begin(), rows.end(), 0);
    for (int64_t i = 0; i < n; ++i) {
      std::uniform_int_distribution<int64_t> pick(i, height_ - 1);
      std::swap(rows[static_cast<size_t>(i)], rows[static_cast<size_t>(pick(rng))]);
    }
    indices.assign(rows.begin(), rows.begin() + n);
  }
  std::sort(indices.begin(), indices.end());
  return take(indices);
}

DataFrame DataFrame::sample_fraction(double fraction, bool with_replacement, uint64_t seed) const {
  if (!(fraction >= 0) || (!with_replacement && fraction > 1))
    throw InvalidInputError("sample fraction must be in [0, 1] (or >= 0 with replacement), got " +
                            std::to_string(fraction));
  return sample(static_cast<int64_t>(fraction * static_cast<double>(height_)), with_replacement, seed);
}

// ---- Columns ---------------------------------------------------------------

DataFrame DataFrame::select(const std::vector<Expr>& exprs) const {
  const Table table = to_table();
  std::vector<ChunkedArray> results(exprs.size());
  for (size_t i = 0; i < exprs.size(); ++i) results[i] = evaluate(exprs[i], table);
  // Aggregates and literals give one row; they broadcast against full columns.
  int64_t height = 1;
  bool any_full = false;
  for (size_t i = 0; i < exprs.size(); ++i)
    if (!is_scalar_result(exprs[i])) {
      height = results[i].length();
      any_full = true;
    }
  if (exprs.empty()) height = 0;
  std::vector<Series> out;
  out.reserve(exprs.size());
  for (size_t i = 0; i < exprs.size(); ++i)
    out.emplace_back(exprs[i].output_name(), any_full ? broadcast(results[i], height) : results[i]);
  return DataFrame(std::move(out));
}

DataFrame DataFrame::select(const std::vector<std::string>& names) const {
  std::vector<Series> out;
  out.reserve(names.size());
  for (const auto& name : names) out.push_back(column(name));
  return DataFrame(std::move(out));
}

DataFrame DataFrame::with_columns(const std::vector<Expr>& exprs) const {
  const Table table = to_table();
  std::vector<Series> out = columns_;
  for (const auto& expr : exprs) {
    Series series(expr.output_name(), broadcast(evaluate(expr, table), height_));
    auto existing = std::find_if(out.begin(), out.end(), [&](const Series& s) { return s.name() == series.name(); });
    if (existing != out.end()) *existing = std::move(series);
    else out.push_back(std::move(series));
  }
  return DataFrame(std::move(out));
}

DataFrame DataFrame::with_column(const Series& series) const {
  std::vector<Series> out = columns_;
  auto existing = std::find_if(out.begin(), out.end(), [&](const Series& s) { return s.name() == series.name(); });
  if (existing != out.end()) *existing = series;
  else out.push_back(series);
  return DataFrame(std::move(out));
}

DataFrame DataFrame::drop(const std::vector<std::string>& names) const {
  for (const auto& name : names) column(name);  // unknown names are errors, with a hint
  std::vector<Series> out;
  for (const auto& column : columns_)
    if (std::find(names.begin(), names.end(), column.name()) == names.end()) out.push_back(column);
  return DataFrame(std::move(out));
}

DataFrame DataFrame::rename(const std::vector<std::pair<std::string, std::string>>& mapping) const {
  std::vector<Series> out = columns_;
  for (const auto& [from, to] : mapping) {
    column(from);
    for (auto& series : out)
      if (series.name() == from) series = series.rename(to);
  }
  return DataFrame(std::move(out));
}

DataFrame DataFrame::cast(const std::vector<std::pair<std::string, DataType>>& types, CastMode mode) const {
  std::vector<Expr> exprs;
  for (const auto& [name, type] : types) {
    column(name);
    exprs.push_back(col(name).cast(type, mode));
  }
  return with_columns(exprs);
}

// ---- Filtering -------------------------------------------------------------

DataFrame DataFrame::filter(const Expr& predicate) const {
  const Table table = to_table();
  const DataType type = resolve_type(predicate, table.schema());
  if (type.id() != TypeId::Bool)
    throw TypeError("filter predicate " + predicate.to_string() + " has type " + type.to_string() +
                    "; it must be bool (e.g. col(\"x\") > 0)");
  ChunkedArray mask = evaluate(predicate, table);
  if (mask.length() == 1 && height_ != 1) mask = broadcast(mask, height_);
  std::vector<ChunkedArray> data;
  data.reserve(columns_.size());
  for (const Series& column : columns_) data.push_back(column.data());
  // One selection for all columns, gathered together.
  std::vector<ChunkedArray> kept = compute::filter_columns(data, mask);
  std::vector<Series> out;
  out.reserve(columns_.size());
  for (size_t c = 0; c < columns_.size(); ++c) out.emplace_back(columns_[c].name(), std::move(kept[c]));
  return DataFrame(std::move(out));
}

DataFrame DataFrame::drop_nulls(const std::vector<std::string>& subset) const {
  std::vector<std::string> names = subset.empty() ? column_names() : subset;
  std::vector<Expr> checks;
  for (const auto& name : names) {
    if (column(name).null_count() > 0) checks.push_back(col(name).is_not_null());
  }
  if (checks.empty()) return *this;
  Expr predicate = checks[0];
  for (size_t i = 1; i < checks.size(); ++i) predicate = predicate && checks[i];
  return filter(predicate);
}

namespace {

// Whether fill_null(value) applies to a column of `type`, and the literal
// to use there (the value cast to the column type where that is lossless).
std::optional<Expr> fill_literal_for(const DataType& type, const Scalar& value) {
  const DataType& vt = value.type();
  if (vt == type) return lit(value);
  if (type.is_numeric() && vt.is_numeric()) {
    const bool integral_value = vt.is_integer() ||
                                (vt.is_floating() && value.as_double() == static_cast<double>(static_cast<int64_t>(value.as_double())));
    if (type.is_floating() || (type.is_integer() && integral_value)) return lit(value).cast(type);
    return std::nullopt;
  }
  if ((type.id() == TypeId::String || type.id() == TypeId::Categorical) && vt.id() == TypeId::String)
    return lit(value).cast(type);
  return std::nullopt;
}

}  // namespace

DataFrame DataFrame::fill_null(const Scalar& value) const {
  std::vector<Expr> exprs;
  for (const auto& column : columns_) {
    if (column.null_count() == 0) continue;
    if (auto literal = fill_literal_for(column.type(), value))
      exprs.push_back(col(column.name()).fill_null(*literal));
  }
  return with_columns(exprs);
}

DataFrame DataFrame::fill_null(const Expr& value) const {
  std::vector<Expr> exprs;
  for (const auto& column : columns_)
    if (column.null_count() > 0) exprs.push_back(col(column.name()).fill_null(value));
  return with_columns(exprs);
}

GroupBy DataFrame::group_by(std::initializer_list<std::string> keys, bool maintain_order) const {
  return group_by(std::vector<std::string>(keys), maintain_order);
}

// ---- Concatenation -----------------------------------------------------------

DataFrame concat(const std::vector<DataFrame>& frames) {
  if (frames.empty()) return DataFrame();
  const Schema first = frames[0].schema();
  std::vector<Series> out = frames[0].columns();
  for (size_t f = 1; f < frames.size(); ++f) {
    const Schema other = frames[f].schema();
    if (!(other == first)) {
      std::string detail;
      if (other.size() != first.size()) {
        detail = std::to_string(other.size()) + " columns instead of " + std::to_string(first.size());
      } else {
        for (int64_t c = 0; c < first.size(); ++c)
          if (!(first.field(c) == other.field(c))) {
            detail = "column " + std::to_string(c) + " is '" + other.field(c).name + "' (" +
                     other.field(c).type.to_string() + ") instead of '" + first.field(c).name + "' (" +
                     first.field(c).type.to_string() + ")";
            break;
          }
      }
      throw SchemaError("cannot concatenate frames with different schemas: frame " + std::to_string(f) +
                        " has " + detail + "; select/cast the columns to match first");
    }
    for (size_t c = 0; c < out.size(); ++c)
      out[c] = Series(out[c].name(), out[c].data().append(frames[f].columns()[c].data()));
  }
  return DataFrame(std::move(out));
}

DataFrame concat_horizontal(const std::vector<DataFrame>& frames) {
  std::vector<Series> out;
  for (const auto& frame : frames) {
    if (!out.empty() && frame.width() > 0 && frame.height() != out[0].length())
      throw SchemaError("cannot concatenate horizontally frames of " + std::to_string(out[0].length()) +
                        " and " + std::to_string(frame.height()) + " rows");
    for (const auto& column : frame.columns()) out.push_back(column);
  }
  return DataFrame(std::move(out));
}

bool DataFrame::equals(const DataFrame& other) const {
  if (width() != other.width() || height_ != other.height_) return false;
  for (size_t c = 0; c < columns_.size(); ++c)
    if (!columns_[c].equals(other.columns_[c])) return false;
  return true;
}

std::ostream& operator<<(std::ostream& out, const DataFrame& frame) { return out << frame.to_string(); }

}  // namespace strata
