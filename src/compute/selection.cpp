#include "strata/compute/selection.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
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

// Checks the index contract once (in parallel for many indices) and
// summarizes the indices for the gathers. The loop has no branches, so it
// vectorizes and runs at memory speed.
IndexSummary validate_indices(const std::vector<int64_t>& indices, int64_t length) {
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
BufferPtr gather_validity(const Array& source, const std::vector<int64_t>& indices, bool any_missing) {
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

BufferPtr gather_bits(const uint8_t* bits, const std::vector<int64_t>& indices) {
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

Array take_list(const Array& source, const std::vector<int64_t>& indices, ArrayData& data) {
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
Array gather_column(const ChunkedArray& column, const std::vector<int64_t>& indices, const IndexSummary& summary) {
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
Array take_checked(const Array& array, const std::vector<int64_t>& indices, const IndexSummary& summary) {
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

Array take_checked(const ChunkedArray& column, const std::vector<int64_t>& indices, const IndexSummary& summary) {
  if (internal::ColumnGather::supports(column)) return gather_column(column, indices, summary);
  if (column.num_chunks() == 1) return take_checked(column.chunks()[0], indices, summary);
  // Bitmaps, nested values and categoricals (whose chunks may have different
  // dictionaries) are gathered from one combined array.
  return take_checked(column.combine(), indices, summary);
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
  const int64_t length = columns[0].length();
  for (const ChunkedArray& column : columns)
    if (column.length() != length)
      throw InvalidInputError("take_columns: columns have different lengths: " + std::to_string(length) + " and " +
                              std::to_string(column.length()));
  const IndexSummary summary = validate_indices(indices, length);
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

namespace {

// Calls fn(row) for each row in [begin, end) whose mask bit is set and valid.
// `begin` must be a multiple of 64; bits past `end` are ignored.
template <typename Fn>
void for_each_selected(const Array& mask, int64_t begin, int64_t end, Fn&& fn) {
  const uint8_t* values = mask.bool_bits();
  const uint8_t* validity = mask.validity_bits();
  for (int64_t word_start = begin; word_start < end; word_start += 64) {
    uint64_t word = 0;
    const int64_t bits = std::min<int64_t>(64, end - word_start);
    std::memcpy(&word, values + word_start / 8, static_cast<size_t>(bitmap::bytes_for(bits)));
    if (validity) {
      uint64_t valid = 0;
      std::memcpy(&valid, validity + word_start / 8, static_cast<size_t>(bitmap::bytes_for(bits)));
      word &= valid;
    }
    if (bits < 64) word &= (uint64_t{1} << bits) - 1;
    while (word != 0) {
      fn(word_start + std::countr_zero(word));
      word &= word - 1;
    }
  }
}

void require_bool_mask(const DataType& type) {
  if (type.id() != TypeId::Bool)
    throw TypeError("filter mask must be of type bool, got " + type.to_string() +
                    "; build it with a comparison or cast it to bool");
}

// Selected rows of one mask chunk, offset by `base`, appended to `out`.
void append_selected(const Array& mask, int64_t base, std::vector<int64_t>& out) {
  const int64_t n = mask.length();
  if (n < kParallelMinRows * 2) {
    for_each_selected(mask, 0, n, [&](int64_t row) { out.push_back(base + row); });
    return;
  }
  const int64_t step = 64 * 1024;
  const int64_t pieces = (n + step - 1) / step;
  std::vector<int64_t> counts(static_cast<size_t>(pieces) + 1, 0);
  ThreadPool::global().parallel_for(pieces, [&](int64_t p) {
    int64_t count = 0;
    for_each_selected(mask, p * step, std::min(n, (p + 1) * step), [&](int64_t) { ++count; });
    counts[static_cast<size_t>(p) + 1] = count;
  });
  for (size_t p = 1; p < counts.size(); ++p) counts[p] += counts[p - 1];
  const size_t start = out.size();
  out.resize(start + static_cast<size_t>(counts.back()));
  ThreadPool::global().parallel_for(pieces, [&](int64_t p) {
    int64_t* dst = out.data() + start + counts[static_cast<size_t>(p)];
    for_each_selected(mask, p * step, std::min(n, (p + 1) * step), [&](int64_t row) { *dst++ = base + row; });
  });
}

}  // namespace

std::vector<int64_t> mask_to_indices(const ChunkedArray& mask) {
  require_bool_mask(mask.type());
  std::vector<int64_t> out;
  int64_t base = 0;
  for (const Array& chunk : mask.chunks()) {
    append_selected(chunk, base, out);
    base += chunk.length();
  }
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
  const std::vector<int64_t> indices = mask_to_indices(mask);
  if (static_cast<int64_t>(indices.size()) == column.length()) return column;
  // Indices are ascending: each chunk takes the ones that fall inside it.
  std::vector<Array> chunks;
  auto next = indices.begin();
  int64_t start = 0;
  for (const Array& chunk : column.chunks()) {
    const int64_t end = start + chunk.length();
    auto stop = std::lower_bound(next, indices.end(), end);
    std::vector<int64_t> local(next, stop);
    for (int64_t& index : local) index -= start;
    if (!local.empty()) chunks.push_back(take(chunk, local));
    next = stop;
    start = end;
  }
  return ChunkedArray(column.type(), std::move(chunks));
}

}  // namespace strata::compute
