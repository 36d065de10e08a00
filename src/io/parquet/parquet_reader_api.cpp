// The public reading API of strata/io/parquet.hpp on top of
// ParquetFile::Impl: opening, row-group selection, multi-file reads.
#include <algorithm>

#include "io/parquet/file_reader.hpp"
#include "strata/core/error.hpp"
#include "strata/io/parquet.hpp"

namespace strata {

ParquetFile ParquetFile::open(const std::string& path, const ParquetReadOptions& options) {
  return ParquetFile(std::make_shared<const Impl>(parquet::FileSource::map(path), path, options));
}

ParquetFile ParquetFile::from_buffer(std::string bytes, const std::string& name, const ParquetReadOptions& options) {
  return ParquetFile(std::make_shared<const Impl>(parquet::FileSource::from_bytes(std::move(bytes)), name, options));
}

const ParquetFileMetadata& ParquetFile::metadata() const { return impl_->metadata; }
const Schema& ParquetFile::schema() const { return impl_->tree.schema; }
int64_t ParquetFile::num_rows() const { return impl_->footer.num_rows; }
int ParquetFile::num_row_groups() const { return static_cast<int>(impl_->footer.row_groups.size()); }

int64_t ParquetFile::row_group_num_rows(int row_group) const {
  impl_->check_row_group(row_group);
  return impl_->footer.row_groups[static_cast<size_t>(row_group)].num_rows;
}

std::vector<int> ParquetFile::select_row_groups(const std::vector<ParquetPredicate>& predicates) const {
  return impl_->select_row_groups(predicates);
}

namespace {

Schema projected_schema(const ParquetFile::Impl& impl, const std::vector<int>& columns) {
  std::vector<Field> fields;
  for (int c : columns) fields.push_back(impl.tree.schema.field(c));
  return Schema(std::move(fields));
}

Table slice_rows(const Table& table, int64_t rows) {
  if (table.num_rows() <= rows) return table;
  std::vector<ChunkedArray> columns;
  for (const ChunkedArray& column : table.columns()) columns.push_back(column.slice(0, rows));
  return Table(table.schema(), std::move(columns));
}

}  // namespace

Table ParquetFile::read(const std::vector<std::string>& columns, const std::vector<int>& row_groups) const {
  const std::vector<int> indices = impl_->column_indices(columns);
  return read_row_groups(
      {impl_}, {row_groups.empty() ? impl_->select_row_groups(impl_->options.filter) : row_groups}, {indices},
      projected_schema(*impl_, indices), impl_->options.parallel, impl_->options.filter);
}

Table ParquetFile::read_filtered(const std::vector<std::string>& columns, const std::vector<int>& row_groups,
                                 const std::vector<ParquetPredicate>& filter, bool parallel) const {
  const std::vector<int> indices = impl_->column_indices(columns);
  for (int g : row_groups) impl_->check_row_group(g);
  return read_row_groups({impl_}, {row_groups}, {indices}, projected_schema(*impl_, indices), parallel, filter);
}

RecordBatch ParquetFile::read_row_group(int row_group, const std::vector<std::string>& columns) const {
  impl_->check_row_group(row_group);
  const Table table = read(columns, {row_group});
  RecordBatch batch;
  batch.schema = table.schema();
  batch.num_rows = table.num_rows();
  // An empty row group yields empty arrays of the right types.
  for (const ChunkedArray& column : table.columns())
    batch.columns.push_back(column.num_chunks() == 0 ? make_null_array(column.type(), 0) : column.combine());
  return batch;
}

namespace {

Table read_files(const std::vector<std::shared_ptr<const ParquetFile::Impl>>& files, const ParquetReadOptions& options) {
  std::vector<std::vector<int>> row_groups;
  std::vector<std::vector<int>> columns;
  Schema schema;
  int64_t rows_so_far = 0;
  std::vector<ParquetPredicate> pruning = options.row_group_filter;
  pruning.insert(pruning.end(), options.filter.begin(), options.filter.end());
  for (size_t f = 0; f < files.size(); ++f) {
    const ParquetFile::Impl& impl = *files[f];
    columns.push_back(impl.column_indices(options.columns));
    const Schema file_schema = projected_schema(impl, columns.back());
    if (f == 0) {
      schema = file_schema;
    } else if (!(file_schema == schema)) {
      throw SchemaError("Parquet files have different schemas: '" + files[0]->name + "' has " + schema.to_string() +
                        " but '" + impl.name + "' has " + file_schema.to_string() +
                        ". Hint: read the files separately, or select common columns with options.columns");
    }
    std::vector<int> selected;
    for (int g : impl.select_row_groups(pruning)) {
      // Row counts bound the result only when no rows are filtered out.
      if (options.n_rows && options.filter.empty() && rows_so_far >= *options.n_rows) break;
      selected.push_back(g);
      rows_so_far += impl.footer.row_groups[static_cast<size_t>(g)].num_rows;
    }
    row_groups.push_back(std::move(selected));
  }
  Table table = read_row_groups(files, row_groups, columns, schema, options.parallel, options.filter);
  if (options.n_rows) table = slice_rows(table, std::max<int64_t>(0, *options.n_rows));
  return table;
}

}  // namespace

Table read_parquet_table(const std::string& path_or_glob, const ParquetReadOptions& options) {
  std::vector<std::shared_ptr<const ParquetFile::Impl>> files;
  for (const std::string& path : expand_parquet_glob(path_or_glob))
    files.push_back(std::make_shared<const ParquetFile::Impl>(parquet::FileSource::map(path), path, options));
  return read_files(files, options);
}

Table read_parquet_table_from_buffer(std::string_view bytes, const ParquetReadOptions& options,
                                     const std::string& name) {
  auto impl = std::make_shared<const ParquetFile::Impl>(parquet::FileSource::from_bytes(std::string(bytes)), name,
                                                        options);
  return read_files({impl}, options);
}

ParquetFileMetadata read_parquet_metadata(const std::string& path) { return ParquetFile::open(path).metadata(); }

}  // namespace strata
