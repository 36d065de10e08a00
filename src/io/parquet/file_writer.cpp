// strata::ParquetWriter and the write_parquet_table entry points: row-group
// buffering, parallel column encoding, and the file layout
// ("PAR1" <column chunks> <footer> <footer length> "PAR1").
#include <functional>
#include <memory>

#include "io/csv/atomic_file_writer.hpp"
#include "io/parquet/column_chunk_writer.hpp"
#include "io/parquet/level_encoding.hpp"
#include "io/parquet/metadata_encoder.hpp"
#include "io/parquet/strata_schema_metadata.hpp"
#include "io/parquet/writer_schema.hpp"
#include "strata/core/error.hpp"
#include "strata/core/thread_pool.hpp"
#include "strata/io/parquet.hpp"

namespace strata {

using namespace parquet;

namespace {

constexpr const char* kCreatedBy = "strata version 0.1.0";

bool same_columns(const Schema& a, const Schema& b) {
  if (a.size() != b.size()) return false;
  for (int64_t i = 0; i < a.size(); ++i)
    if (a.field(i).name != b.field(i).name || a.field(i).type != b.field(i).type) return false;
  return true;
}

}  // namespace

struct ParquetWriter::Impl {
  Impl(Schema table_schema, ParquetWriteOptions write_options, std::function<void(std::string_view)> output)
      : schema(std::move(table_schema)), options(std::move(write_options)), sink(std::move(output)) {
    if (options.row_group_size < 1)
      throw InvalidInputError("row_group_size must be at least 1, got " + std::to_string(options.row_group_size));
    if (options.data_page_size < 1)
      throw InvalidInputError("data_page_size must be at least 1, got " + std::to_string(options.data_page_size));
    write_schema = build_write_schema(schema);
    emit("PAR1");
  }

  void emit(std::string_view bytes) {
    sink(bytes);
    position += static_cast<int64_t>(bytes.size());
  }

  void write(const Table& table) {
    if (closed) throw InvalidInputError("cannot write to a ParquetWriter after close()");
    if (!same_columns(table.schema(), schema))
      throw SchemaError("the table's schema " + table.schema().to_string() + " differs from the writer's schema " +
                        schema.to_string());
    if (table.num_rows() == 0) return;
    if (pending_rows == 0) {
      pending = table.columns();
    } else {
      for (size_t c = 0; c < pending.size(); ++c) pending[c] = pending[c].append(table.column(static_cast<int64_t>(c)));
    }
    pending_rows += table.num_rows();
    if (pending_rows >= options.row_group_size) flush(false);
  }

  // Writes every complete row group (all pending rows when `final`).
  void flush(bool final) {
    const int64_t size = options.row_group_size;
    const int64_t groups = final ? (pending_rows + size - 1) / size : pending_rows / size;
    if (groups == 0) return;
    // Encode a few row groups at a time so memory stays bounded.
    const int64_t wave = std::max(1, ThreadPool::global().size());
    for (int64_t first = 0; first < groups; first += wave) {
      const int64_t last = std::min(groups, first + wave);
      write_row_groups(first * size, last - first);
    }
    const int64_t written = std::min(pending_rows, groups * size);
    for (ChunkedArray& column : pending) column = column.slice(written, pending_rows - written);
    pending_rows -= written;
  }

  void write_row_groups(int64_t first_row, int64_t count) {
    const int64_t size = options.row_group_size;
    const size_t columns = pending.size();
    std::vector<std::vector<EncodedColumnChunk>> encoded(static_cast<size_t>(count) * columns);
    auto encode = [&](int64_t task) {
      const int64_t group = task / static_cast<int64_t>(columns);
      const size_t column = static_cast<size_t>(task % static_cast<int64_t>(columns));
      const int64_t begin = first_row + group * size;
      const int64_t rows = std::min(size, pending_rows - begin);
      const Array array = pending[column].slice(begin, rows).combine();
      const WriteNode& node = write_schema.columns[column];
      std::vector<LeafWriteData> leaves = build_leaf_write_data(node, array, write_schema.leaves);
      std::vector<EncodedColumnChunk>& out = encoded[static_cast<size_t>(task)];
      int leaf_index = first_leaf(node);
      for (const LeafWriteData& data : leaves)
        out.push_back(encode_column_chunk(data, write_schema.leaves[static_cast<size_t>(leaf_index++)], options));
    };
    const auto tasks = static_cast<int64_t>(encoded.size());
    if (options.parallel && tasks > 1) ThreadPool::global().parallel_for(tasks, encode);
    else for (int64_t t = 0; t < tasks; ++t) encode(t);
    for (int64_t group = 0; group < count; ++group) {
      RowGroup row_group;
      row_group.num_rows = std::min(size, pending_rows - (first_row + group * size));
      row_group.file_offset = position;
      int64_t compressed = 0;
      for (size_t column = 0; column < columns; ++column) {
        for (EncodedColumnChunk& chunk : encoded[static_cast<size_t>(group) * columns + column]) {
          ColumnChunk entry;
          entry.file_offset = position;
          ColumnMetaData meta = std::move(chunk.meta);
          meta.data_page_offset += position;
          if (meta.dictionary_page_offset) *meta.dictionary_page_offset += position;
          row_group.total_byte_size += meta.total_uncompressed_size;
          compressed += meta.total_compressed_size;
          entry.meta_data = std::move(meta);
          emit(chunk.bytes);
          std::string().swap(chunk.bytes);
          row_group.columns.push_back(std::move(entry));
        }
      }
      row_group.total_compressed_size = compressed;
      total_rows += row_group.num_rows;
      row_groups.push_back(std::move(row_group));
    }
  }

  static int first_leaf(const WriteNode& node) {
    if (node.kind == WriteNode::Kind::Leaf) return node.leaf_index;
    return first_leaf(node.children[0]);
  }

  void close() {
    if (closed) return;
    flush(true);
    FileMetaData footer;
    footer.version = 2;
    footer.schema = write_schema.elements;
    footer.num_rows = total_rows;
    footer.row_groups = std::move(row_groups);
    footer.key_value_metadata.push_back({kStrataSchemaKey, encode_strata_schema(schema)});
    for (const auto& [key, value] : options.key_value_metadata) footer.key_value_metadata.push_back({key, value});
    footer.created_by = kCreatedBy;
    footer.column_orders_type_defined.assign(write_schema.leaves.size(), true);
    const std::string bytes = encode_file_metadata(footer);
    emit(bytes);
    const auto length = static_cast<uint32_t>(bytes.size());
    emit(std::string_view(reinterpret_cast<const char*>(&length), 4));
    emit("PAR1");
    closed = true;
  }

  Schema schema;
  ParquetWriteOptions options;
  std::function<void(std::string_view)> sink;
  WriteSchema write_schema;
  std::unique_ptr<csv::AtomicFileWriter> file;
  int64_t position = 0;
  std::vector<RowGroup> row_groups;
  int64_t total_rows = 0;
  std::vector<ChunkedArray> pending;
  int64_t pending_rows = 0;
  bool closed = false;
};

ParquetWriter::ParquetWriter(const std::string& path, Schema schema, ParquetWriteOptions options) {
  auto file = std::make_unique<csv::AtomicFileWriter>(path);
  csv::AtomicFileWriter* target = file.get();
  impl_ = std::make_unique<Impl>(std::move(schema), std::move(options),
                                 [target](std::string_view bytes) { target->write(bytes); });
  impl_->file = std::move(file);
}

ParquetWriter::~ParquetWriter() = default;

void ParquetWriter::write(const Table& table) { impl_->write(table); }

void ParquetWriter::close() {
  if (impl_->closed) return;
  impl_->close();
  impl_->file->commit();
}

void write_parquet_table(const Table& table, const std::string& path, const ParquetWriteOptions& options) {
  ParquetWriter writer(path, table.schema(), options);
  writer.write(table);
  writer.close();
}

std::string write_parquet_table_to_buffer(const Table& table, const ParquetWriteOptions& options) {
  std::string out;
  ParquetWriter::Impl impl(table.schema(), options, [&out](std::string_view bytes) { out.append(bytes); });
  impl.write(table);
  impl.close();
  return out;
}

}  // namespace strata
