#pragma once
// Row numbers in kernel error messages. Kernels see one array at a time and
// count rows from 0; an evaluator that runs them over a slice of a larger
// table (a batch) installs the slice's first row here, on the thread that
// runs the kernel, so that messages name rows of the whole table.
#include <cstdint>

namespace strata::compute {

/// Sets the row offset of the current thread for its lifetime, restoring the
/// previous offset afterwards. Not shared between threads.
class RowOffsetScope {
 public:
  explicit RowOffsetScope(int64_t first_row);
  ~RowOffsetScope();
  RowOffsetScope(const RowOffsetScope&) = delete;
  RowOffsetScope& operator=(const RowOffsetScope&) = delete;

 private:
  int64_t previous_;
};

/// The row number to report for row `row` of the current kernel's input.
int64_t reported_row(int64_t row);

}  // namespace strata::compute
