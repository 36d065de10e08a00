#include "strata/compute/selection.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>

#include "compute/internal/column_gather.hpp"
#include "compute/internal/row_ranges.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"

namespace strata::compute {

namespace {

using internal::kParallelMinRows;
using internal::parallel_aligned_ranges;

// Rows gathered for every column before the next block (a multiple of 64,
// as ColumnGather::fill needs): 32 KiB of indices.
constexpr int64_t kGatherBlockRows = 4096;

using internal::IndexSummary;

// Row indices, in any owner's memory.
using Indices = std::span<const int64_t>;

// Checks the index contract once (in parallel for many indices) and
// summarizes the indices for the gathers. The loop has no branches, so it
// vectorizes and runs at memory speed.
IndexSummary validate_indices(Indices indices, int64_t length) {
  const auto n = static_cast<int64_t>(indices.size());
  const int64_t* idx = indices.data();
  struct Part {
    int64_t lowest = 0, highest = -1;
    bool descends = false;
  };
  std::vector<Part> parts(static_cast<size_t>(range_count(n, kParallelMinRows)));
  parallel_ranges(n, kParallelMinRows, [&](int64_t begin, int64_t end, int64_t range) {
    int64_t lowest = 0, highest = -1, descents = 0;
    // Each range also compares its first index with the one before it. One
    // loop for all three, so the indices are read once.
    int64_t previous = begin > 0 ? idx[begin - 1] : INT64_MIN;
    for (int64_t i = begin; i < end; ++i) {
      const int64_t index = idx[i];
      descents += index < previous;
      lowest = std::min(lowest, index);
      highest = std::max(highest, index);
      previous = index;
    }
    parts[static_cast<size_t>(range)] = {lowest, highest, descents > 0};
  });
  IndexSummary summary;
  int64_t lowest = 0, highest = -1;
  for (const Part& part : parts) {
    lowest = std::min(lowest, part.lowest);
    highest = std::max(highest, part.highest);
    summary.ascending = summary.ascending && !part.descends;
  }
  if (lowest < -1 || highest >= length)
    throw InvalidInputError("take: index " + std::to_string(lowest < -1 ? lowest : highest) +
                            " out of bounds for an array of length " + std::to_string(length) +
                            "; indices must be in [-1, length), -1 meaning null");
  summary.any_missing = lowest == -1;
  return summary;
}

// Validity of the gathered rows, or nullptr when all are valid.
BufferPtr gather_validity(const Array& source, Indices indices, bool any_missing) {
  const uint8_t* bits = source.validity_bits();
  if (!bits && !any_missing) return nullptr;
  const auto n = static_cast<int64_t>(indices.size());
  BufferPtr out = bitmap::make_zeroed(n);
  uint8_t* dst = out->data();
  parallel_aligned_ranges(n, kParallelMinRows, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      const int64_t index = indices[static_cast<size_t>(i)];
      if (index >= 0 && (!bits || bitmap::get(bits, index))) bitmap::set(dst, i);
    }
  });
  return out;
}

BufferPtr gather_bits(const uint8_t* bits, Indices indices) {
  const auto n = static_cast<int64_t>(indices.size());
  BufferPtr out = bitmap::make_zeroed(n);
  uint8_t* dst = out->data();
  parallel_aligned_ranges(n, kParallelMinRows, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      const int64_t index = indices[static_cast<size_t>(i)];
      if (index >= 0 && bitmap::get(bits, index)) bitmap::set(dst, i);
    }
  });
  return out;
}

Array take_list(const Array& source, Indices indices, ArrayData& data) {
  const int64_t* offsets = source.list_offsets();
  const auto n = static_cast<int64_t>(indices.size());
  data.values = Buffer::allocate((n + 1) * 8);
  int64_t* out_offsets = data.values->as<int64_t>();
  out_offsets[0] = 0;
  std::vector<int64_t> item_indices;
  for (int64_t i = 0; i < n; ++i) {
    const int64_t index = indices[static_cast<size_t>(i)];
    if (index >= 0 && source.is_valid(index))
      for (int64_t k = offsets[index]; k < offsets[index + 1]; ++k) item_indices.push_back(k);
    out_offsets[i + 1] = static_cast<int64_t>(item_indices.size());
  }
  data.children.push_back(take(source.list_items(), item_indices).data_ptr());
  finish_validity(data);
  return Array(std::make_shared<ArrayData>(std::move(data)));
}

// A column ColumnGather supports, gathered over all rows in parallel.
Array gather_column(const ChunkedArray& column, Indices indices, const IndexSummary& summary) {
  // An empty column: every index is -1.
  if (column.num_chunks() == 0) return make_null_array(column.type(), static_cast<int64_t>(indices.size()));
  if (!internal::ColumnGather::supports(column))
    throw InternalError("take: unexpected byte width for type " + column.type().to_string());
  internal::ColumnGather gather(column, indices, summary);
  parallel_aligned_ranges(static_cast<int64_t>(indices.size()), kParallelMinRows,
                          [&](int64_t begin, int64_t end) { gather.fill(begin, end); });
  return gather.finish();
}

// take() once the indices are known to be valid for the array.
Array take_checked(const Array& array, Indices indices, const IndexSummary& summary) {
  const bool any_missing = summary.any_missing;
  const auto n = static_cast<int64_t>(indices.size());
  const DataType& type = array.type();
  if (type.id() == TypeId::Null) return make_null_array(type, n);
  if (type.id() != TypeId::Bool && !type.is_nested()) return gather_column(ChunkedArray(array), indices, summary);

  ArrayData data;
  data.type = type;
  data.length = n;
  data.validity = gather_validity(array, indices, any_missing);
  switch (type.id()) {
    case TypeId::Bool:
      data.values = gather_bits(array.bool_bits(), indices);
      break;
    case TypeId::List:
      return take_list(array, indices, data);
    case TypeId::Struct:
      data.values = Buffer::allocate(0);
      for (size_t f = 0; f < type.fields().size(); ++f)
        data.children.push_back(take_checked(array.struct_field(static_cast<int64_t>(f)), indices, summary).data_ptr());
      break;
    default:
      throw InternalError("take: unexpected type " + type.to_string());
  }
  finish_validity(data);
  return Array(std::make_shared<ArrayData>(std::move(data)));
}

Array take_checked(const ChunkedArray& column, Indices indices, const IndexSummary& summary) {
  if (internal::ColumnGather::supports(column)) return gather_column(column, indices, summary);
  if (column.num_chunks() == 1) return take_checked(column.chunks()[0], indices, summary);
  // Bitmaps, nested values and categoricals (whose chunks may have different
  // dictionaries) are gathered from one combined array.
  return take_checked(column.combine(), indices, summary);
}

// take_columns() once the indices are known to be valid for the columns.
std::vector<Array> gather_columns(const std::vector<ChunkedArray>& columns, Indices indices,
                                  const IndexSummary& summary) {
  // Fixed-width columns are gathered together, a block of rows at a time:
  // the block's indices stay in cache across the columns.
  std::vector<std::unique_ptr<internal::ColumnGather>> gathers(columns.size());
  std::vector<int64_t> others;
  for (size_t c = 0; c < columns.size(); ++c) {
    if (internal::ColumnGather::supports(columns[c]))
      gathers[c] = std::make_unique<internal::ColumnGather>(columns[c], indices, summary);
    else
      others.push_back(static_cast<int64_t>(c));
  }
  parallel_aligned_ranges(static_cast<int64_t>(indices.size()), kParallelMinRows, [&](int64_t begin, int64_t end) {
    for (int64_t block = begin; block < end; block += kGatherBlockRows) {
      const int64_t block_end = std::min(end, block + kGatherBlockRows);
      for (const auto& gather : gathers)
        if (gather) gather->fill(block, block_end);
    }
  });
  std::vector<Array> out(columns.size());
  for (size_t c = 0; c < columns.size(); ++c)
    if (gathers[c]) out[c] = gathers[c]->finish();
  ThreadPool::global().parallel_for(static_cast<int64_t>(others.size()), [&](int64_t o) {
    const auto c = static_cast<size_t>(others[static_cast<size_t>(o)]);
    out[c] = take_checked(columns[c], indices, summary);
  });
  return out;
}

int64_t common_length(const std::vector<ChunkedArray>& columns, const char* operation) {
  const int64_t length = columns[0].length();
  for (const ChunkedArray& column : columns)
    if (column.length() != length)
      throw InvalidInputError(std::string(operation) + ": columns have different lengths: " + std::to_string(length) +
                              " and " + std::to_string(column.length()));
  return length;
}

}  // namespace

Array take(const Array& array, const std::vector<int64_t>& indices) {
  return take_checked(array, indices, validate_indices(indices, array.length()));
}

Array take(const ChunkedArray& column, const std::vector<int64_t>& indices) {
  return take_checked(column, indices, validate_indices(indices, column.length()));
}

std::vector<Array> take_columns(const std::vector<ChunkedArray>& columns, const std::vector<int64_t>& indices) {
  if (columns.empty()) return {};
  const int64_t length = common_length(columns, "take_columns");
  return gather_columns(columns, indices, validate_indices(indices, length));
}

namespace {

// The 64 rows of a mask from `word_start` (a multiple of 64) as a word of
// bits set for selected rows: true and valid, and before `end`.
uint64_t selected_word(const Array& mask, int64_t word_start, int64_t end) {
  uint64_t word = 0;
  const int64_t bits = std::min<int64_t>(64, end - word_start);
  std::memcpy(&word, mask.bool_bits() + word_start / 8, static_cast<size_t>(bitmap::bytes_for(bits)));
  if (const uint8_t* validity = mask.validity_bits()) {
    uint64_t valid = 0;
    std::memcpy(&valid, validity + word_start / 8, static_cast<size_t>(bitmap::bytes_for(bits)));
    word &= valid;
  }
  if (bits < 64) word &= (uint64_t{1} << bits) - 1;
  return word;
}

// Calls fn(row) for each row in [begin, end) whose mask bit is set and valid.
// `begin` must be a multiple of 64; bits past `end` are ignored.
template <typename Fn>
void for_each_selected(const Array& mask, int64_t begin, int64_t end, Fn&& fn) {
  for (int64_t word_start = begin; word_start < end; word_start += 64) {
    for (uint64_t word = selected_word(mask, word_start, end); word != 0; word &= word - 1)
      fn(word_start + std::countr_zero(word));
  }
}

void require_bool_mask(const DataType& type) {
  if (type.id() != TypeId::Bool)
    throw TypeError("filter mask must be of type bool, got " + type.to_string() +
                    "; build it with a comparison or cast it to bool");
}

// Mask rows per piece when finding the selected rows in parallel.
constexpr int64_t kMaskPieceRows = int64_t{1} << 16;

// Rows selected by a mask of [begin, end), counted a word at a time.
// `begin` must be a multiple of 64.
int64_t count_selected(const Array& mask, int64_t begin, int64_t end) {
  int64_t count = 0;
  for (int64_t word_start = begin; word_start < end; word_start += 64)
    count += std::popcount(selected_word(mask, word_start, end));
  return count;
}

// The selected rows of a chunked mask, found in two parallel passes over
// pieces of its chunks: count() after construction, then write() of the
// rows in ascending order.
class SelectedRows {
 public:
  explicit SelectedRows(const ChunkedArray& mask) {
    require_bool_mask(mask.type());
    int64_t base = 0;
    for (const Array& chunk : mask.chunks()) {
      for (int64_t begin = 0; begin < chunk.length(); begin += kMaskPieceRows)
        pieces_.push_back({&chunk, begin, std::min(chunk.length(), begin + kMaskPieceRows), base});
      base += chunk.length();
    }
    parallel_ = mask.length() >= 2 * kParallelMinRows;
    before_.assign(pieces_.size() + 1, 0);
    for_each_piece([&](size_t p) {
      const Piece& piece = pieces_[p];
      before_[p + 1] = count_selected(*piece.chunk, piece.begin, piece.end);
    });
    for (size_t p = 0; p < pieces_.size(); ++p) before_[p + 1] += before_[p];
  }

  int64_t count() const { return before_.back(); }

  /// Writes the count() selected rows to out.
  void write(int64_t* out) const {
    for_each_piece([&](size_t p) {
      const Piece& piece = pieces_[p];
      int64_t* dst = out + before_[p];
      const int64_t base = piece.base;
      for_each_selected(*piece.chunk, piece.begin, piece.end, [&](int64_t row) { *dst++ = base + row; });
    });
  }

 private:
  struct Piece {
    const Array* chunk;
    int64_t begin, end;  // rows of the chunk
    int64_t base;        // the chunk's first row in the column
  };

  template <typename Fn>
  void for_each_piece(Fn&& fn) const {
    if (!parallel_ || pieces_.size() <= 1) {
      for (size_t p = 0; p < pieces_.size(); ++p) fn(p);
      return;
    }
    ThreadPool::global().parallel_for(static_cast<int64_t>(pieces_.size()),
                                      [&](int64_t p) { fn(static_cast<size_t>(p)); });
  }

  std::vector<Piece> pieces_;
  std::vector<int64_t> before_;  // selected rows before each piece, then the total
  bool parallel_ = false;
};

}  // namespace

std::vector<int64_t> mask_to_indices(const ChunkedArray& mask) {
  const SelectedRows selected(mask);
  std::vector<int64_t> out(static_cast<size_t>(selected.count()));
  selected.write(out.data());
  return out;
}

Array filter(const Array& array, const Array& mask) {
  require_bool_mask(mask.type());
  if (mask.length() != array.length())
    throw InvalidInputError("filter mask has " + std::to_string(mask.length()) + " rows but the array has " +
                            std::to_string(array.length()));
  const std::vector<int64_t> indices = mask_to_indices(ChunkedArray(mask));
  if (static_cast<int64_t>(indices.size()) == array.length()) return array;
  return take(array, indices);
}

ChunkedArray filter(const ChunkedArray& column, const ChunkedArray& mask) {
  require_bool_mask(mask.type());
  if (mask.length() != column.length())
    throw InvalidInputError("filter mask has " + std::to_string(mask.length()) + " rows but the column has " +
                            std::to_string(column.length()));
  return filter_columns({column}, mask)[0];
}

std::vector<ChunkedArray> filter_columns(const std::vector<ChunkedArray>& columns, const ChunkedArray& mask) {
  require_bool_mask(mask.type());
  if (columns.empty()) return {};
  const int64_t length = common_length(columns, "filter_columns");
  if (mask.length() != length)
    throw InvalidInputError("filter mask has " + std::to_string(mask.length()) + " rows but the columns have " +
                            std::to_string(length));
  const SelectedRows selected(mask);
  const int64_t count = selected.count();
  if (count == length) return columns;
  // The rows live in pool memory, which a repeated filter reuses instead of
  // faulting in fresh pages; they ascend and are in bounds by construction.
  const BufferPtr rows = Buffer::allocate(count * 8);
  selected.write(rows->as<int64_t>());
  const IndexSummary summary{.any_missing = false, .ascending = true};
  std::vector<Array> gathered = gather_columns(columns, Indices(rows->as<int64_t>(), static_cast<size_t>(count)), summary);
  std::vector<ChunkedArray> out;
  out.reserve(columns.size());
  for (size_t c = 0; c < columns.size(); ++c) out.emplace_back(columns[c].type(), std::vector<Array>{std::move(gathered[c])});
  return out;
}

}  // namespace strata::compute
