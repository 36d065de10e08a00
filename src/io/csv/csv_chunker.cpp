#include "io/csv/csv_chunker.hpp"

#include <algorithm>
#include <cstring>

#include "strata/core/thread_pool.hpp"

namespace strata::csv {

namespace {

struct ChunkScan {
  bool odd_quotes = false;                      // parity of the quotes in the chunk
  const char* after_even_break = nullptr;       // just past the first '\n' preceded by even quotes
  const char* after_odd_break = nullptr;        // ... by odd quotes
};

const char* find(const char* begin, const char* end, char c) {
  return static_cast<const char*>(std::memchr(begin, c, static_cast<size_t>(end - begin)));
}

ChunkScan scan_chunk(const char* begin, const char* end, char quote) {
  ChunkScan scan;
  if (quote == '\0') {
    const char* newline = find(begin, end, '\n');
    scan.after_even_break = newline ? newline + 1 : nullptr;
    return scan;
  }
  // Walk from quote to quote, taking the first line break of each parity.
  const char* p = begin;
  bool odd = false;
  while (p < end && !(scan.after_even_break && scan.after_odd_break)) {
    const char* next_quote = find(p, end, quote);
    const char* segment_end = next_quote ? next_quote : end;
    const char*& slot = odd ? scan.after_odd_break : scan.after_even_break;
    if (!slot) {
      const char* newline = find(p, segment_end, '\n');
      if (newline) slot = newline + 1;
    }
    if (!next_quote) {
      p = end;
      break;
    }
    odd = !odd;
    p = next_quote + 1;
  }
  // The rest only matters for its parity.
  const auto rest = std::count(p, end, quote);
  scan.odd_quotes = odd != (rest % 2 == 1);
  return scan;
}

}  // namespace

std::vector<ByteRange> split_into_chunks(const char* begin, const char* end, char quote, int64_t chunk_bytes) {
  const int64_t size = end - begin;
  chunk_bytes = std::max<int64_t>(chunk_bytes, 1);
  const int64_t count = std::max<int64_t>((size + chunk_bytes - 1) / chunk_bytes, 1);
  std::vector<ChunkScan> scans(static_cast<size_t>(count));
  ThreadPool::global().parallel_for(count, [&](int64_t i) {
    const char* chunk_begin = begin + i * chunk_bytes;
    const char* chunk_end = begin + std::min(size, (i + 1) * chunk_bytes);
    scans[static_cast<size_t>(i)] = scan_chunk(chunk_begin, chunk_end, quote);
  });

  std::vector<ByteRange> ranges;
  const char* range_begin = begin;
  bool odd_before = false;
  for (int64_t i = 0; i < count; ++i) {
    const ChunkScan& scan = scans[static_cast<size_t>(i)];
    if (i > 0) {
      const char* boundary = odd_before ? scan.after_odd_break : scan.after_even_break;
      // No boundary in this chunk (one long record): it joins the previous range.
      if (boundary && boundary < end) {
        ranges.push_back({range_begin, boundary});
        range_begin = boundary;
      }
    }
    odd_before = odd_before != scan.odd_quotes;
  }
  ranges.push_back({range_begin, end});
  return ranges;
}

}  // namespace strata::csv
