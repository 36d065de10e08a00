#pragma once
// A batch of tokenized records, stored column by column so that each column
// builder parses its values in one tight loop (no per-value virtual call).
#include <cstdint>
#include <vector>

#include "io/csv/csv_dialect.hpp"

namespace strata::csv {

struct FieldBatch {
  FieldBatch(int64_t slot_count, int64_t capacity)
      : slots(slot_count),
        capacity(capacity),
        spans(static_cast<size_t>(slot_count * capacity)),
        lines(static_cast<size_t>(capacity)),
        ordinals(static_cast<size_t>(capacity)) {}

  /// The fields of output column `slot`, one per record.
  FieldSpan* column(int64_t slot) { return spans.data() + slot * capacity; }
  const FieldSpan* column(int64_t slot) const { return spans.data() + slot * capacity; }

  int64_t slots;
  int64_t capacity;
  int64_t rows = 0;
  std::vector<FieldSpan> spans;   // slots x capacity, column-major
  std::vector<int64_t> lines;     // line of each record, relative to the chunk
  std::vector<int64_t> ordinals;  // index of each record among the chunk's records
};

}  // namespace strata::csv
