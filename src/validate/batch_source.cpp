#include "strata/validate/batch_source.hpp"

#include <algorithm>

#include "strata/core/error.hpp"

namespace strata {

TableBatchSource::TableBatchSource(Table table, int64_t max_rows) : table_(std::move(table)), max_rows_(max_rows) {
  if (max_rows_ < 1) throw InvalidInputError("batches need at least 1 row, got max_rows " + std::to_string(max_rows));
}

std::optional<RecordBatch> TableBatchSource::next() {
  if (next_row_ >= table_.num_rows()) return std::nullopt;
  // Cut at the next chunk boundary of any column when it comes before
  // max_rows, so that aligned chunks are shared instead of copied.
  int64_t end = std::min(table_.num_rows(), next_row_ + max_rows_);
  for (const ChunkedArray& column : table_.columns()) {
    int64_t chunk_end = 0;
    for (const Array& chunk : column.chunks()) {
      chunk_end += chunk.length();
      if (chunk_end > next_row_) break;
    }
    if (chunk_end > next_row_) end = std::min(end, chunk_end);
  }
  RecordBatch batch{table_.schema(), {}, end - next_row_};
  batch.columns.reserve(static_cast<size_t>(table_.num_columns()));
  for (const ChunkedArray& column : table_.columns()) batch.columns.push_back(column.slice(next_row_, batch.num_rows).combine());
  next_row_ = end;
  return batch;
}

}  // namespace strata
