#pragma once
// Row filtering inside the scan (ParquetReadOptions::filter): which rows of
// a decoded row group satisfy the pushed-down predicates.
#include <cstdint>
#include <vector>

#include "io/parquet/column_chunk_decoder.hpp"
#include "strata/core/array.hpp"
#include "strata/io/parquet.hpp"

namespace strata::parquet {

/// `predicate` evaluated on each row of `column` (its column's values in
/// one row group), as a Bool mask; a null row or value gives null.
Array predicate_mask(const ParquetPredicate& predicate, const Array& column);

/// The position in `rows` of each element of `subset` (both ascending, every
/// element of subset present in rows).
std::vector<int64_t> positions_within(const std::vector<int64_t>& subset, const std::vector<int64_t>& rows);

/// Keeps only the entries at `rows` (ascending, each below chunk.entries)
/// of a flat column chunk decoded as dictionary codes (chunk.dictionary
/// set), so that only the selected values are gathered from the dictionary.
/// Throws InvalidInputError when the chunk has fewer codes than valid
/// entries.
void keep_selected_codes(DecodedColumnChunk& chunk, const std::vector<int64_t>& rows);

}  // namespace strata::parquet
