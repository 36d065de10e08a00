#include "strata/core/table.hpp"

#include <algorithm>
#include <set>

#include "strata/core/error.hpp"

namespace strata {

namespace {

// Rows [offset, offset + length) of `array` without copying the values:
// fixed-width values, string views and categorical codes become views of the
// source buffers. Bitmaps (validity, bool values) are copied, being 1/64 of
// the values' size at most, so that their bits past the end stay cleared as
// the word-level kernels expect. Structs slice their fields the same way;
// lists fall back to the copying Array::slice (their offsets would need
// rebasing).
Array slice_sharing_buffers(const Array& array, int64_t offset, int64_t length) {
  if (offset == 0 && length == array.length()) return array;
  const DataType& type = array.type();
  const int width = type.byte_width();
  const bool is_struct = type.id() == TypeId::Struct;
  if (!is_struct && (type.is_nested() || type.id() == TypeId::Null || type.id() == TypeId::Bool || width <= 0))
    return array.slice(offset, length);
  const ArrayData& source = array.data();
  auto data = std::make_shared<ArrayData>();
  data->type = type;
  data->length = length;
  if (is_struct) {
    data->values = source.values;
    for (const auto& child : source.children)
      data->children.push_back(slice_sharing_buffers(Array(child), offset, length).data_ptr());
  } else {
    data->values = Buffer::view(source.values, offset * width, length * width);
  }
  data->string_data = source.string_data;
  data->dictionary = source.dictionary;
  if (source.validity) {
    data->validity = bitmap::make_zeroed(length);
    bitmap::copy_bits(source.validity->data(), offset, data->validity->data(), 0, length);
  }
  finish_validity(*data);
  return Array(std::move(data));
}

// Rows [offset, offset + length) of a column as one array: a whole chunk is
// shared, a part of one chunk is a zero-copy slice, and only rows spanning
// several chunks are copied.
Array column_piece(const ChunkedArray& column, int64_t offset, int64_t length) {
  const auto [chunk_index, row] = column.locate(offset);
  const Array& chunk = column.chunks()[static_cast<size_t>(chunk_index)];
  if (row + length <= chunk.length()) return slice_sharing_buffers(chunk, row, length);
  return column.slice(offset, length).combine();
}

}  // namespace

Table::Table(Schema schema, std::vector<ChunkedArray> columns)
    : schema_(std::move(schema)), columns_(std::move(columns)) {
  if (static_cast<int64_t>(columns_.size()) != schema_.size())
    throw SchemaError("table has " + std::to_string(columns_.size()) + " columns but its schema has " +
                      std::to_string(schema_.size()) + " fields");
  num_rows_ = columns_.empty() ? 0 : columns_[0].length();
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].type() != schema_.field(static_cast<int64_t>(i)).type)
      throw SchemaError("column '" + schema_.field(static_cast<int64_t>(i)).name + "' has type " +
                        columns_[i].type().to_string() + " but the schema says " +
                        schema_.field(static_cast<int64_t>(i)).type.to_string());
    if (columns_[i].length() != num_rows_)
      throw SchemaError("column '" + schema_.field(static_cast<int64_t>(i)).name + "' has " +
                        std::to_string(columns_[i].length()) + " rows, expected " + std::to_string(num_rows_));
  }
}

std::vector<RecordBatch> Table::to_batches(int64_t max_rows) const {
  std::vector<RecordBatch> batches;
  if (num_rows_ == 0) return batches;
  // Cut points: every chunk boundary of every column, then split long runs.
  std::set<int64_t> cuts{0, num_rows_};
  for (const auto& column : columns_) {
    int64_t at = 0;
    for (const auto& chunk : column.chunks()) cuts.insert(at += chunk.length());
  }
  std::vector<int64_t> bounds(cuts.begin(), cuts.end());
  std::vector<int64_t> refined{0};
  for (size_t i = 1; i < bounds.size(); ++i) {
    const int64_t start = bounds[i - 1], end = bounds[i];
    const int64_t pieces = std::max<int64_t>(1, (end - start + max_rows - 1) / max_rows);
    for (int64_t p = 1; p <= pieces; ++p) refined.push_back(start + (end - start) * p / pieces);
  }
  for (size_t i = 1; i < refined.size(); ++i) {
    RecordBatch batch;
    batch.schema = schema_;
    batch.num_rows = refined[i] - refined[i - 1];
    for (const auto& column : columns_) batch.columns.push_back(column_piece(column, refined[i - 1], batch.num_rows));
    batches.push_back(std::move(batch));
  }
  return batches;
}

Table Table::from_batches(const Schema& schema, const std::vector<RecordBatch>& batches) {
  std::vector<ChunkedArray> columns;
  for (int64_t c = 0; c < schema.size(); ++c) {
    std::vector<Array> chunks;
    for (const auto& batch : batches) chunks.push_back(batch.columns.at(static_cast<size_t>(c)));
    columns.emplace_back(schema.field(c).type, std::move(chunks));
  }
  return Table(schema, std::move(columns));
}

}  // namespace strata
