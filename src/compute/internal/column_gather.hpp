#pragma once
// Gathering a column's rows by index into new buffers, in pieces: the output
// is allocated up front and any range of output rows can then be filled by
// any thread. take() fills one column over all rows in parallel;
// take_columns() fills every column one block of rows at a time, so that the
// block's indices are read from memory once for all columns rather than once
// per column.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "strata/core/array.hpp"
#include "strata/core/chunked_array.hpp"

namespace strata::compute::internal {

/// What a gather needs to know about its indices (checked once for all columns).
struct IndexSummary {
  bool any_missing = false;  // some index is -1
  bool ascending = true;     // the indices never decrease (a filter, the left side of a join)
};

class ChunkLocator;

class ColumnGather {
 public:
  /// Whether `column` can be gathered in pieces: fixed-width slots (numbers,
  /// temporal values, decimals, string views; categorical codes of a single
  /// chunk), not bit-packed or nested values.
  static bool supports(const ChunkedArray& column);

  /// Prepares the gather of `column` at `indices` (valid for it, -1 giving
  /// null); the column and the indices' memory must outlive the gather.
  ColumnGather(const ChunkedArray& column, std::span<const int64_t> indices, const IndexSummary& summary);
  ~ColumnGather();
  ColumnGather(const ColumnGather&) = delete;
  ColumnGather& operator=(const ColumnGather&) = delete;

  /// Fills output rows [begin, end). `begin` must be a multiple of 64, since
  /// validity bits are written a byte at a time; ranges must not overlap.
  void fill(int64_t begin, int64_t end);

  /// The gathered column, once every row is filled.
  Array finish();

 private:
  template <typename T, bool Views>
  void fill_values(int64_t begin, int64_t end);
  void fill_validity(int64_t begin, int64_t end);
  /// For ascending indices without -1 over several chunks: calls
  /// fn(chunk, from, to) for each run of output rows [from, to) within
  /// [begin, end) whose rows lie in one chunk, in order.
  template <typename Fn>
  void for_each_chunk_run(int64_t begin, int64_t end, Fn&& fn) const;

  const ChunkedArray& column_;
  std::span<const int64_t> indices_;
  IndexSummary summary_;
  std::vector<int64_t> starts_;  // first row of each chunk, then the length
  std::vector<uint32_t> buffer_bases_;  // per chunk: where its string buffers start in the output's
  std::vector<const uint8_t*> sources_;
  std::unique_ptr<ChunkLocator> locator_;
  std::shared_ptr<ArrayData> data_;
  void (ColumnGather::*fill_values_)(int64_t, int64_t) = nullptr;
};

}  // namespace strata::compute::internal
