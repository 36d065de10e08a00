// ColumnGather; see internal/column_gather.hpp.
#include "compute/internal/column_gather.hpp"

#include <algorithm>

#include "strata/core/bitmap.hpp"
#include "strata/core/error.hpp"
#include "strata/core/string_view.hpp"

namespace strata::compute::internal {

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

namespace {

// How far ahead of the row being gathered the source row is prefetched.
constexpr int64_t kPrefetchDistance = 16;

struct Bytes16 {
  uint64_t low, high;
};

}  // namespace

bool ColumnGather::supports(const ChunkedArray& column) {
  const DataType& type = column.type();
  if (column.num_chunks() == 0 || type.is_nested() || type.id() == TypeId::Bool || type.id() == TypeId::Null)
    return false;
  // Chunks of a categorical may carry different dictionaries.
  if (type.id() == TypeId::Categorical && column.num_chunks() > 1) return false;
  const int width = type.byte_width();
  return width == 1 || width == 2 || width == 4 || width == 8 || width == 16;
}

ColumnGather::ColumnGather(const ChunkedArray& column, std::span<const int64_t> indices, const IndexSummary& summary)
    : column_(column), indices_(indices), summary_(summary) {
  STRATA_CHECK(supports(column), "ColumnGather called for a column it cannot gather");
  const DataType& type = column.type();
  const auto n = static_cast<int64_t>(indices.size());
  data_ = std::make_shared<ArrayData>();
  data_->type = type;
  data_->length = n;
  starts_.push_back(0);
  for (const Array& chunk : column.chunks()) {
    starts_.push_back(starts_.back() + chunk.length());
    buffer_bases_.push_back(static_cast<uint32_t>(data_->string_data.size()));
    sources_.push_back(chunk.data().values->data());
    const auto& buffers = chunk.data().string_data;
    data_->string_data.insert(data_->string_data.end(), buffers.begin(), buffers.end());
  }
  data_->dictionary = column.chunks()[0].data().dictionary;
  if (column.num_chunks() > 1) locator_ = std::make_unique<ChunkLocator>(starts_);
  const int width = type.byte_width();
  data_->values = Buffer::allocate(n * width);
  if (column.null_count() > 0 || summary.any_missing) data_->validity = bitmap::make_zeroed(n);
  // Out-of-line string views of later chunks point at buffers that have
  // moved in the output's list: only those need rewriting.
  if (type.is_string_like() && column.num_chunks() > 1) {
    fill_values_ = &ColumnGather::fill_values<StringView, true>;
    return;
  }
  switch (width) {
    case 1: fill_values_ = &ColumnGather::fill_values<uint8_t, false>; break;
    case 2: fill_values_ = &ColumnGather::fill_values<uint16_t, false>; break;
    case 4: fill_values_ = &ColumnGather::fill_values<uint32_t, false>; break;
    case 8: fill_values_ = &ColumnGather::fill_values<uint64_t, false>; break;
    default: fill_values_ = &ColumnGather::fill_values<Bytes16, false>; break;
  }
}

ColumnGather::~ColumnGather() = default;

void ColumnGather::fill(int64_t begin, int64_t end) {
  (this->*fill_values_)(begin, end);
  if (data_->validity) fill_validity(begin, end);
}

Array ColumnGather::finish() {
  finish_validity(*data_);
  return Array(std::move(data_));
}

template <typename Fn>
void ColumnGather::for_each_chunk_run(int64_t begin, int64_t end, Fn&& fn) const {
  if (begin >= end) return;
  const int64_t* idx = indices_.data();
  size_t c = locator_->chunk_of(idx[begin]);
  for (int64_t i = begin; i < end;) {
    while (idx[i] >= starts_[c + 1]) ++c;
    const int64_t stop = std::lower_bound(idx + i, idx + end, starts_[c + 1]) - idx;
    fn(c, i, stop);
    i = stop;
  }
}

template <typename T, bool Views>
void ColumnGather::fill_values(int64_t begin, int64_t end) {
  T* dst = data_->values->as<T>();
  const int64_t* idx = indices_.data();
  if (sources_.size() == 1) {
    const auto* src = reinterpret_cast<const T*>(sources_[0]);
    if (!summary_.any_missing) {
      if (summary_.ascending) {
        // Rows in order stream through memory: no prefetch needed.
        for (int64_t i = begin; i < end; ++i) dst[i] = src[idx[i]];
        return;
      }
      // Random rows miss the cache: loads issued kPrefetchDistance rows
      // ahead overlap those misses instead of waiting for them one by one.
      const int64_t prefetch_end = std::max(begin, end - kPrefetchDistance);
      for (int64_t i = begin; i < prefetch_end; ++i) {
        __builtin_prefetch(src + idx[i + kPrefetchDistance]);
        dst[i] = src[idx[i]];
      }
      for (int64_t i = prefetch_end; i < end; ++i) dst[i] = src[idx[i]];
      return;
    }
    if (summary_.ascending) {
      for (int64_t i = begin; i < end; ++i) dst[i] = idx[i] >= 0 ? src[idx[i]] : T{};
      return;
    }
    for (int64_t i = begin; i < end; ++i) {
      if (i + kPrefetchDistance < end && idx[i + kPrefetchDistance] >= 0)
        __builtin_prefetch(src + idx[i + kPrefetchDistance]);
      dst[i] = idx[i] >= 0 ? src[idx[i]] : T{};
    }
    return;
  }
  if (summary_.ascending && !summary_.any_missing) {
    // A filter's rows: runs of rows from one chunk, each a plain copy.
    for_each_chunk_run(begin, end, [&](size_t c, int64_t from, int64_t to) {
      const auto* src = reinterpret_cast<const T*>(sources_[c]);
      const int64_t start = starts_[c];
      if constexpr (Views) {
        if (const uint32_t base = buffer_bases_[c]; base != 0) {
          for (int64_t i = from; i < to; ++i) {
            T value = src[idx[i] - start];
            if (!value.is_inline()) value.ref.buffer_index += base;
            dst[i] = value;
          }
          return;
        }
      }
      for (int64_t i = from; i < to; ++i) dst[i] = src[idx[i] - start];
    });
    return;
  }
  auto read = [&](size_t c, int64_t index) {
    T value = reinterpret_cast<const T*>(sources_[c])[index - starts_[c]];
    if constexpr (Views) {
      if (!value.is_inline()) value.ref.buffer_index += buffer_bases_[c];
    }
    return value;
  };
  if (summary_.ascending) {
    // The chunk only moves forward, so no lookup after the first row.
    size_t c = 0;
    bool located = false;
    for (int64_t i = begin; i < end; ++i) {
      const int64_t index = idx[i];
      if (index < 0) {
        dst[i] = T{};
        continue;
      }
      if (!located) {
        c = locator_->chunk_of(index);
        located = true;
      }
      while (index >= starts_[c + 1]) ++c;
      dst[i] = read(c, index);
    }
    return;
  }
  for (int64_t i = begin; i < end; ++i) {
    if (i + kPrefetchDistance < end) {
      const int64_t ahead = idx[i + kPrefetchDistance];
      if (ahead >= 0) {
        const size_t c = locator_->chunk_of(ahead);
        __builtin_prefetch(reinterpret_cast<const T*>(sources_[c]) + (ahead - starts_[c]));
      }
    }
    const int64_t index = idx[i];
    dst[i] = index < 0 ? T{} : read(locator_->chunk_of(index), index);
  }
}

void ColumnGather::fill_validity(int64_t begin, int64_t end) {
  uint8_t* dst = data_->validity->data();
  const int64_t* idx = indices_.data();
  if (sources_.size() == 1) {
    const uint8_t* bits = column_.chunks()[0].validity_bits();
    for (int64_t i = begin; i < end; ++i)
      if (idx[i] >= 0 && (bits == nullptr || bitmap::get(bits, idx[i]))) bitmap::set(dst, i);
    return;
  }
  if (summary_.ascending && !summary_.any_missing) {
    for_each_chunk_run(begin, end, [&](size_t c, int64_t from, int64_t to) {
      const uint8_t* bits = column_.chunks()[c].validity_bits();
      const int64_t start = starts_[c];
      for (int64_t i = from; i < to; ++i)
        if (bits == nullptr || bitmap::get(bits, idx[i] - start)) bitmap::set(dst, i);
    });
    return;
  }
  for (int64_t i = begin; i < end; ++i) {
    const int64_t index = idx[i];
    if (index < 0) continue;
    const size_t c = locator_->chunk_of(index);
    if (column_.chunks()[c].is_valid(index - starts_[c])) bitmap::set(dst, i);
  }
}

}  // namespace strata::compute::internal
