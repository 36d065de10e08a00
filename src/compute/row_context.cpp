#include "strata/compute/row_context.hpp"

namespace strata::compute {

namespace {
thread_local int64_t current_row_offset = 0;
}  // namespace

RowOffsetScope::RowOffsetScope(int64_t first_row) : previous_(current_row_offset) {
  current_row_offset = first_row;
}

RowOffsetScope::~RowOffsetScope() { current_row_offset = previous_; }

int64_t reported_row(int64_t row) { return current_row_offset + row; }

}  // namespace strata::compute
