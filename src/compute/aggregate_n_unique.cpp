// n_unique: distinct values per group, a null counting as one value (as
// Polars does). Values compare as group keys do: NaN equals NaN, -0.0
// equals 0.0, categoricals compare by their strings.
//
// While there is a single group (whole-column n_unique) the values go into
// one key table, whose size is the answer.
//
// With several groups every row becomes a (group, value) pair, appended to
// blocks of pairs at about the cost of a copy. The value is the row's
// canonical bits for fixed-width values of up to 8 bytes (nulls only mark
// their group), otherwise the value's id in a key table of the values (the
// null value included). Repeated pairs are dropped at the end, and also
// whenever the pairs have doubled since the last time, so that memory
// follows the distinct pairs rather than the rows: the pairs are
// hash-partitioned so that each partition's table stays in cache, and the
// partitions are deduplicated in parallel.
#include <algorithm>
#include <bit>
#include <type_traits>
#include <vector>

#include "compute/internal/aggregator_base.hpp"
#include "compute/internal/key_hashing.hpp"
#include "compute/internal/key_table.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/hash.hpp"
#include "strata/core/memory.hpp"
#include "strata/core/thread_pool.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute::internal {

namespace {

// Pairs a partition should hold: its table (16 bytes a slot at half load)
// then takes 512 KiB and stays in L2.
constexpr int64_t kPairsPerPartition = int64_t{1} << 14;
constexpr int kMaxPartitionBits = 12;

// Pairs buffered before the first deduplication (96 MiB).
constexpr int64_t kMinCompactPairs = int64_t{1} << 23;

// Whether values of `type` are paired by their own bits: fixed-width values
// of 1, 2, 4 or 8 bytes (not bools, categoricals, strings or decimals).
bool pairs_by_bits(const DataType& type) {
  return visit_physical(type, [&](auto tag) {
    using T = typename decltype(tag)::type;
    return std::is_arithmetic_v<T> && !std::is_same_v<T, bool> && sizeof(T) <= 8 && type.id() != TypeId::Categorical;
  });
}

inline uint64_t pair_hash(uint32_t group, uint64_t value) {
  return hashing::mix64(value ^ ((uint64_t{group} + 1) * 0x9e3779b97f4a7c15ULL));
}

// (group, value) pairs in blocks, so that growing never copies and merging
// moves blocks. Blocks start small (many aggregators see few rows) and
// double up to kMaxBlockPairs.
constexpr int64_t kMinBlockPairs = int64_t{1} << 10;
constexpr int64_t kMaxBlockPairs = int64_t{1} << 18;

class Pairs {
 public:
  struct Block {
    BufferPtr groups, values;
    int64_t size = 0, capacity = 0;
    uint32_t* group_data() const { return groups->as<uint32_t>(); }
    uint64_t* value_data() const { return values->as<uint64_t>(); }
  };

  int64_t size() const { return size_; }
  const std::vector<Block>& blocks() const { return blocks_; }
  std::vector<Block>& blocks() { return blocks_; }

  /// Appends pairs for `rows` input rows: fill(from, to, groups, values)
  /// writes the pairs of rows [from, to) (at most one each) to the arrays
  /// and returns how many it wrote.
  template <typename Fill>
  void append(int64_t rows, Fill&& fill) {
    for (int64_t from = 0; from < rows;) {
      if (blocks_.empty() || blocks_.back().size == blocks_.back().capacity) add_block();
      Block& block = blocks_.back();
      const int64_t to = std::min(rows, from + block.capacity - block.size);
      const int64_t written = fill(from, to, block.group_data() + block.size, block.value_data() + block.size);
      block.size += written;
      size_ += written;
      from = to;
    }
  }

  /// Moves `other`'s blocks to the end of these.
  void take_blocks(Pairs& other) {
    for (Block& block : other.blocks_) blocks_.push_back(std::move(block));
    size_ += other.size_;
    other = Pairs();
  }

 private:
  void add_block() {
    const int64_t capacity =
        blocks_.empty() ? kMinBlockPairs : std::min(kMaxBlockPairs, blocks_.back().capacity * 2);
    blocks_.push_back({Buffer::allocate(capacity * 4), Buffer::allocate(capacity * 8), 0, capacity});
  }

  std::vector<Block> blocks_;
  int64_t size_ = 0;
};

// Drops repeated pairs of `pairs[0, n)` held at groups/values, writing the
// distinct ones to the front; returns their count. One table, so `n`
// should be cache-sized.
size_t dedupe_in_place(uint32_t* groups, uint64_t* values, size_t n) {
  struct Slot {
    uint64_t value;
    uint32_t group;  // kNoGroup: empty
  };
  const size_t capacity = std::bit_ceil(std::max<size_t>(16, n * 2));
  const size_t mask = capacity - 1;
  PoolVector<Slot> slots(capacity, Slot{0, kNoGroup});
  size_t distinct = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t group = groups[i];
    const uint64_t value = values[i];
    size_t pos = pair_hash(group, value) & mask;
    while (true) {
      Slot& slot = slots[pos];
      if (slot.group == kNoGroup) {
        slot = Slot{value, group};
        // distinct <= i: the pair at i has been read already.
        groups[distinct] = group;
        values[distinct] = value;
        ++distinct;
        break;
      }
      if (slot.group == group && slot.value == value) break;
      pos = (pos + 1) & mask;
    }
  }
  return distinct;
}

// Finds the distinct pairs of `pairs` (which it empties) and calls
// visit(groups, values, count) with them, a partition at a time, on the
// calling thread.
template <typename Visit>
void for_each_distinct(Pairs& pairs, Visit&& visit) {
  const int64_t n = pairs.size();
  const auto wanted = static_cast<uint64_t>(std::max<int64_t>(1, n / kPairsPerPartition));
  const int bits = std::min(kMaxPartitionBits, static_cast<int>(std::bit_width(wanted)) - 1);
  const size_t partitions = size_t{1} << bits;
  auto partition_of = [bits](uint32_t group, uint64_t value) -> size_t {
    return bits == 0 ? 0 : static_cast<size_t>(pair_hash(group, value) >> (64 - bits));
  };

  // Scatter the pairs by partition: counts per task (a run of blocks), then
  // offsets, then copies.
  const std::vector<Pairs::Block>& blocks = pairs.blocks();
  const auto block_count = static_cast<int64_t>(blocks.size());
  const int64_t tasks = std::min<int64_t>(block_count, int64_t{4} * ThreadPool::global().size());
  auto task_blocks = [&](int64_t task) {
    return std::make_pair(static_cast<size_t>(block_count * task / tasks),
                          static_cast<size_t>(block_count * (task + 1) / tasks));
  };
  std::vector<int64_t> offsets(static_cast<size_t>(tasks) * partitions, 0);
  ThreadPool::global().parallel_for(tasks, [&](int64_t task) {
    int64_t* counts = offsets.data() + static_cast<size_t>(task) * partitions;
    const auto [first, last] = task_blocks(task);
    for (size_t b = first; b < last; ++b) {
      const uint32_t* groups = blocks[b].group_data();
      const uint64_t* values = blocks[b].value_data();
      for (int64_t i = 0; i < blocks[b].size; ++i) ++counts[partition_of(groups[i], values[i])];
    }
  });
  std::vector<int64_t> partition_start(partitions + 1, 0);
  int64_t running = 0;
  for (size_t p = 0; p < partitions; ++p) {
    partition_start[p] = running;
    for (int64_t task = 0; task < tasks; ++task) {
      int64_t& slot = offsets[static_cast<size_t>(task) * partitions + p];
      const int64_t count = slot;
      slot = running;
      running += count;
    }
  }
  partition_start[partitions] = running;
  const BufferPtr group_buffer = Buffer::allocate(n * 4);
  const BufferPtr value_buffer = Buffer::allocate(n * 8);
  uint32_t* groups = group_buffer->as<uint32_t>();
  uint64_t* values = value_buffer->as<uint64_t>();
  ThreadPool::global().parallel_for(tasks, [&](int64_t task) {
    int64_t* next = offsets.data() + static_cast<size_t>(task) * partitions;
    const auto [first, last] = task_blocks(task);
    for (size_t b = first; b < last; ++b) {
      const uint32_t* block_groups = blocks[b].group_data();
      const uint64_t* block_values = blocks[b].value_data();
      for (int64_t i = 0; i < blocks[b].size; ++i) {
        const int64_t at = next[partition_of(block_groups[i], block_values[i])]++;
        groups[at] = block_groups[i];
        values[at] = block_values[i];
      }
    }
  });
  pairs = Pairs();

  // Each partition holds every copy of its pairs: deduplicate them apart.
  std::vector<size_t> distinct(partitions, 0);
  ThreadPool::global().parallel_for(static_cast<int64_t>(partitions), [&](int64_t p) {
    const int64_t start = partition_start[static_cast<size_t>(p)];
    const auto count = static_cast<size_t>(partition_start[static_cast<size_t>(p) + 1] - start);
    distinct[static_cast<size_t>(p)] = dedupe_in_place(groups + start, values + start, count);
  });
  for (size_t p = 0; p < partitions; ++p)
    visit(groups + partition_start[p], values + partition_start[p], distinct[p]);
}

class NUniqueAggregator final : public AggregatorBase {
 public:
  explicit NUniqueAggregator(const DataType& input)
      : input_type_(input), by_bits_(pairs_by_bits(input)) {
    table_ = make_key_table({table_key_type(input)});
  }

  void resize(int64_t num_groups) override {
    if (num_groups > 1) use_pairs();
    num_groups_ = std::max(num_groups_, num_groups);
    if (paired_ && by_bits_) has_null_.resize(static_cast<size_t>(num_groups_), 0);
  }

  void consume_range(const Array& values, int64_t begin, int64_t end, const uint32_t* group_ids) override {
    if (begin >= end) return;
    if (paired_ && by_bits_) {
      append_bits(values, begin, end, group_ids, nullptr);
    } else {
      // Only the rows consumed are decoded (categoricals become strings).
      const Array rows = input_type_.id() == TypeId::Categorical ? values.slice(begin, end - begin) : values;
      const int64_t offset = input_type_.id() == TypeId::Categorical ? begin : 0;
      const Array prepared = prepare_keys({rows}, {input_type_})[0];
      scratch_.resize(static_cast<size_t>(end - begin));
      table_->insert({prepared}, begin - offset, end - offset, scratch_.data());
      if (paired_) append_ids(scratch_.data(), end - begin, group_ids);
    }
    if (pairs_.size() >= compact_at_) compact();
  }

  void merge(GroupedAggregator& other_base, const uint32_t* mapping) override {
    auto& other = dynamic_cast<NUniqueAggregator&>(other_base);
    if (!paired_ && !other.paired_ && (other.table_->size() == 0 || mapping[0] == 0)) {  // both hold group 0 only
      const Array values = other.table_->keys()[0];
      scratch_.resize(static_cast<size_t>(values.length()));
      table_->insert({values}, 0, values.length(), scratch_.data());
      return;
    }
    use_pairs();
    other.use_pairs();
    if (by_bits_) {
      for (size_t g = 0; g < other.has_null_.size(); ++g)
        if (other.has_null_[g]) has_null_[mapping[g]] = 1;
      take_mapped(other.pairs_, mapping, nullptr);
    } else {
      const std::vector<uint32_t> value_mapping = table_->merge(*other.table_);
      take_mapped(other.pairs_, mapping, value_mapping.data());
    }
    if (pairs_.size() >= compact_at_) compact();
  }

  Array finish() override {
    std::vector<int64_t> counts(static_cast<size_t>(num_groups_), 0);
    if (!paired_) {
      if (num_groups_ > 0) counts[0] = table_->size();
    } else {
      for_each_distinct(pairs_, [&](const uint32_t* groups, const uint64_t*, size_t count) {
        for (size_t i = 0; i < count; ++i) ++counts[groups[i]];
      });
      for (size_t g = 0; g < has_null_.size(); ++g) counts[g] += has_null_[g];
    }
    FixedWidthBuilder<int64_t> builder(DataType::int64());
    if (!counts.empty()) builder.append_values(counts.data(), static_cast<int64_t>(counts.size()));
    return builder.finish();
  }

 private:
  // Appends the pairs of rows [begin, end) of a fixed-width array; a null
  // only marks its group. `group_ids` as for consume_range; `group_of`, when
  // set, instead gives every row's group by row number.
  void append_bits(const Array& values, int64_t begin, int64_t end, const uint32_t* group_ids,
                   const uint32_t* group_of) {
    visit_physical(values.type(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool> && sizeof(T) <= 8) {
        const T* data = values.values<T>();
        const uint8_t* valid = values.null_count() > 0 ? values.validity_bits() : nullptr;
        pairs_.append(end - begin, [&](int64_t from, int64_t to, uint32_t* groups, uint64_t* bits) {
          int64_t at = 0;
          for (int64_t row = begin + from; row < begin + to; ++row) {
            const uint32_t group = group_of ? group_of[row] : group_ids ? group_ids[row - begin] : 0u;
            if (valid && !bitmap::get(valid, row)) {
              has_null_[group] = 1;
              continue;
            }
            groups[at] = group;
            bits[at] = static_cast<uint64_t>(key_bits(data[row]));
            ++at;
          }
          return at;
        });
      } else {
        throw InternalError("n_unique: values of type " + values.type().to_string() + " are not paired by bits");
      }
    });
  }

  // Appends (group, value id) for `n` rows given their value ids.
  void append_ids(const uint32_t* ids, int64_t n, const uint32_t* group_ids) {
    pairs_.append(n, [&](int64_t from, int64_t to, uint32_t* groups, uint64_t* values) {
      for (int64_t i = from; i < to; ++i) {
        groups[i - from] = group_ids ? group_ids[i] : 0u;
        values[i - from] = ids[i];
      }
      return to - from;
    });
  }

  // Moves another aggregator's pairs here, their groups (and value ids,
  // when `value_mapping` is set) translated in place.
  void take_mapped(Pairs& other, const uint32_t* mapping, const uint32_t* value_mapping) {
    std::vector<Pairs::Block>& blocks = other.blocks();
    ThreadPool::global().parallel_for(static_cast<int64_t>(blocks.size()), [&](int64_t b) {
      const Pairs::Block& block = blocks[static_cast<size_t>(b)];
      uint32_t* groups = block.group_data();
      uint64_t* values = block.value_data();
      for (int64_t i = 0; i < block.size; ++i) {
        groups[i] = mapping[groups[i]];
        if (value_mapping) values[i] = value_mapping[values[i]];
      }
    });
    pairs_.take_blocks(other);
  }

  // Keeps only the distinct pairs.
  void compact() {
    Pairs distinct;
    for_each_distinct(pairs_, [&](const uint32_t* groups, const uint64_t* values, size_t count) {
      distinct.append(static_cast<int64_t>(count), [&](int64_t from, int64_t to, uint32_t* to_groups,
                                                       uint64_t* to_values) {
        std::copy(groups + from, groups + to, to_groups);
        std::copy(values + from, values + to, to_values);
        return to - from;
      });
    });
    pairs_ = std::move(distinct);
    compact_at_ = std::max(kMinCompactPairs, static_cast<int64_t>(pairs_.size()) * 2);
  }

  // Turns the distinct values seen so far (all of group 0) into pairs.
  void use_pairs() {
    if (paired_) return;
    paired_ = true;
    const int64_t n = table_->size();
    if (by_bits_) {
      has_null_.resize(static_cast<size_t>(std::max<int64_t>(1, num_groups_)), 0);
      const Array values = table_->keys()[0];
      const std::vector<uint32_t> zeros(static_cast<size_t>(n), 0);
      append_bits(values, 0, n, nullptr, zeros.data());
      table_ = nullptr;
      return;
    }
    std::vector<uint32_t> ids(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) ids[static_cast<size_t>(i)] = static_cast<uint32_t>(i);
    append_ids(ids.data(), n, nullptr);
  }

  DataType input_type_;
  bool by_bits_;                    // pairs hold the values' bits, else ids in table_
  std::unique_ptr<KeyTable> table_;  // the distinct values (while single, or their ids)
  bool paired_ = false;  // several groups seen: rows become pairs
  Pairs pairs_;
  std::vector<uint8_t> has_null_;  // by_bits_ pairs: per group, whether a null was seen
  int64_t compact_at_ = kMinCompactPairs;
  int64_t num_groups_ = 0;
  std::vector<uint32_t> scratch_;
};

}  // namespace

std::unique_ptr<AggregatorBase> make_n_unique_aggregator(const DataType& input) {
  return std::make_unique<NUniqueAggregator>(input);
}

}  // namespace strata::compute::internal
