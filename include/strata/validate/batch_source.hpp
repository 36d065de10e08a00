#pragma once
// A stream of record batches with one schema: what validation (and later
// the lazy engine's scans) consume, so that data larger than memory can be
// checked one batch at a time.
#include <cstdint>
#include <optional>

#include "strata/core/table.hpp"

namespace strata {

class RecordBatchSource {
 public:
  virtual ~RecordBatchSource() = default;
  /// The schema every batch has.
  virtual const Schema& schema() const = 0;
  /// The next batch, or nullopt at the end. Batches come in row order.
  virtual std::optional<RecordBatch> next() = 0;
};

/// The rows of a Table in batches of at most `max_rows` rows, cut one at a
/// time (so only the current batch is copied; chunks that fit are shared).
class TableBatchSource final : public RecordBatchSource {
 public:
  explicit TableBatchSource(Table table, int64_t max_rows = 1 << 17);
  const Schema& schema() const override { return table_.schema(); }
  std::optional<RecordBatch> next() override;

 private:
  Table table_;
  int64_t max_rows_;
  int64_t next_row_ = 0;
};

}  // namespace strata
