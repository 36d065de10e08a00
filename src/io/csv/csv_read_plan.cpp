#include "io/csv/csv_read_plan.hpp"

#include <set>

#include "strata/core/error.hpp"

namespace strata::csv {

namespace {

std::string describe(char c) {
  if (c == '\n') return "'\\n'";
  if (c == '\r') return "'\\r'";
  if (c == '\0') return "none";
  return std::string("'") + c + "'";
}

[[noreturn]] void throw_option(const std::string& problem, const std::string& hint) {
  throw InvalidInputError("invalid CSV read options: " + problem + ". Hint: " + hint);
}

}  // namespace

void validate_read_options(const CsvReadOptions& options) {
  const char delimiter = options.delimiter;
  if (delimiter == '\n' || delimiter == '\r' || delimiter == '\0')
    throw_option("the delimiter cannot be " + describe(delimiter), "use a printable character such as ',' or '\\t'");
  if (options.quote == '\n' || options.quote == '\r')
    throw_option("the quote cannot be a line break", "use '\"' or '\\0' (no quoting)");
  if (options.quote != '\0' && options.quote == delimiter)
    throw_option("the quote and the delimiter are both " + describe(delimiter), "choose different characters");
  if (options.escape != '\0' && (options.escape == delimiter || options.escape == '\n' || options.escape == '\r'))
    throw_option("the escape character cannot be " + describe(options.escape),
                 "use '\\\\' or '\\0' (doubled quotes only)");
  if (options.comment != '\0' &&
      (options.comment == delimiter || options.comment == options.quote || options.comment == '\n' ||
       options.comment == '\r'))
    throw_option("the comment character cannot be " + describe(options.comment),
                 "use a character that is not the delimiter, the quote or a line break, such as '#'");
  if (options.skip_rows < 0 || options.skip_rows_after_header < 0)
    throw_option("skip_rows and skip_rows_after_header must not be negative", "pass 0 to skip nothing");
  if (options.n_rows && *options.n_rows < 0)
    throw_option("n_rows is " + std::to_string(*options.n_rows), "pass a count >= 0, or leave it unset");
  if (options.infer_schema_length < 0)
    throw_option("infer_schema_length is negative", "pass 0 to read every column as str");
  if (options.chunk_bytes < 1 || options.parallel_min_bytes < 0)
    throw_option("chunk_bytes must be positive and parallel_min_bytes not negative", "keep the defaults");
  if (!options.columns.empty() && !options.column_indices.empty())
    throw_option("both columns and column_indices are set", "select columns by name or by index, not both");
}

Dialect dialect_of(const CsvReadOptions& options) {
  Dialect dialect;
  dialect.delimiter = options.delimiter;
  dialect.quote = options.quote;
  // An escape equal to the quote is plain RFC 4180 doubling.
  dialect.escape = options.quote != '\0' && options.escape != options.quote ? options.escape : '\0';
  dialect.comment = options.comment;
  return dialect;
}

std::vector<ColumnPlan> plan_columns(const std::vector<std::string>& names, const CsvReadOptions& options) {
  const auto width = static_cast<int64_t>(names.size());
  std::vector<int64_t> fields;
  if (!options.columns.empty()) {
    for (const std::string& name : options.columns) {
      int64_t index = -1;
      for (int64_t i = 0; i < width; ++i)
        if (names[static_cast<size_t>(i)] == name) index = i;
      if (index < 0) throw_column_not_found(name, names);
      fields.push_back(index);
    }
  } else if (!options.column_indices.empty()) {
    for (const int64_t index : options.column_indices) {
      if (index < 0 || index >= width)
        throw SchemaError("CSV column index " + std::to_string(index) + " is out of range: the file has " +
                          std::to_string(width) + " columns. Hint: indices are 0-based");
      fields.push_back(index);
    }
  } else {
    for (int64_t i = 0; i < width; ++i) fields.push_back(i);
  }
  std::set<int64_t> seen;
  for (const int64_t field : fields)
    if (!seen.insert(field).second)
      throw SchemaError("CSV column '" + names[static_cast<size_t>(field)] +
                        "' is selected twice. Hint: list each column once");

  for (const auto& [name, type] : options.dtypes) {
    bool found = false;
    for (const std::string& existing : names) found = found || existing == name;
    if (!found) throw_column_not_found(name, names);
  }

  std::vector<ColumnPlan> plans;
  for (const int64_t field : fields) {
    ColumnPlan plan;
    plan.field_index = field;
    const auto dtype = options.dtypes.find(names[static_cast<size_t>(field)]);
    if (dtype != options.dtypes.end()) {
      const DataType& type = dtype->second;
      if (!is_csv_readable_type(type))
        throw UnsupportedError("CSV cannot read column '" + dtype->first + "' as " + type.to_string() +
                               ". Hint: read it as str and convert it afterwards");
      plan.explicit_type = type;
    } else if (options.infer_schema_length == 0) {
      plan.explicit_type = DataType::string();
    }
    plans.push_back(std::move(plan));
  }
  return plans;
}

}  // namespace strata::csv
