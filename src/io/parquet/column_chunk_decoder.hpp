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

/// The values of a chunk's dictionary page, read without its data pages:
/// nullopt when the chunk does not start with a dictionary page or its
/// dictionary has more than `max_entries` entries. Throws as
/// decode_column_chunk does for a corrupt page.
std::optional<PhysicalValues> read_chunk_dictionary(const uint8_t* chunk, size_t size, Codec codec,
                                                    const LeafColumnInfo& leaf, bool verify_checksums,
                                                    int64_t max_entries);

/// Whether every data page of the chunk is dictionary-encoded, as far as its
/// metadata tells: from the page encoding stats when the writer stored them,
/// else from the list of encodings (which must not hold PLAIN, since PLAIN
/// may be the dictionary page's encoding or a fallback data page's).
bool fully_dictionary_encoded(const ColumnMetaData& meta);

}  // namespace strata::parquet
