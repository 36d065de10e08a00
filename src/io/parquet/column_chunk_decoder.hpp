#pragma once
// Decodes one column chunk (all pages of one leaf column in one row group)
// into levels and dense physical values.
//
// Flat top-level columns keep no levels: definition levels become the
// validity bitmap directly. Columns inside lists or structs keep both level
// streams for nested_assembly.hpp. When dictionary codes are requested (for
// categorical output, or to gather only some rows) and every data page is
// dictionary-encoded, the indices are kept as codes instead of being
// gathered.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/parquet/parquet_format.hpp"
#include "io/parquet/physical_values.hpp"
#include "strata/core/memory.hpp"

namespace strata::parquet {

struct ColumnChunkDecodeOptions {
  bool verify_checksums = true;
  /// Keep repetition/definition levels (columns under a list or struct).
  bool keep_levels = false;
  /// Keep dictionary indices as codes when possible (not for BOOLEAN).
  bool dictionary_codes = false;
};

struct DecodedColumnChunk {
  explicit DecodedColumnChunk(PhysicalValues initial) : values(std::move(initial)) {}

  int64_t entries = 0;  // level entries (= rows for flat columns)
  // keep_levels: one level per entry (all zero when the maximum is 0).
  std::vector<uint8_t> definition_levels;
  std::vector<uint8_t> repetition_levels;
  // !keep_levels: validity of each entry, or nullptr when none is null.
  BufferPtr validity;
  int64_t null_count = 0;
  // The non-null values, densely.
  PhysicalValues values;
  // dictionary_codes: set when the codes below replace `values`.
  std::optional<PhysicalValues> dictionary;
  std::vector<uint32_t> codes;
};

/// What the decoder needs to know about the leaf column.
struct LeafColumnInfo {
  std::string path;  // dotted, for messages
  PhysicalType physical_type = PhysicalType::Int32;
  int32_t type_length = 0;
  int max_definition_level = 0;
  int max_repetition_level = 0;
};

/// Decodes the chunk's pages from `size` bytes at `chunk`. `expected_values`
/// is the ColumnMetaData's num_values (level entries including nulls);
/// decoding stops after that many. Throws InvalidInputError for corrupt
/// data and UnsupportedError for encodings Strata does not read.
DecodedColumnChunk decode_column_chunk(const uint8_t* chunk, size_t size, Codec codec, int64_t expected_values,
                                       const LeafColumnInfo& leaf, const ColumnChunkDecodeOptions& options);

}  // namespace strata::parquet
