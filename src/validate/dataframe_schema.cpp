#include "strata/validate/dataframe_schema.hpp"

#include "strata/core/error.hpp"
#include "validate/internal/constraint_labels.hpp"

namespace strata {

const char* extra_columns_name(ExtraColumns mode) {
  switch (mode) {
    case ExtraColumns::Allow: return "allow";
    case ExtraColumns::Reject: return "reject";
    case ExtraColumns::Drop: return "drop";
  }
  return "?";
}

DataFrameSchema::DataFrameSchema(std::string name) : name_(std::move(name)) {}

DataFrameSchema& DataFrameSchema::column(ColumnSchema column) {
  if (find_column(column.name()))
    throw SchemaError("schema '" + name_ + "' already declares a column '" + column.name() +
                      "'; declare each column once");
  columns_.push_back(std::move(column));
  return *this;
}

DataFrameSchema& DataFrameSchema::description(std::string text) {
  description_ = std::move(text);
  return *this;
}

DataFrameSchema& DataFrameSchema::strict(bool reject_extra_columns) {
  extra_columns_ = reject_extra_columns ? ExtraColumns::Reject : ExtraColumns::Allow;
  return *this;
}

DataFrameSchema& DataFrameSchema::extra_columns(ExtraColumns mode) {
  extra_columns_ = mode;
  return *this;
}

DataFrameSchema& DataFrameSchema::ordered(bool in_declared_order) {
  ordered_ = in_declared_order;
  return *this;
}

DataFrameSchema& DataFrameSchema::coerce(bool cast_to_types) {
  coerce_ = cast_to_types;
  return *this;
}

DataFrameSchema& DataFrameSchema::min_rows(int64_t rows) {
  if (rows < 0 || (max_rows_ && rows > *max_rows_))
    throw InvalidInputError("min_rows(" + std::to_string(rows) + ") of schema '" + name_ +
                            "' must be between 0 and max_rows" +
                            (max_rows_ ? " (" + std::to_string(*max_rows_) + ")" : std::string()));
  min_rows_ = rows;
  return *this;
}

DataFrameSchema& DataFrameSchema::max_rows(int64_t rows) {
  if (rows < 0 || (min_rows_ && rows < *min_rows_))
    throw InvalidInputError("max_rows(" + std::to_string(rows) + ") of schema '" + name_ +
                            "' must be at least 0 and min_rows" +
                            (min_rows_ ? " (" + std::to_string(*min_rows_) + ")" : std::string()));
  max_rows_ = rows;
  return *this;
}

DataFrameSchema& DataFrameSchema::unique(std::vector<std::string> columns) {
  if (columns.empty())
    throw InvalidInputError("unique() of schema '" + name_ + "' names no columns; name the columns whose "
                            "combination must be unique (or declare a single column unique)");
  for (size_t i = 0; i < columns.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (columns[i] == columns[j])
        throw InvalidInputError("unique() of schema '" + name_ + "' names the column '" + columns[i] + "' twice");
  unique_.push_back(std::move(columns));
  return *this;
}

DataFrameSchema& DataFrameSchema::check(CustomCheck custom) {
  for (const CustomCheck& existing : checks_)
    if (existing.name() == custom.name())
      throw SchemaError("schema '" + name_ + "' already has a check named '" + custom.name() + "'");
  checks_.push_back(std::move(custom));
  return *this;
}

const ColumnSchema* DataFrameSchema::find_column(const std::string& name) const {
  for (const ColumnSchema& column : columns_)
    if (column.name() == name) return &column;
  return nullptr;
}

std::string DataFrameSchema::summary() const {
  std::string text = name_.empty() ? "{" : name_ + " {";
  for (size_t i = 0; i < columns_.size(); ++i) text += (i ? "; " : "") + columns_[i].summary();
  text += "}";
  if (extra_columns_ != ExtraColumns::Allow) text += std::string(", extra_columns=") + extra_columns_name(extra_columns_);
  if (ordered_) text += ", ordered";
  if (coerce_) text += ", coerce";
  if (min_rows_) text += ", min_rows(" + std::to_string(*min_rows_) + ")";
  if (max_rows_) text += ", max_rows(" + std::to_string(*max_rows_) + ")";
  for (const auto& combination : unique_) text += ", " + validate_internal::unique_label(combination);
  for (const CustomCheck& custom : checks_) text += ", " + validate_internal::check_label(custom);
  return text;
}

}  // namespace strata
