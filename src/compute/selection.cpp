#include "strata/compute/selection.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>

#include "compute/internal/row_ranges.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"

namespace strata::compute {

namespace {

using internal::kParallelMinRows;
using internal::parallel_aligned_ranges;

struct IndexSummary {
  bool any_missing = false;  // some index is -1
  bool ascending = true;     // the indices never decrease (a filter, the left side of a join)
};

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
    // Each range also compares its first index with the one before it.
    for (int64_t i = std::max<int64_t>(begin, 1); i < end; ++i) descents += idx[i] < idx[i - 1];
    for (int64_t i = begin; i < end; ++i) {
      lowest = std::min(lowest, idx[i]);
      highest = std::max(highest, idx[i]);
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

// How far ahead of the row being gathered the source row is prefetched.
constexpr int64_t kPrefetchDistance = 16;

struct Bytes16 {
  uint64_t low, high;
};

// Gathers fixed-width slots of type T (chosen by byte width, so one template
// serves integers, floats, decimals, dates, string views and codes).
template <typename T>
BufferPtr gather_fixed(const uint8_t* source, const std::vector<int64_t>& indices, bool any_missing) {
  const auto n = static_cast<int64_t>(indices.size());
  BufferPtr out = Buffer::allocate(n * static_cast<int64_t>(sizeof(T)));
  const T* src = reinterpret_cast<const T*>(source);
  T* dst = out->as<T>();
  const int64_t* idx = indices.data();
  parallel_ranges(n, kParallelMinRows, [&](int64_t begin, int64_t end, int64_t) {
    // Random rows miss the cache: loads issued kPrefetchDistance rows ahead
    // overlap those misses instead of waiting for them one by one.
    const int64_t prefetch_end = std::max(begin, end - kPrefetchDistance);
    if (!any_missing) {
      for (int64_t i = begin; i < prefetch_end; ++i) {
        __builtin_prefetch(src + idx[i + kPrefetchDistance]);
        dst[i] = src[idx[i]];
      }
      for (int64_t i = prefetch_end; i < end; ++i) dst[i] = src[idx[i]];
    } else {
      for (int64_t i = begin; i < end; ++i) {
        if (i + kPrefetchDistance < end && idx[i + kPrefetchDistance] >= 0)
          __builtin_prefetch(src + idx[i + kPrefetchDistance]);
        dst[i] = idx[i] >= 0 ? src[idx[i]] : T{};
      }
    }
  });
  return out;
}

BufferPtr gather_by_width(const Array& source, const std::vector<int64_t>& indices, bool any_missing) {
  const uint8_t* src = source.data().values->data();
  switch (source.type().byte_width()) {
    case 1: return gather_fixed<uint8_t>(src, indices, any_missing);
    case 2: return gather_fixed<uint16_t>(src, indices, any_missing);
    case 4: return gather_fixed<uint32_t>(src, indices, any_missing);
    case 8: return gather_fixed<uint64_t>(src, indices, any_missing);
    case 16: return gather_fixed<Bytes16>(src, indices, any_missing);
    default: break;
  }
  throw InternalError("take: unexpected byte width for type " + source.type().to_string());
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

// take() once the indices are known to be valid for the array.
Array take_checked(const Array& array, const std::vector<int64_t>& indices, const IndexSummary& summary) {
  const bool any_missing = summary.any_missing;
  const auto n = static_cast<int64_t>(indices.size());
  const DataType& type = array.type();
  if (type.id() == TypeId::Null) return make_null_array(type, n);

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
      data.values = gather_by_width(array, indices, any_missing);
      data.string_data = array.data().string_data;  // views keep pointing into shared buffers
      data.dictionary = array.data().dictionary;
  }
  finish_validity(data);
  return Array(std::make_shared<ArrayData>(std::move(data)));
}

// Finds the chunk of a row in O(1) for random rows: a table maps every
// bucket of 2^shift rows to the chunk holding its first row, and a short
// forward scan covers buckets that straddle chunk boundaries (buckets are
// kept smaller than the average chunk, so the scan rarely moves).
class ChunkLocator {
 public:
  explicit ChunkLocator(const std::vector<int64_t>& starts) : starts_(starts) {
    const int64_t rows = starts.back();
    const auto chunks = static_cast<int64_t>(starts.size()) - 1;
    const int64_t average = std::max<int64_t>(1, rows / std::max<int64_t>(1, chunks));
    while (shift_ < 30 && (int64_t{2} << shift_) <= average / 2) ++shift_;
    buckets_.resize(static_cast<size_t>((rows >> shift_) + 1));
    size_t chunk = 0;
    for (size_t b = 0; b < buckets_.size(); ++b) {
      const int64_t first_row = static_cast<int64_t>(b) << shift_;
      while (chunk + 2 < starts.size() && first_row >= starts[chunk + 1]) ++chunk;
      buckets_[b] = static_cast<uint32_t>(chunk);
    }
  }
  /// The chunk of `row`, which must be in [0, rows).
  size_t chunk_of(int64_t row) const {
    size_t chunk = buckets_[static_cast<size_t>(row >> shift_)];
    while (row >= starts_[chunk + 1]) ++chunk;
    return chunk;
  }

 private:
  const std::vector<int64_t>& starts_;
  int shift_ = 6;
  std::vector<uint32_t> buckets_;
};

// Gathers fixed-width slots straight from the chunks. For string views
// (`Views`), the buffer index of an out-of-line view is shifted to where
// its chunk's data buffers start in the result's buffer list.
template <typename T, bool Views>
BufferPtr gather_fixed_chunked(const ChunkedArray& column, const std::vector<int64_t>& starts,
                               const std::vector<uint32_t>& buffer_bases, const std::vector<int64_t>& indices,
                               bool ascending) {
  const auto n = static_cast<int64_t>(indices.size());
  BufferPtr out = Buffer::allocate(n * static_cast<int64_t>(sizeof(T)));
  T* dst = out->as<T>();
  std::vector<const T*> sources;
  for (const Array& chunk : column.chunks()) sources.push_back(reinterpret_cast<const T*>(chunk.data().values->data()));
  const ChunkLocator locator(starts);
  auto read = [&](size_t c, int64_t index) {
    T value = sources[c][index - starts[c]];
    if constexpr (Views) {
      if (!value.is_inline()) value.ref.buffer_index += buffer_bases[c];
    }
    return value;
  };
  parallel_ranges(n, kParallelMinRows, [&](int64_t begin, int64_t end, int64_t) {
    if (ascending) {
      // Rows in order (a filter, the left side of a join): the chunk only
      // moves forward and the reads stream, so no lookup and no prefetch.
      size_t c = 0;
      bool located = false;
      for (int64_t i = begin; i < end; ++i) {
        const int64_t index = indices[static_cast<size_t>(i)];
        if (index < 0) {
          dst[i] = T{};
          continue;
        }
        if (!located) {
          c = locator.chunk_of(index);
          located = true;
        }
        while (index >= starts[c + 1]) ++c;
        dst[i] = read(c, index);
      }
      return;
    }
    for (int64_t i = begin; i < end; ++i) {
      if (i + kPrefetchDistance < end) {
        const int64_t ahead = indices[static_cast<size_t>(i + kPrefetchDistance)];
        if (ahead >= 0) {
          const size_t c = locator.chunk_of(ahead);
          __builtin_prefetch(sources[c] + (ahead - starts[c]));
        }
      }
      const int64_t index = indices[static_cast<size_t>(i)];
      if (index < 0) {
        dst[i] = T{};
        continue;
      }
      dst[i] = read(locator.chunk_of(index), index);
    }
  });
  return out;
}

BufferPtr gather_validity_chunked(const ChunkedArray& column, const std::vector<int64_t>& starts,
                                  const std::vector<int64_t>& indices, bool any_missing) {
  if (column.null_count() == 0 && !any_missing) return nullptr;
  const auto n = static_cast<int64_t>(indices.size());
  BufferPtr out = bitmap::make_zeroed(n);
  uint8_t* dst = out->data();
  const ChunkLocator locator(starts);
  parallel_aligned_ranges(n, kParallelMinRows, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      const int64_t index = indices[static_cast<size_t>(i)];
      if (index < 0) continue;
      const size_t c = locator.chunk_of(index);
      if (column.chunks()[c].is_valid(index - starts[c])) bitmap::set(dst, i);
    }
  });
  return out;
}

Array take_checked(const ChunkedArray& column, const std::vector<int64_t>& indices, const IndexSummary& summary) {
  if (column.num_chunks() == 1) return take_checked(column.chunks()[0], indices, summary);
  const DataType& type = column.type();
  const int width = type.byte_width();
  // Bitmaps, nested values and categoricals (whose chunks may have different
  // dictionaries) are gathered from one combined array.
  if (column.num_chunks() == 0 || width <= 0 || type.id() == TypeId::Categorical)
    return take_checked(column.combine(), indices, summary);
  const bool any_missing = summary.any_missing, ascending = summary.ascending;
  std::vector<int64_t> starts{0};
  std::vector<uint32_t> buffer_bases;
  auto data = std::make_shared<ArrayData>();
  data->type = type;
  data->length = static_cast<int64_t>(indices.size());
  for (const Array& chunk : column.chunks()) {
    starts.push_back(starts.back() + chunk.length());
    buffer_bases.push_back(static_cast<uint32_t>(data->string_data.size()));
    const auto& buffers = chunk.data().string_data;
    data->string_data.insert(data->string_data.end(), buffers.begin(), buffers.end());
  }
  data->validity = gather_validity_chunked(column, starts, indices, any_missing);
  const auto& bases = buffer_bases;
  if (type.is_string_like()) {
    data->values = gather_fixed_chunked<StringView, true>(column, starts, bases, indices, ascending);
  } else {
    switch (width) {
      case 1: data->values = gather_fixed_chunked<uint8_t, false>(column, starts, bases, indices, ascending); break;
      case 2: data->values = gather_fixed_chunked<uint16_t, false>(column, starts, bases, indices, ascending); break;
      case 4: data->values = gather_fixed_chunked<uint32_t, false>(column, starts, bases, indices, ascending); break;
      case 8: data->values = gather_fixed_chunked<uint64_t, false>(column, starts, bases, indices, ascending); break;
      case 16: data->values = gather_fixed_chunked<Bytes16, false>(column, starts, bases, indices, ascending); break;
      default: throw InternalError("take: unexpected byte width for type " + type.to_string());
    }
  }
  finish_validity(*data);
  return Array(std::move(data));
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
  std::vector<Array> out(columns.size());
  ThreadPool::global().parallel_for(static_cast<int64_t>(columns.size()), [&](int64_t c) {
    out[static_cast<size_t>(c)] = take_checked(columns[static_cast<size_t>(c)], indices, summary);
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
