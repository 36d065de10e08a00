#include "io/parquet/file_reader.hpp"

#include <cstring>
#include <functional>
#include <map>
#include <new>
#include <optional>
#include <set>

#include "io/parquet/column_chunk_decoder.hpp"
#include "io/parquet/dictionary_decoding.hpp"
#include "io/parquet/metadata_decoder.hpp"
#include "io/parquet/nested_assembly.hpp"
#include "io/parquet/parquet_error.hpp"
#include "io/parquet/row_filtering.hpp"
#include "io/parquet/row_group_pruning.hpp"
#include "io/parquet/strata_schema_metadata.hpp"
#include "io/parquet/type_bridge.hpp"
#include "strata/compute/boolean.hpp"
#include "strata/compute/selection.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/thread_pool.hpp"

namespace strata {

using namespace parquet;

namespace {

constexpr size_t kMagicSize = 4;
constexpr size_t kFooterTrailerSize = 8;  // footer length + magic

// Categorical leaves keep dictionary indices as codes instead of gathering.
bool wants_dictionary_codes(const LeafDescriptor& leaf) { return leaf.type.id() == TypeId::Categorical; }

// Sets the target type of the leaves of `node` from `stored` (a type from the
// strata.schema entry) where the layouts agree and the conversion exists.
void adapt_to_stored(const ReadNode& node, const DataType& stored, std::vector<LeafDescriptor>& leaves,
                     std::vector<DataType>& targets) {
  switch (node.kind) {
    case ReadNode::Kind::Leaf: {
      const LeafDescriptor& leaf = leaves[static_cast<size_t>(node.leaf_index)];
      if (can_adapt_leaf(leaf.type, stored)) targets[static_cast<size_t>(node.leaf_index)] = stored;
      return;
    }
    case ReadNode::Kind::List:
      if (stored.id() == TypeId::List) adapt_to_stored(node.children[0], stored.child(), leaves, targets);
      return;
    case ReadNode::Kind::Struct:
      if (stored.id() != TypeId::Struct || stored.fields().size() != node.children.size()) return;
      for (size_t i = 0; i < node.children.size(); ++i)
        if (stored.fields()[i].name == node.children[i].name)
          adapt_to_stored(node.children[i], stored.fields()[i].type, leaves, targets);
      return;
  }
}

void collect_string_leaves(const ReadNode& node, std::vector<int>& out, const std::vector<LeafDescriptor>& leaves) {
  if (node.kind == ReadNode::Kind::Leaf) {
    const DataType& type = leaves[static_cast<size_t>(node.leaf_index)].type;
    if (type.id() == TypeId::String || type.id() == TypeId::Categorical) out.push_back(node.leaf_index);
    return;
  }
  for (const ReadNode& child : node.children) collect_string_leaves(child, out, leaves);
}

std::string kv_value(const KeyValue& kv) { return kv.value.value_or(""); }

}  // namespace

ParquetFile::Impl::Impl(std::shared_ptr<const FileSource> file, std::string file_name, const ParquetReadOptions& read_options)
    : name(std::move(file_name)), source(std::move(file)), options(read_options) {
  try {
    const uint8_t* data = source->data();
    const size_t size = source->size();
    if (size < kMagicSize + kFooterTrailerSize)
      throw_corrupt("the file has " + std::to_string(size) + " bytes, too few for Parquet (at least 12)");
    if (std::memcmp(data + size - 4, "PARE", 4) == 0)
      throw_unsupported("encrypted files (footer magic PARE). Hint: decrypt the file with the tool that wrote it");
    if (std::memcmp(data, "PAR1", 4) != 0 || std::memcmp(data + size - 4, "PAR1", 4) != 0)
      throw_corrupt("the file does not start and end with the magic bytes PAR1; it is not a Parquet file");
    uint32_t footer_length;
    std::memcpy(&footer_length, data + size - kFooterTrailerSize, 4);
    if (footer_length > size - kMagicSize - kFooterTrailerSize)
      throw_corrupt("the footer length " + std::to_string(footer_length) + " exceeds the file size " +
                    std::to_string(size));
    data_end = size - kFooterTrailerSize - footer_length;
    footer = decode_file_metadata(data + data_end, footer_length);
    if (footer.encryption_algorithm_set) throw_unsupported("encrypted files (plaintext footer with encrypted columns)");
    TypeBridgeOptions bridge;
    bridge.int96_unit = options.int96_timestamp_unit;
    bridge.binary_as_string = options.binary_as_string;
    tree = build_file_schema(footer, bridge);
    for (size_t g = 0; g < footer.row_groups.size(); ++g) {
      const RowGroup& group = footer.row_groups[g];
      if (group.columns.size() != tree.leaves.size())
        throw_corrupt("row group " + std::to_string(g) + " has " + std::to_string(group.columns.size()) +
                      " column chunks but the schema has " + std::to_string(tree.leaves.size()) + " leaf columns");
      if (group.num_rows < 0) throw_corrupt("row group " + std::to_string(g) + " has a negative row count");
    }
    if (options.use_strata_schema) apply_stored_schema();
    apply_categorical_columns();
    std::vector<Field> fields;
    for (ReadNode& column : tree.columns) {
      refresh_node_types(column, tree.leaves);
      fields.push_back({column.name, column.type, column.nullable});
    }
    tree.schema = Schema(std::move(fields));
    build_public_metadata();
  } catch (const Error& error) {
    rethrow_with_context(error, "file '" + name + "'");
  }
}

void ParquetFile::Impl::apply_stored_schema() {
  for (const KeyValue& kv : footer.key_value_metadata) {
    if (kv.key != kStrataSchemaKey || !kv.value) continue;
    const std::optional<Schema> stored = decode_strata_schema(*kv.value);
    if (!stored || stored->size() != static_cast<int64_t>(tree.columns.size())) return;
    std::vector<DataType> targets;
    for (const LeafDescriptor& leaf : tree.leaves) targets.push_back(leaf.type);
    for (size_t i = 0; i < tree.columns.size(); ++i) {
      const Field& field = stored->field(static_cast<int64_t>(i));
      if (field.name != tree.columns[i].name) return;
      adapt_to_stored(tree.columns[i], field.type, tree.leaves, targets);
    }
    // Leaf descriptors keep the decoded type; the target becomes their type
    // after conversion (see read_column_unchecked).
    for (size_t i = 0; i < tree.leaves.size(); ++i) tree.leaves[i].type = targets[i];
    return;
  }
}

void ParquetFile::Impl::apply_categorical_columns() {
  for (const std::string& column_name : options.categorical_columns) {
    const ReadNode& column = tree.columns[static_cast<size_t>(column_index(column_name))];
    std::vector<int> strings;
    collect_string_leaves(column, strings, tree.leaves);
    if (strings.empty())
      throw TypeError("column '" + column_name + "' has type " + column.type.to_string() +
                      "; only string columns can be read as categorical");
    for (int leaf : strings) tree.leaves[static_cast<size_t>(leaf)].type = DataType::categorical();
  }
}

int ParquetFile::Impl::column_index(const std::string& column_name) const {
  for (size_t i = 0; i < tree.columns.size(); ++i)
    if (tree.columns[i].name == column_name) return static_cast<int>(i);
  std::vector<std::string> names;
  for (const ReadNode& column : tree.columns) names.push_back(column.name);
  throw_column_not_found(column_name, names);
}

std::vector<int> ParquetFile::Impl::column_indices(const std::vector<std::string>& names) const {
  std::vector<int> out;
  if (names.empty()) {
    for (size_t i = 0; i < tree.columns.size(); ++i) out.push_back(static_cast<int>(i));
    return out;
  }
  std::set<std::string> seen;
  for (const std::string& column_name : names) {
    if (!seen.insert(column_name).second) throw SchemaError("column '" + column_name + "' is selected twice");
    out.push_back(column_index(column_name));
  }
  return out;
}

void ParquetFile::Impl::check_row_group(int row_group) const {
  if (row_group < 0 || static_cast<size_t>(row_group) >= footer.row_groups.size())
    throw InvalidInputError("row group " + std::to_string(row_group) + " does not exist in Parquet file '" + name +
                            "', which has " + std::to_string(footer.row_groups.size()) + " row groups");
}

Array ParquetFile::Impl::read_column(int row_group, int column, const std::vector<int64_t>* rows) const {
  const ReadNode& node = tree.columns[static_cast<size_t>(column)];
  const std::string where = "file '" + name + "', row group " + std::to_string(row_group) + ", column '" + node.name + "'";
  try {
    return read_column_unchecked(row_group, column, rows);
  } catch (const Error& error) {
    rethrow_with_context(error, where);
  } catch (const std::bad_alloc&) {
    throw InvalidInputError("not enough memory to decode the column (" + where +
                            "); its sizes may be corrupt. Hint: read fewer columns or row groups at a time");
  } catch (const std::length_error&) {
    throw InvalidInputError("the column declares an impossible size (" + where + ")");
  }
}

Array ParquetFile::Impl::read_column_unchecked(int row_group, int column,
                                               const std::vector<int64_t>* rows) const {
  const ReadNode& node = tree.columns[static_cast<size_t>(column)];
  if (!node.unsupported.empty())
    throw UnsupportedError("Parquet feature not supported: " + node.unsupported +
                           ". Hint: leave the column out with ParquetReadOptions::columns");
  const RowGroup& group = footer.row_groups[static_cast<size_t>(row_group)];
  const bool flat =
      node.kind == ReadNode::Kind::Leaf && tree.leaves[static_cast<size_t>(node.leaf_index)].top_level;
  bool rows_selected = false;  // whether decoding already kept only `rows`
  std::vector<LeafData> leaves(static_cast<size_t>(node.leaf_count));
  for (int l = node.first_leaf; l < node.first_leaf + node.leaf_count; ++l) {
    const LeafDescriptor& leaf = tree.leaves[static_cast<size_t>(l)];
    const ColumnChunk& chunk = group.columns[static_cast<size_t>(l)];
    if (chunk.encrypted) throw_unsupported("encrypted column chunks");
    if (chunk.file_path) throw_unsupported("column chunks stored in another file ('" + *chunk.file_path + "')");
    if (!chunk.meta_data) throw_corrupt("column chunk '" + leaf.dotted_path + "' has no metadata");
    const ColumnMetaData& meta = *chunk.meta_data;
    const SchemaElement& element = footer.schema[leaf.element_index];
    if (meta.type != element.type)
      throw_corrupt("column chunk '" + leaf.dotted_path + "' has physical type " + physical_type_name(meta.type) +
                    " but the schema says " + physical_type_name(*element.type));
    const auto [start, length] = chunk_bytes(meta, leaf.dotted_path);
    LeafColumnInfo info{leaf.dotted_path, *element.type, element.type_length, leaf.max_definition_level,
                        leaf.max_repetition_level};
    ColumnChunkDecodeOptions decode_options;
    decode_options.verify_checksums = options.verify_checksums;
    decode_options.keep_levels = !leaf.top_level;
    decode_options.dictionary_codes = wants_dictionary_codes(leaf) || (rows && flat);
    DecodedColumnChunk decoded = decode_column_chunk(source->data() + start, static_cast<size_t>(length), meta.codec,
                                                     meta.num_values, info, decode_options);
    if (rows && flat && decoded.dictionary) {
      if (decoded.entries != group.num_rows)
        throw_corrupt("column has " + std::to_string(decoded.entries) + " rows but its row group has " +
                      std::to_string(group.num_rows));
      keep_selected_codes(decoded, *rows);
      rows_selected = true;
    }
    LeafData& data = leaves[static_cast<size_t>(l - node.first_leaf)];
    const DataType decoded_type = map_leaf_type(element, TypeBridgeOptions{options.int96_timestamp_unit,
                                                                          options.binary_as_string}).type;
    if (decoded.dictionary && wants_dictionary_codes(leaf)) {
      data.dense = categorical_from_codes(std::move(decoded.codes), std::move(*decoded.dictionary));
    } else {
      if (decoded.dictionary) {  // codes kept only to select rows: gather the selected values now
        const auto count = static_cast<int64_t>(decoded.codes.size());
        decoded.values.reserve(count);
        gather_from_dictionary(*decoded.dictionary, decoded.codes.data(), count, decoded.values);
      }
      const DataType& conversion = leaf.type.id() == TypeId::Categorical ? leaf.type : decoded_type;
      data.dense = physical_to_array(std::move(decoded.values), element, conversion);
    }
    data.dense = adapt_leaf(data.dense, leaf.type);
    data.entries = decoded.entries;
    data.definition_levels = std::move(decoded.definition_levels);
    data.repetition_levels = std::move(decoded.repetition_levels);
    data.validity = std::move(decoded.validity);
    data.null_count = decoded.null_count;
  }
  Array result;
  if (node.kind == ReadNode::Kind::Leaf && tree.leaves[static_cast<size_t>(node.leaf_index)].top_level) {
    LeafData& data = leaves[0];
    if (data.entries - data.null_count != data.dense.length())
      throw_corrupt("column has " + std::to_string(data.dense.length()) + " values for " +
                    std::to_string(data.entries - data.null_count) + " non-null entries");
    result = spread_dense_values(data.dense, std::move(data.validity), data.entries, data.null_count);
  } else {
    result = assemble_column(node, leaves);
  }
  if (rows_selected) return result;
  if (result.length() != group.num_rows)
    throw_corrupt("column has " + std::to_string(result.length()) + " rows but its row group has " +
                  std::to_string(group.num_rows));
  return rows ? compute::take(result, *rows) : result;
}

std::vector<Array> ParquetFile::Impl::read_matching_rows(int row_group, const std::vector<int>& columns,
                                                         const std::vector<ParquetPredicate>& filter) const {
  // Each predicate narrows `selected`, and each later predicate's column is
  // decoded (and tested) only at the rows still selected.
  std::optional<std::vector<int64_t>> selected;  // unset: every row
  struct Decoded {
    Array values;
    std::optional<std::vector<int64_t>> rows;  // the rows `values` hold (unset: every row)
  };
  std::map<int, Decoded> decoded;  // predicate columns by index; one used twice is decoded once
  // A decoded column's values at the selected rows (a subset of the rows it holds).
  const auto at_selected = [&](const Decoded& column) {
    if (!selected || (column.rows && column.rows->size() == selected->size())) return column.values;
    return compute::take(column.values, column.rows ? positions_within(*selected, *column.rows) : *selected);
  };
  for (const ParquetPredicate& predicate : filter) {
    const int column = column_index(predicate.column);
    auto found = decoded.find(column);
    if (found == decoded.end())
      found = decoded
                  .emplace(column,
                           Decoded{read_column(row_group, column, selected ? &*selected : nullptr), selected})
                  .first;
    Array mask;
    try {
      mask = predicate_mask(predicate, at_selected(found->second));
    } catch (const Error& error) {
      rethrow_with_context(error, "file '" + name + "', row group " + std::to_string(row_group));
    }
    std::vector<int64_t> kept = compute::mask_to_indices(ChunkedArray(mask));
    if (selected)
      for (int64_t& position : kept) position = (*selected)[static_cast<size_t>(position)];
    selected = std::move(kept);
    if (selected->empty()) break;  // the remaining columns need not be decoded
  }
  const int64_t rows = footer.row_groups[static_cast<size_t>(row_group)].num_rows;
  const bool all_rows = !selected || static_cast<int64_t>(selected->size()) == rows;
  if (all_rows) selected.reset();
  std::vector<Array> out;
  for (int column : columns) {
    const DataType& type = tree.columns[static_cast<size_t>(column)].type;
    if (selected && selected->empty()) {
      out.push_back(make_null_array(type, 0));
    } else if (const auto found = decoded.find(column); found != decoded.end()) {
      out.push_back(at_selected(found->second));
      decoded.erase(found);  // free the decoded column as soon as its rows are taken
    } else {
      out.push_back(read_column(row_group, column, selected ? &*selected : nullptr));
    }
  }
  return out;
}

std::pair<int64_t, int64_t> ParquetFile::Impl::chunk_bytes(const ColumnMetaData& meta, const std::string& path) const {
  int64_t start = meta.data_page_offset;
  if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0 && *meta.dictionary_page_offset < start)
    start = *meta.dictionary_page_offset;
  const int64_t length = meta.total_compressed_size;
  if (start < 0 || length < 0 || static_cast<uint64_t>(start) > data_end ||
      static_cast<uint64_t>(length) > data_end - static_cast<uint64_t>(start))
    throw_corrupt("column chunk '" + path + "' at offset " + std::to_string(start) + " with " +
                  std::to_string(length) + " bytes lies outside the file's data (" + std::to_string(data_end) +
                  " bytes)");
  return {start, length};
}

bool ParquetFile::Impl::dictionary_may_match(int row_group, int column, const ParquetPredicate& predicate) const {
  if (predicate.op != ParquetPredicate::Op::Equal || predicate.value.is_null()) return true;
  const ReadNode& node = tree.columns[static_cast<size_t>(column)];
  if (node.kind != ReadNode::Kind::Leaf || !node.unsupported.empty()) return true;
  const LeafDescriptor& leaf = tree.leaves[static_cast<size_t>(node.leaf_index)];
  if (!leaf.top_level) return true;
  const ColumnChunk& chunk = footer.row_groups[static_cast<size_t>(row_group)].columns[static_cast<size_t>(node.leaf_index)];
  if (!chunk.meta_data || chunk.encrypted || chunk.file_path || !chunk.meta_data->dictionary_page_offset ||
      !fully_dictionary_encoded(*chunk.meta_data))
    return true;
  const ColumnMetaData& meta = *chunk.meta_data;
  const SchemaElement& element = footer.schema[leaf.element_index];
  if (meta.type != element.type) return true;  // corrupt: reading the column reports it
  const auto [start, length] = chunk_bytes(meta, leaf.dotted_path);
  const LeafColumnInfo info{leaf.dotted_path, *element.type, element.type_length, leaf.max_definition_level,
                            leaf.max_repetition_level};
  std::optional<PhysicalValues> dictionary = read_chunk_dictionary(
      source->data() + start, static_cast<size_t>(length), meta.codec, info, options.verify_checksums,
      kMaxPruningDictionaryEntries);
  if (!dictionary) return true;
  const DataType decoded_type =
      map_leaf_type(element, TypeBridgeOptions{options.int96_timestamp_unit, options.binary_as_string}).type;
  const DataType& conversion = leaf.type.id() == TypeId::Categorical ? leaf.type : decoded_type;
  const Array values = adapt_leaf(physical_to_array(std::move(*dictionary), element, conversion), leaf.type);
  for (int64_t i = 0; i < values.length(); ++i) {
    const std::optional<int> order = compare_scalars(predicate.value, array_value(values, i));
    if (!order || *order == 0) return true;
  }
  return false;
}

DecodedStatistics ParquetFile::Impl::column_statistics(int row_group, int column) const {
  const ReadNode& node = tree.columns[static_cast<size_t>(column)];
  if (node.kind != ReadNode::Kind::Leaf) return {};
  const LeafDescriptor& leaf = tree.leaves[static_cast<size_t>(node.leaf_index)];
  if (!leaf.top_level) return {};
  const ColumnChunk& chunk = footer.row_groups[static_cast<size_t>(row_group)].columns[static_cast<size_t>(node.leaf_index)];
  if (!chunk.meta_data || !chunk.meta_data->statistics) return {};
  const SchemaElement& element = footer.schema[leaf.element_index];
  const DataType decoded_type =
      map_leaf_type(element, TypeBridgeOptions{options.int96_timestamp_unit, options.binary_as_string}).type;
  return decode_statistics(*chunk.meta_data->statistics, element, decoded_type);
}

std::vector<int> ParquetFile::Impl::select_row_groups(const std::vector<ParquetPredicate>& predicates) const {
  std::vector<int> columns;
  for (const ParquetPredicate& predicate : predicates) columns.push_back(column_index(predicate.column));
  std::vector<int> out;
  for (size_t g = 0; g < footer.row_groups.size(); ++g) {
    const int64_t rows = footer.row_groups[g].num_rows;
    bool keep = true;
    for (size_t p = 0; p < predicates.size() && keep; ++p)
      keep = may_match(predicates[p], column_statistics(static_cast<int>(g), columns[p]), rows);
    // Equalities the statistics let through: no dictionary entry equal to
    // the value means no row is.
    for (size_t p = 0; p < predicates.size() && keep; ++p)
      keep = dictionary_may_match(static_cast<int>(g), columns[p], predicates[p]);
    if (keep) out.push_back(static_cast<int>(g));
  }
  return out;
}

void ParquetFile::Impl::build_public_metadata() {
  metadata.path = name;
  metadata.num_rows = footer.num_rows;
  metadata.format_version = footer.version;
  metadata.created_by = footer.created_by.value_or("");
  for (const KeyValue& kv : footer.key_value_metadata) metadata.key_value_metadata.emplace_back(kv.key, kv_value(kv));
  metadata.schema = tree.schema;
  metadata.parquet_schema = format_parquet_schema(footer);
  for (size_t g = 0; g < footer.row_groups.size(); ++g) {
    const RowGroup& group = footer.row_groups[g];
    ParquetRowGroupInfo info;
    info.num_rows = group.num_rows;
    info.total_byte_size = group.total_byte_size;
    for (size_t l = 0; l < group.columns.size(); ++l) {
      const LeafDescriptor& leaf = tree.leaves[l];
      ParquetColumnChunkInfo chunk_info;
      chunk_info.path = leaf.dotted_path;
      if (const auto& meta = group.columns[l].meta_data) {
        chunk_info.physical_type = physical_type_name(meta->type);
        chunk_info.codec = codec_name(meta->codec);
        for (Encoding encoding : meta->encodings) chunk_info.encodings.push_back(encoding_name(encoding));
        chunk_info.num_values = meta->num_values;
        chunk_info.compressed_size = meta->total_compressed_size;
        chunk_info.uncompressed_size = meta->total_uncompressed_size;
        if (leaf.top_level && meta->statistics) {
          const DecodedStatistics stats = column_statistics(static_cast<int>(g), leaf.column);
          chunk_info.statistics = {stats.min, stats.max, stats.null_count, stats.distinct_count};
        }
      }
      info.columns.push_back(std::move(chunk_info));
    }
    metadata.row_groups.push_back(std::move(info));
  }
}

namespace {

// chunks[column][row group] as a table; row groups of zero rows add nothing
// (chunk types must match exactly).
Table table_from_chunks(const Schema& schema, std::vector<std::vector<Array>> chunks) {
  std::vector<ChunkedArray> out;
  out.reserve(chunks.size());
  for (size_t c = 0; c < chunks.size(); ++c) {
    std::vector<Array> kept;
    for (Array& chunk : chunks[c])
      if (chunk.length() > 0) kept.push_back(std::move(chunk));
    out.emplace_back(schema.field(static_cast<int64_t>(c)).type, std::move(kept));
  }
  return Table(schema, std::move(out));
}

// Runs task(0) ... task(count - 1): on the thread pool when `parallel` and
// there is more than one, else in order on this thread.
void run_tasks(size_t count, bool parallel, const std::function<void(int64_t)>& task) {
  if (parallel && count > 1) {
    ThreadPool::global().parallel_for(static_cast<int64_t>(count), task);
    return;
  }
  for (size_t i = 0; i < count; ++i) task(static_cast<int64_t>(i));
}

// read_row_groups with a filter: one task per row group, so that a row
// group's full columns live only while its matching rows are taken.
Table read_matching_row_groups(const std::vector<std::shared_ptr<const ParquetFile::Impl>>& files,
                               const std::vector<std::vector<int>>& row_groups,
                               const std::vector<std::vector<int>>& columns, const Schema& schema,
                               bool parallel, const std::vector<ParquetPredicate>& filter) {
  std::vector<std::pair<size_t, int>> tasks;  // (file, row group)
  for (size_t f = 0; f < files.size(); ++f) {
    for (int row_group : row_groups[f]) {
      files[f]->check_row_group(row_group);
      tasks.emplace_back(f, row_group);
    }
  }
  const size_t width = static_cast<size_t>(schema.size());
  std::vector<std::vector<Array>> chunks(width, std::vector<Array>(tasks.size()));
  auto run = [&](int64_t i) {
    const auto [file, row_group] = tasks[static_cast<size_t>(i)];
    std::vector<Array> matching = files[file]->read_matching_rows(row_group, columns[file], filter);
    for (size_t c = 0; c < width; ++c) chunks[c][static_cast<size_t>(i)] = std::move(matching[c]);
  };
  run_tasks(tasks.size(), parallel, run);
  return table_from_chunks(schema, std::move(chunks));
}

}  // namespace

Table read_row_groups(const std::vector<std::shared_ptr<const ParquetFile::Impl>>& files,
                      const std::vector<std::vector<int>>& row_groups,
                      const std::vector<std::vector<int>>& columns, const Schema& schema, bool parallel,
                      const std::vector<ParquetPredicate>& filter) {
  if (!filter.empty()) return read_matching_row_groups(files, row_groups, columns, schema, parallel, filter);
  struct Task {
    size_t file;
    int row_group;
    size_t column_position;
    size_t chunk;  // position of the row group among all selected ones
  };
  std::vector<Task> tasks;
  size_t chunk_count = 0;
  for (size_t f = 0; f < files.size(); ++f) {
    for (int row_group : row_groups[f]) {
      files[f]->check_row_group(row_group);
      for (size_t c = 0; c < columns[f].size(); ++c) tasks.push_back({f, row_group, c, chunk_count});
      ++chunk_count;
    }
  }
  const size_t width = static_cast<size_t>(schema.size());
  std::vector<std::vector<Array>> chunks(width, std::vector<Array>(chunk_count));
  auto run = [&](int64_t i) {
    const Task& task = tasks[static_cast<size_t>(i)];
    chunks[task.column_position][task.chunk] =
        files[task.file]->read_column(task.row_group, columns[task.file][task.column_position]);
  };
  run_tasks(tasks.size(), parallel, run);
  return table_from_chunks(schema, std::move(chunks));
}

}  // namespace strata
