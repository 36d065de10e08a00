#pragma once
// Dictionary encoding, writing side: the distinct values of a column chunk
// in order of first appearance (written PLAIN as the dictionary page) and
// each value's index (written RLE_DICTIONARY in the data pages).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/parquet/physical_encoding.hpp"

namespace strata::parquet {

struct DictionaryEncoding {
  int64_t size = 0;             // distinct values
  std::string dictionary_page;  // their PLAIN encoding
  std::vector<uint32_t> indices;
  /// Row of each distinct value's first appearance (empty for categorical
  /// input), so statistics need to look at distinct values only.
  std::vector<int64_t> first_rows;
};

/// Builds the dictionary of all values of `column` (not BOOLEAN); nullopt
/// when the dictionary page would exceed `max_bytes`, so the caller falls
/// back to PLAIN.
std::optional<DictionaryEncoding> build_dictionary(const PhysicalColumn& column, int64_t max_bytes);

/// The dictionary of a dense categorical array: its categories and codes as
/// they are (no hashing); nullopt when the categories exceed `max_bytes`.
std::optional<DictionaryEncoding> dictionary_from_categorical(const Array& categorical, int64_t max_bytes);

/// Appends a data page's values section for indices [begin, end): the bit
/// width byte, then the RLE/bit-packed indices.
void encode_dictionary_indices(const DictionaryEncoding& dictionary, int64_t begin, int64_t end, std::string& out);

}  // namespace strata::parquet
