#pragma once
// Hash tables that give dense ids to distinct key rows: the engine of
// GroupIndex, group_rows, unique and the join build side. Three layouts,
// chosen by make_key_table():
//   - one fixed-width key (integers, floats, dates, times, decimals): the
//     value itself sits in the slot, no per-group indirection;
//   - one string key: slots hold (group id, hash tag); strings compare by
//     size and prefix first, inline strings by two words;
//   - several keys: a composite of one single-column table per key, whose
//     dense ids form fixed-size tuples that a second table numbers;
//   - anything else (bool, null-typed keys): every row is encoded into bytes
//     (a validity byte per key, then the value) and rows compare with memcmp.
// Ids follow first appearance within one table; merge() folds another
// table in, in the other table's id order, so merging per-range tables in
// range order keeps global first-appearance order.
#include <cstdint>
#include <memory>
#include <vector>

#include "strata/core/array.hpp"

namespace strata::compute::internal {

inline constexpr uint32_t kNoGroup = UINT32_MAX;

/// Open-addressing load limit: small tables (up to 64Ki slots, cache
/// resident) stay at most a quarter full so that nearly every probe hits at
/// the first slot (fewer mispredicted probe loops); larger ones half full.
inline bool table_needs_growth(size_t groups, size_t slots) {
  return slots < (size_t{1} << 16) ? groups * 4 > slots : groups * 2 > slots;
}

class KeyTable {
 public:
  virtual ~KeyTable() = default;
  /// Assigns ids to rows [begin, end) of `keys` (arrays of the table's key
  /// types), writing out[row - begin]; unseen rows create groups.
  virtual void insert(const std::vector<Array>& keys, int64_t begin, int64_t end, uint32_t* out) = 0;
  /// Like insert() without creating groups: kNoGroup for unseen rows.
  virtual void find(const std::vector<Array>& keys, int64_t begin, int64_t end, uint32_t* out) const = 0;
  /// Adds `other`'s groups (a table of the same layout and key types) in
  /// its id order; returns, per id of `other`, the id here.
  virtual std::vector<uint32_t> merge(const KeyTable& other) = 0;
  virtual int64_t size() const = 0;
  /// One array per key column, one row per group in id order.
  virtual std::vector<Array> keys() const = 0;
};

/// The type a table stores for a user key type: Categorical keys are grouped
/// by their strings, so they become String; everything else is unchanged.
DataType table_key_type(const DataType& type);

/// Converts key arrays to their table types (decodes categoricals). Throws
/// TypeError when an array's type differs from `expected`.
std::vector<Array> prepare_keys(const std::vector<Array>& keys, const std::vector<DataType>& expected);

/// Converts table key arrays back to the user's types (re-encodes
/// categoricals).
std::vector<Array> restore_key_types(std::vector<Array> keys, const std::vector<DataType>& types);

/// A table for keys of the given table types (see table_key_type). Throws
/// UnsupportedError for list and struct keys.
std::unique_ptr<KeyTable> make_key_table(const std::vector<DataType>& table_types);

std::unique_ptr<KeyTable> make_fixed_key_table(const DataType& type);
/// One integer key with every value in [min, max]: slot = value - min.
std::unique_ptr<KeyTable> make_direct_key_table(const DataType& type, int64_t min, int64_t max);
std::unique_ptr<KeyTable> make_string_key_table(const DataType& type);
std::unique_ptr<KeyTable> make_row_key_table(const std::vector<DataType>& types);
/// Several keys, one table per column (in key order); see the file comment.
std::unique_ptr<KeyTable> make_composite_key_table(std::vector<std::unique_ptr<KeyTable>> columns);

/// Rows of equal-length key arrays grouped with per-range tables built in
/// parallel and merged in range order. A single integer key with a small
/// range of values gets direct-indexed tables.
struct ParallelGrouping {
  std::unique_ptr<KeyTable> table;
  std::vector<uint32_t> group_ids;   // one per row
  std::vector<int64_t> first_row;    // per group
};
ParallelGrouping group_arrays_parallel(const std::vector<Array>& table_keys,
                                       const std::vector<DataType>& table_types);

}  // namespace strata::compute::internal
