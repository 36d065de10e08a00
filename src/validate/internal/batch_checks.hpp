#pragma once
// The checks a validation plan runs on every batch. Each owns its state
// (a failure recorder; a hash table for uniqueness) and is called once per
// batch in row order; different checks run in parallel.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "strata/core/table.hpp"
#include "strata/validate/custom_check.hpp"
#include "validate/internal/failure_recorder.hpp"

namespace strata::validate_internal {

/// One batch as the checks see it.
struct BatchView {
  const RecordBatch& input;    // as consumed
  const RecordBatch& coerced;  // same columns, declared ones cast to their declared types
  int64_t first_row;           // index of the batch's first row in the whole input
};

class BatchCheck {
 public:
  explicit BatchCheck(FailureRecorder& recorder) : recorder_(recorder) {}
  virtual ~BatchCheck() = default;
  BatchCheck(const BatchCheck&) = delete;
  BatchCheck& operator=(const BatchCheck&) = delete;

  /// Checks one batch. A strata::Error thrown by a kernel (say, an
  /// overflow inside a custom expression) stops this check: it is recorded
  /// as the failure's detail and later batches are skipped.
  void run(const BatchView& batch);

  /// Uniqueness checks cost far more per row than the others and cannot be
  /// split (their hash table spans batches): the plan starts them first in
  /// every batch so that the other checks fill the remaining threads
  /// instead of leaving them idle behind one long task.
  virtual bool runs_long() const { return false; }

 protected:
  virtual void check(const BatchView& batch) = 0;
  FailureRecorder& recorder() { return recorder_; }

 private:
  FailureRecorder& recorder_;
  bool stopped_ = false;
};

/// Per-value test of one column: returns Bool, false where a row fails.
using ValuePredicate = std::function<Array(const Array& column)>;

/// Fails the rows where the input column is null.
std::unique_ptr<BatchCheck> make_null_check(FailureRecorder& recorder, int64_t column);
/// Fails the rows where `predicate` over the coerced column is false.
std::unique_ptr<BatchCheck> make_value_check(FailureRecorder& recorder, int64_t column, ValuePredicate predicate);
/// Fails the rows whose values in `columns` (all non-null) equal an
/// earlier row's; `names` label the values of multi-column cases.
std::unique_ptr<BatchCheck> make_unique_check(FailureRecorder& recorder, std::vector<int64_t> columns,
                                              std::vector<DataType> types, std::vector<std::string> names);
/// Fails the rows where the custom check is false; cases show the values
/// of `shown` columns ("a=1, b=2"), or the bare value when `shown` is the
/// one column the check belongs to.
std::unique_ptr<BatchCheck> make_custom_check(FailureRecorder& recorder, CustomCheck check,
                                              std::vector<int64_t> shown, std::vector<std::string> shown_names,
                                              bool bare_value);

}  // namespace strata::validate_internal
