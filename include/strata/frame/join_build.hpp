#pragma once
// Hash joins whose smaller side is built once while the other side arrives
// in parts: the lazy engine streams its larger input through them instead
// of holding all of it. Both give exactly DataFrame::join's result, rows in
// the same order, for inner, left, semi and anti joins (the joins whose
// output for a left row depends on that row alone).
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "strata/compute/join.hpp"
#include "strata/frame/dataframe.hpp"

namespace strata {

/// The right frame built; parts of the left input probe it and each gives
/// its share of the result at once, in order.
class RightBuiltJoin {
 public:
  /// Checks the keys as DataFrame::join does (names, counts, compatible
  /// types) and builds the right frame's table; InvalidInputError for join
  /// types other than inner, left, semi and anti.
  RightBuiltJoin(const Schema& left_schema, DataFrame right, std::vector<std::string> left_on,
                 std::vector<std::string> right_on, JoinOptions options);

  /// left_part.join(right, ...): probing the parts of a frame in order and
  /// concatenating gives the join of the whole frame. Thread-safe.
  DataFrame probe(const DataFrame& left_part) const;

 private:
  DataFrame right_;
  std::vector<std::string> left_on_, right_on_;
  JoinOptions options_;
  std::vector<DataType> key_types_;
  compute::JoinBuildSide side_;
};

/// The left frame built; parts of the right input probe it and keep only
/// their matching rows, which finish() puts in the left-ordered result.
class LeftBuiltJoin {
 public:
  /// As RightBuiltJoin, with the roles of the sides swapped.
  LeftBuiltJoin(DataFrame left, const Schema& right_schema, std::vector<std::string> left_on,
                std::vector<std::string> right_on, JoinOptions options);

  /// Probes part `part` of the right input (parts are numbered in the
  /// input's order and may come from several threads in any order).
  void probe(int64_t part, const DataFrame& right_part);
  /// left.join(right, ...) where right is every probed part in order.
  DataFrame finish();

 private:
  struct Matches {
    std::vector<int64_t> left_rows;  // the left row of each match, in right order
    DataFrame right_columns;         // the right side's non-key columns of each match
  };
  DataFrame left_;
  Schema right_schema_;
  std::vector<std::string> left_on_, right_on_;
  JoinOptions options_;
  std::vector<DataType> key_types_;
  std::vector<ChunkedArray> left_keys_;
  compute::JoinBuildSide side_;
  std::mutex mutex_;
  std::map<int64_t, Matches> parts_;     // inner and left joins
  std::vector<uint8_t> matched_groups_;  // semi and anti joins: per left key, whether a right row has it
};

}  // namespace strata
