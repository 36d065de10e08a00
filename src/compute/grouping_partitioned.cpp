// The radix-partitioned grouping pass, for two or more key columns whose
// rows are mostly distinct (say all six H2O id columns). Per-thread tables
// would each hold most of the groups, probe far out of cache, and be merged
// on one thread at the end. Instead:
//
// 1. Each key column gets one table of its distinct values (per thread, then
//    merged; a column has far fewer values than the rows have tuples), so a
//    row becomes a tuple of column ids.
// 2. Each thread walks its contiguous rows and appends (row, tuple) to one of
//    2^k partition buffers, chosen by the tuple's hash.
// 3. Partitions are grouped in parallel, each with a table small enough for
//    the cache. A partition reads the threads' buffers in thread order, which
//    is row order, so its local ids follow first appearance.
// 4. Global ids follow first appearance too: a group's id is the number of
//    groups whose first row comes earlier, counted over a per-row mark.
// 5. Aggregates are computed over row ranges from the global ids.
#include <algorithm>
#include <bit>
#include <numeric>

#include "compute/internal/grouping_pass.hpp"
#include "compute/internal/key_hashing.hpp"
#include "compute/internal/row_ranges.hpp"
#include "strata/core/error.hpp"
#include "strata/core/thread_pool.hpp"

namespace strata::compute::internal {

namespace {

// Entries a partition should hold: its table (8 bytes a slot at half load)
// and its entries then stay within L2.
constexpr int64_t kRowsPerPartition = int64_t{1} << 15;
constexpr int kMinPartitionBits = 4;
constexpr int kMaxPartitionBits = 10;

// Rows whose column ids are looked up together.
constexpr int64_t kLookupRows = 2048;

// Rows per task when counting and numbering first appearances.
constexpr int64_t kMarkChunkRows = int64_t{1} << 16;

// Step 1: one table per key column holding every value of that column.
std::vector<std::unique_ptr<KeyTable>> build_column_tables(const GroupingPassInput& input, const RowLayout& layout) {
  const size_t width = input.key_count;
  std::vector<std::vector<std::unique_ptr<KeyTable>>> local(static_cast<size_t>(layout.ranges()));
  ThreadPool::global().parallel_for(layout.ranges(), [&](int64_t r) {
    std::vector<uint32_t> scratch;
    std::vector<std::unique_ptr<KeyTable>>& tables = local[static_cast<size_t>(r)];
    for (size_t c = 0; c < width; ++c) tables.push_back(input.column_tables[c]());
    for (size_t b = layout.range_first[static_cast<size_t>(r)]; b < layout.range_first[static_cast<size_t>(r) + 1];
         ++b) {
      const RecordBatch& batch = input.batches[b];
      scratch.resize(static_cast<size_t>(batch.num_rows));
      for (size_t c = 0; c < width; ++c) tables[c]->insert({batch.columns[c]}, 0, batch.num_rows, scratch.data());
    }
  });
  ThreadPool::global().parallel_for(static_cast<int64_t>(width), [&](int64_t c) {
    for (size_t r = 1; r < local.size(); ++r)
      local[0][static_cast<size_t>(c)]->merge(*local[r][static_cast<size_t>(c)]);
  });
  return std::move(local[0]);
}

int partition_bits(int64_t rows) {
  const auto wanted = static_cast<uint64_t>(std::max<int64_t>(1, rows / kRowsPerPartition));
  return std::clamp(static_cast<int>(std::bit_width(wanted)), kMinPartitionBits, kMaxPartitionBits);
}

// Step 2's output: per run of rows, per partition, entries of `stride`
// words: the row, then the tuple of column ids.
using PartitionBuffers = std::vector<std::vector<std::vector<uint32_t>>>;

PartitionBuffers partition_rows(const GroupingPassInput& input, const RowLayout& layout,
                                const std::vector<std::unique_ptr<KeyTable>>& tables, int bits) {
  const size_t width = input.key_count;
  const size_t stride = width + 1;
  const size_t partitions = size_t{1} << bits;
  PartitionBuffers buffers(static_cast<size_t>(layout.ranges()));
  ThreadPool::global().parallel_for(layout.ranges(), [&](int64_t r) {
    const size_t first = layout.range_first[static_cast<size_t>(r)];
    const size_t last = layout.range_first[static_cast<size_t>(r) + 1];
    std::vector<std::vector<uint32_t>>& mine = buffers[static_cast<size_t>(r)];
    mine.resize(partitions);
    // Room for an even spread plus a margin, so few buffers ever grow.
    const auto expected = static_cast<size_t>(layout.batch_start[last] - layout.batch_start[first]) / partitions;
    for (std::vector<uint32_t>& buffer : mine) buffer.reserve((expected + expected / 8 + 16) * stride);
    std::vector<uint32_t> ids(width * static_cast<size_t>(kLookupRows));
    uint32_t tuple[kMaxPartitionedKeyColumns];
    for (size_t b = first; b < last; ++b) {
      const RecordBatch& batch = input.batches[b];
      for (int64_t start = 0; start < batch.num_rows; start += kLookupRows) {
        const int64_t end = std::min(batch.num_rows, start + kLookupRows);
        for (size_t c = 0; c < width; ++c)
          tables[c]->find({batch.columns[c]}, start, end, ids.data() + c * static_cast<size_t>(kLookupRows));
        const auto row0 = static_cast<uint32_t>(layout.batch_start[b] + start);
        for (int64_t i = 0; i < end - start; ++i) {
          for (size_t c = 0; c < width; ++c) tuple[c] = ids[c * static_cast<size_t>(kLookupRows) + static_cast<size_t>(i)];
          const size_t partition = static_cast<size_t>(hash_id_tuple(tuple, width) >> (64 - bits));
          std::vector<uint32_t>& out = mine[partition];
          out.push_back(row0 + static_cast<uint32_t>(i));
          out.insert(out.end(), tuple, tuple + width);
        }
      }
    }
  });
  return buffers;
}

// Step 3's output for one partition.
struct PartitionGroups {
  std::vector<uint32_t> entry_group;  // local group of each entry, in entry order
  std::vector<uint32_t> first_row;    // per local group
};

// Groups one partition's entries; marks each group's first row in `first`.
PartitionGroups group_partition(const PartitionBuffers& buffers, size_t partition, size_t width,
                                uint8_t* first) {
  struct Slot {
    uint32_t group;  // kNoGroup when empty
    uint32_t tag;
  };
  const size_t stride = width + 1;
  size_t entries = 0;
  for (const auto& run : buffers) entries += run[partition].size() / stride;
  // At most `entries` groups, so the table never grows past half full.
  const size_t capacity = std::bit_ceil(std::max<size_t>(16, entries * 2));
  const size_t mask = capacity - 1;
  std::vector<Slot> slots(capacity, Slot{kNoGroup, 0});
  std::vector<const uint32_t*> group_tuple;
  PartitionGroups result;
  result.entry_group.reserve(entries);
  for (const auto& run : buffers) {
    const std::vector<uint32_t>& buffer = run[partition];
    for (size_t at = 0; at < buffer.size(); at += stride) {
      const uint32_t* tuple = buffer.data() + at + 1;
      const uint64_t hash = hash_id_tuple(tuple, width);
      // The partition took the hash's top bits; the slot takes its low ones.
      const auto tag = static_cast<uint32_t>(hash >> 32);
      size_t pos = hash & mask;
      uint32_t group;
      while (true) {
        Slot& slot = slots[pos];
        if (slot.group == kNoGroup) {
          group = static_cast<uint32_t>(group_tuple.size());
          slot = Slot{group, tag};
          group_tuple.push_back(tuple);
          result.first_row.push_back(buffer[at]);
          first[buffer[at]] = 1;
          break;
        }
        if (slot.tag == tag && same_id_tuple(group_tuple[slot.group], tuple, width)) {
          group = slot.group;
          break;
        }
        pos = (pos + 1) & mask;
      }
      result.entry_group.push_back(group);
    }
  }
  return result;
}

// Step 4: numbers the marked first rows in row order, writing each one's id
// to ids[row]; returns the first row of every group.
std::vector<int64_t> number_first_rows(const uint8_t* first, int64_t rows, uint32_t* ids) {
  const int64_t chunks = (rows + kMarkChunkRows - 1) / kMarkChunkRows;
  std::vector<int64_t> chunk_start(static_cast<size_t>(chunks) + 1, 0);
  ThreadPool::global().parallel_for(chunks, [&](int64_t chunk) {
    const int64_t end = std::min(rows, (chunk + 1) * kMarkChunkRows);
    int64_t count = 0;
    for (int64_t row = chunk * kMarkChunkRows; row < end; ++row) count += first[row];
    chunk_start[static_cast<size_t>(chunk) + 1] = count;
  });
  std::partial_sum(chunk_start.begin(), chunk_start.end(), chunk_start.begin());
  std::vector<int64_t> first_row(static_cast<size_t>(chunk_start.back()));
  ThreadPool::global().parallel_for(chunks, [&](int64_t chunk) {
    const int64_t end = std::min(rows, (chunk + 1) * kMarkChunkRows);
    int64_t id = chunk_start[static_cast<size_t>(chunk)];
    for (int64_t row = chunk * kMarkChunkRows; row < end; ++row) {
      if (first[row] == 0) continue;
      ids[row] = static_cast<uint32_t>(id);
      first_row[static_cast<size_t>(id)] = row;
      ++id;
    }
  });
  return first_row;
}

// Step 5: the aggregates over every row, given each row's global id.
std::vector<std::unique_ptr<AggregatorBase>> aggregate_rows(const GroupingPassInput& input, const RowLayout& layout,
                                                            const uint32_t* ids, int64_t groups) {
  std::vector<std::vector<std::unique_ptr<AggregatorBase>>> local(static_cast<size_t>(layout.ranges()));
  ThreadPool::global().parallel_for(layout.ranges(), [&](int64_t r) {
    std::vector<std::unique_ptr<AggregatorBase>>& states = local[static_cast<size_t>(r)];
    for (const PassAggregate& aggregate : input.aggregates) {
      states.push_back(make_aggregator(aggregate.kind, aggregate.input_type, aggregate.options));
      states.back()->resize(groups);
    }
    for (size_t b = layout.range_first[static_cast<size_t>(r)]; b < layout.range_first[static_cast<size_t>(r) + 1];
         ++b) {
      const RecordBatch& batch = input.batches[b];
      for (size_t a = 0; a < states.size(); ++a)
        states[a]->consume_range(batch.columns[input.key_count + a], 0, batch.num_rows, ids + layout.batch_start[b]);
    }
  });
  if (local.size() > 1) {
    std::vector<uint32_t> identity(static_cast<size_t>(groups));
    std::iota(identity.begin(), identity.end(), uint32_t{0});
    ThreadPool::global().parallel_for(static_cast<int64_t>(input.aggregates.size()), [&](int64_t a) {
      for (size_t r = 1; r < local.size(); ++r) {
        local[0][static_cast<size_t>(a)]->merge(*local[r][static_cast<size_t>(a)], identity.data());
        local[r][static_cast<size_t>(a)].reset();
      }
    });
  }
  return std::move(local[0]);
}

}  // namespace

GroupingPassResult run_partitioned_grouping_pass(const GroupingPassInput& input, const RowLayout& layout) {
  STRATA_CHECK(input.column_tables.size() == input.key_count && input.key_count >= 2 &&
                   input.key_count <= kMaxPartitionedKeyColumns,
               "a partitioned grouping pass needs one table factory per key column");
  const int64_t rows = layout.rows();
  const int bits = partition_bits(rows);
  const size_t partitions = size_t{1} << bits;

  PartitionBuffers buffers;
  {
    const std::vector<std::unique_ptr<KeyTable>> tables = build_column_tables(input, layout);
    buffers = partition_rows(input, layout, tables, bits);
  }

  std::vector<uint8_t> first(static_cast<size_t>(rows), 0);
  std::vector<PartitionGroups> groups(partitions);
  ThreadPool::global().parallel_for(static_cast<int64_t>(partitions), [&](int64_t p) {
    groups[static_cast<size_t>(p)] = group_partition(buffers, static_cast<size_t>(p), input.key_count, first.data());
  });

  std::vector<uint32_t> own_ids;
  uint32_t* ids = input.group_ids;
  if (ids == nullptr) {
    own_ids.resize(static_cast<size_t>(rows));
    ids = own_ids.data();
  }
  GroupingPassResult result;
  result.first_row = number_first_rows(first.data(), rows, ids);
  first = {};

  // Every entry's row gets its group's global id.
  const size_t stride = input.key_count + 1;
  ThreadPool::global().parallel_for(static_cast<int64_t>(partitions), [&](int64_t p) {
    PartitionGroups& local = groups[static_cast<size_t>(p)];
    std::vector<uint32_t> global(local.first_row.size());
    for (size_t g = 0; g < global.size(); ++g) global[g] = ids[local.first_row[g]];
    size_t entry = 0;
    for (const auto& run : buffers) {
      const std::vector<uint32_t>& buffer = run[static_cast<size_t>(p)];
      for (size_t at = 0; at < buffer.size(); at += stride) ids[buffer[at]] = global[local.entry_group[entry++]];
    }
    local = {};
  });
  buffers = {};

  if (!input.aggregates.empty()) result.states = aggregate_rows(input, layout, ids, result.num_groups());
  return result;
}

}  // namespace strata::compute::internal
