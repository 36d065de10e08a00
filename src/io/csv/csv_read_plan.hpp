#pragma once
// Checks reader options and turns them, with the file's column names, into
// the plan every chunk is parsed with.
#include <string>
#include <vector>

#include "io/csv/csv_chunk_parser.hpp"
#include "strata/io/csv.hpp"

namespace strata::csv {

/// Throws InvalidInputError for contradictory or out-of-range options.
void validate_read_options(const CsvReadOptions& options);

Dialect dialect_of(const CsvReadOptions& options);

/// The output columns: the selection (options.columns / column_indices, or
/// every column) with explicit dtypes attached. Throws SchemaError for
/// unknown or repeated columns and UnsupportedError for dtypes that cannot
/// be read from text.
std::vector<ColumnPlan> plan_columns(const std::vector<std::string>& names, const CsvReadOptions& options);

}  // namespace strata::csv
