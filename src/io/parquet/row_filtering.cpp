#include "io/parquet/row_filtering.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include "io/parquet/parquet_error.hpp"
#include "strata/compute/boolean.hpp"
#include "strata/compute/comparison.hpp"
#include "strata/core/builder.hpp"

namespace strata::parquet {

namespace {

compute::CompareOp compare_op(ParquetPredicate::Op op) {
  using Op = ParquetPredicate::Op;
  switch (op) {
    case Op::NotEqual: return compute::CompareOp::NotEqual;
    case Op::Less: return compute::CompareOp::Less;
    case Op::LessEqual: return compute::CompareOp::LessEqual;
    case Op::Greater: return compute::CompareOp::Greater;
    case Op::GreaterEqual: return compute::CompareOp::GreaterEqual;
    default: return compute::CompareOp::Equal;
  }
}

// Word `w` of a bitmap of `bytes` bytes, zero past its end.
uint64_t bitmap_word(const uint8_t* bits, int64_t bytes, int64_t w) {
  uint64_t word = 0;
  std::memcpy(&word, bits + w * 8, static_cast<size_t>(std::min<int64_t>(8, bytes - w * 8)));
  return word;
}

}  // namespace

std::vector<int64_t> positions_within(const std::vector<int64_t>& subset, const std::vector<int64_t>& rows) {
  std::vector<int64_t> out;
  out.reserve(subset.size());
  size_t position = 0;
  for (const int64_t row : subset) {
    while (rows[position] < row) ++position;
    out.push_back(static_cast<int64_t>(position));
  }
  return out;
}

void keep_selected_codes(DecodedColumnChunk& chunk, const std::vector<int64_t>& rows) {
  const auto count = static_cast<int64_t>(rows.size());
  const uint8_t* validity = chunk.validity ? chunk.validity->data() : nullptr;
  const int64_t validity_bytes = bitmap::bytes_for(chunk.entries);
  BufferPtr kept_validity = validity ? Buffer::zeroed(bitmap::bytes_for(count)) : nullptr;
  std::vector<uint32_t> codes;
  codes.reserve(rows.size());
  int64_t nulls = 0;
  int64_t word = 0, valid_before_word = 0;  // valid entries before bit word * 64
  for (int64_t i = 0; i < count; ++i) {
    const int64_t row = rows[static_cast<size_t>(i)];
    int64_t dense = row;  // codes hold only the valid entries
    if (validity) {
      for (; word < row / 64; ++word)
        valid_before_word += std::popcount(bitmap_word(validity, validity_bytes, word));
      const uint64_t below = bitmap_word(validity, validity_bytes, word) & ((uint64_t{1} << (row % 64)) - 1);
      dense = valid_before_word + std::popcount(below);
      if (!bitmap::get(validity, row)) {
        ++nulls;
        continue;
      }
      bitmap::set(kept_validity->data(), i);
    }
    if (dense >= static_cast<int64_t>(chunk.codes.size()))
      throw_corrupt("the column chunk has " + std::to_string(chunk.codes.size()) +
                    " values for more non-null entries");
    codes.push_back(chunk.codes[static_cast<size_t>(dense)]);
  }
  chunk.codes = std::move(codes);
  chunk.entries = count;
  chunk.null_count = nulls;
  chunk.validity = nulls > 0 ? std::move(kept_validity) : nullptr;
}

Array predicate_mask(const ParquetPredicate& predicate, const Array& column) {
  try {
    switch (predicate.op) {
      case ParquetPredicate::Op::IsNull: return compute::is_null(column);
      case ParquetPredicate::Op::IsNotNull: return compute::is_not_null(column);
      default:
        return compute::compare(compare_op(predicate.op), column, make_array_from_scalar(predicate.value, 1));
    }
  } catch (const Error& error) {
    rethrow_with_context(error, "in the filter on column '" + predicate.column + "'");
  }
}

}  // namespace strata::parquet
