#pragma once
// Tables and record batches: the column sets that kernels, expressions and
// readers exchange. A RecordBatch has one contiguous array per column (the
// unit of parallel work, a "morsel"); a Table has chunked columns.
#include <vector>

#include "strata/core/chunked_array.hpp"
#include "strata/core/types.hpp"

namespace strata {

struct RecordBatch {
  Schema schema;
  std::vector<Array> columns;
  int64_t num_rows = 0;
};

class Table {
 public:
  Table() = default;
  /// Columns must match the schema's types and all have the same length.
  Table(Schema schema, std::vector<ChunkedArray> columns);

  const Schema& schema() const { return schema_; }
  const std::vector<ChunkedArray>& columns() const { return columns_; }
  const ChunkedArray& column(int64_t i) const { return columns_.at(static_cast<size_t>(i)); }
  int64_t num_rows() const { return num_rows_; }
  int64_t num_columns() const { return static_cast<int64_t>(columns_.size()); }

  /// Splits the rows into batches of at most `max_rows` rows whose
  /// boundaries respect every column's chunk boundaries where possible
  /// (aligned chunks are shared, not copied).
  std::vector<RecordBatch> to_batches(int64_t max_rows = 1 << 17) const;
  /// A table made of batches with equal schemas.
  static Table from_batches(const Schema& schema, const std::vector<RecordBatch>& batches);

 private:
  Schema schema_;
  std::vector<ChunkedArray> columns_;
  int64_t num_rows_ = 0;
};

}  // namespace strata
