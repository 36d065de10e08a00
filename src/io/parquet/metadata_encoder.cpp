#include "io/parquet/metadata_encoder.hpp"

#include "io/parquet/thrift_compact_writer.hpp"

namespace strata::parquet {

using thrift::CompactType;
using thrift::CompactWriter;

namespace {

void empty_struct_field(CompactWriter& writer, int16_t id) {
  writer.field_struct(id);
  writer.begin_struct();
  writer.end_struct();
}

void write_time_unit(CompactWriter& writer, int16_t id, ParquetTimeUnit unit) {
  writer.field_struct(id);
  writer.begin_struct();
  empty_struct_field(writer, unit == ParquetTimeUnit::Millis ? 1 : unit == ParquetTimeUnit::Micros ? 2 : 3);
  writer.end_struct();
}

void write_logical_type(CompactWriter& writer, const LogicalType& logical) {
  using Kind = LogicalType::Kind;
  writer.field_struct(10);
  writer.begin_struct();
  switch (logical.kind) {
    case Kind::String: empty_struct_field(writer, 1); break;
    case Kind::Map: empty_struct_field(writer, 2); break;
    case Kind::List: empty_struct_field(writer, 3); break;
    case Kind::Enum: empty_struct_field(writer, 4); break;
    case Kind::Decimal:
      writer.field_struct(5);
      writer.begin_struct();
      writer.field_i32(1, logical.scale);
      writer.field_i32(2, logical.precision);
      writer.end_struct();
      break;
    case Kind::Date: empty_struct_field(writer, 6); break;
    case Kind::Time:
    case Kind::Timestamp:
      writer.field_struct(logical.kind == Kind::Time ? 7 : 8);
      writer.begin_struct();
      writer.field_bool(1, logical.adjusted_to_utc);
      write_time_unit(writer, 2, logical.unit);
      writer.end_struct();
      break;
    case Kind::Integer: {
      writer.field_struct(10);
      writer.begin_struct();
      writer.field_byte(1, logical.bit_width);
      writer.field_bool(2, logical.is_signed);
      writer.end_struct();
      break;
    }
    case Kind::Unknown: empty_struct_field(writer, 11); break;
    case Kind::Json: empty_struct_field(writer, 12); break;
    case Kind::Bson: empty_struct_field(writer, 13); break;
    case Kind::Uuid: empty_struct_field(writer, 14); break;
    case Kind::Float16: empty_struct_field(writer, 15); break;
    default: break;
  }
  writer.end_struct();
}

void write_statistics(CompactWriter& writer, int16_t id, const Statistics& stats) {
  writer.field_struct(id);
  writer.begin_struct();
  if (stats.max) writer.field_binary(1, *stats.max);
  if (stats.min) writer.field_binary(2, *stats.min);
  if (stats.null_count) writer.field_i64(3, *stats.null_count);
  if (stats.distinct_count) writer.field_i64(4, *stats.distinct_count);
  if (stats.max_value) writer.field_binary(5, *stats.max_value);
  if (stats.min_value) writer.field_binary(6, *stats.min_value);
  if (stats.is_max_value_exact) writer.field_bool(7, *stats.is_max_value_exact);
  if (stats.is_min_value_exact) writer.field_bool(8, *stats.is_min_value_exact);
  writer.end_struct();
}

void write_key_values(CompactWriter& writer, int16_t id, const std::vector<KeyValue>& values) {
  writer.field_list(id, CompactType::Struct, static_cast<int64_t>(values.size()));
  for (const KeyValue& kv : values) {
    writer.begin_struct();
    writer.field_binary(1, kv.key);
    if (kv.value) writer.field_binary(2, *kv.value);
    writer.end_struct();
  }
}

void write_schema_element(CompactWriter& writer, const SchemaElement& element) {
  writer.begin_struct();
  if (element.type) writer.field_i32(1, static_cast<int32_t>(*element.type));
  if (element.type && *element.type == PhysicalType::FixedLenByteArray) writer.field_i32(2, element.type_length);
  if (element.repetition) writer.field_i32(3, static_cast<int32_t>(*element.repetition));
  writer.field_binary(4, element.name);
  if (!element.type) writer.field_i32(5, element.num_children);
  if (element.converted_type) {
    writer.field_i32(6, static_cast<int32_t>(*element.converted_type));
    if (*element.converted_type == ConvertedType::Decimal) {
      writer.field_i32(7, element.scale);
      writer.field_i32(8, element.precision);
    }
  }
  if (element.field_id) writer.field_i32(9, *element.field_id);
  if (element.logical_type.kind != LogicalType::Kind::None) write_logical_type(writer, element.logical_type);
  writer.end_struct();
}

void write_column_metadata(CompactWriter& writer, const ColumnMetaData& meta) {
  writer.field_struct(3);
  writer.begin_struct();
  writer.field_i32(1, static_cast<int32_t>(meta.type));
  writer.field_list(2, CompactType::I32, static_cast<int64_t>(meta.encodings.size()));
  for (Encoding encoding : meta.encodings) writer.element_i32(static_cast<int32_t>(encoding));
  writer.field_list(3, CompactType::Binary, static_cast<int64_t>(meta.path_in_schema.size()));
  for (const std::string& part : meta.path_in_schema) writer.element_binary(part);
  writer.field_i32(4, static_cast<int32_t>(meta.codec));
  writer.field_i64(5, meta.num_values);
  writer.field_i64(6, meta.total_uncompressed_size);
  writer.field_i64(7, meta.total_compressed_size);
  if (!meta.key_value_metadata.empty()) write_key_values(writer, 8, meta.key_value_metadata);
  writer.field_i64(9, meta.data_page_offset);
  if (meta.index_page_offset) writer.field_i64(10, *meta.index_page_offset);
  if (meta.dictionary_page_offset) writer.field_i64(11, *meta.dictionary_page_offset);
  if (meta.statistics) write_statistics(writer, 12, *meta.statistics);
  if (!meta.encoding_stats.empty()) {
    writer.field_list(13, CompactType::Struct, static_cast<int64_t>(meta.encoding_stats.size()));
    for (const PageEncodingStats& stats : meta.encoding_stats) {
      writer.begin_struct();
      writer.field_i32(1, static_cast<int32_t>(stats.page_type));
      writer.field_i32(2, static_cast<int32_t>(stats.encoding));
      writer.field_i32(3, stats.count);
      writer.end_struct();
    }
  }
  writer.end_struct();
}

}  // namespace

std::string encode_file_metadata(const FileMetaData& metadata) {
  CompactWriter writer;
  writer.begin_struct();
  writer.field_i32(1, metadata.version);
  writer.field_list(2, CompactType::Struct, static_cast<int64_t>(metadata.schema.size()));
  for (const SchemaElement& element : metadata.schema) write_schema_element(writer, element);
  writer.field_i64(3, metadata.num_rows);
  writer.field_list(4, CompactType::Struct, static_cast<int64_t>(metadata.row_groups.size()));
  for (const RowGroup& group : metadata.row_groups) {
    writer.begin_struct();
    writer.field_list(1, CompactType::Struct, static_cast<int64_t>(group.columns.size()));
    for (const ColumnChunk& chunk : group.columns) {
      writer.begin_struct();
      if (chunk.file_path) writer.field_binary(1, *chunk.file_path);
      writer.field_i64(2, chunk.file_offset);
      if (chunk.meta_data) write_column_metadata(writer, *chunk.meta_data);
      writer.end_struct();
    }
    writer.field_i64(2, group.total_byte_size);
    writer.field_i64(3, group.num_rows);
    if (group.file_offset) writer.field_i64(5, *group.file_offset);
    if (group.total_compressed_size) writer.field_i64(6, *group.total_compressed_size);
    writer.end_struct();
  }
  if (!metadata.key_value_metadata.empty()) write_key_values(writer, 5, metadata.key_value_metadata);
  if (metadata.created_by) writer.field_binary(6, *metadata.created_by);
  if (!metadata.column_orders_type_defined.empty()) {
    writer.field_list(7, CompactType::Struct, static_cast<int64_t>(metadata.column_orders_type_defined.size()));
    for (size_t i = 0; i < metadata.column_orders_type_defined.size(); ++i) {
      writer.begin_struct();
      empty_struct_field(writer, 1);  // TYPE_ORDER
      writer.end_struct();
    }
  }
  writer.end_struct();
  return writer.take();
}

std::string encode_page_header(const PageHeader& header) {
  CompactWriter writer;
  writer.begin_struct();
  writer.field_i32(1, static_cast<int32_t>(header.type));
  writer.field_i32(2, header.uncompressed_page_size);
  writer.field_i32(3, header.compressed_page_size);
  if (header.crc) writer.field_i32(4, *header.crc);
  if (header.data_page_header) {
    const DataPageHeader& page = *header.data_page_header;
    writer.field_struct(5);
    writer.begin_struct();
    writer.field_i32(1, page.num_values);
    writer.field_i32(2, static_cast<int32_t>(page.encoding));
    writer.field_i32(3, static_cast<int32_t>(page.definition_level_encoding));
    writer.field_i32(4, static_cast<int32_t>(page.repetition_level_encoding));
    writer.end_struct();
  }
  if (header.dictionary_page_header) {
    const DictionaryPageHeader& page = *header.dictionary_page_header;
    writer.field_struct(7);
    writer.begin_struct();
    writer.field_i32(1, page.num_values);
    writer.field_i32(2, static_cast<int32_t>(page.encoding));
    if (page.is_sorted) writer.field_bool(3, true);
    writer.end_struct();
  }
  if (header.data_page_header_v2) {
    const DataPageHeaderV2& page = *header.data_page_header_v2;
    writer.field_struct(8);
    writer.begin_struct();
    writer.field_i32(1, page.num_values);
    writer.field_i32(2, page.num_nulls);
    writer.field_i32(3, page.num_rows);
    writer.field_i32(4, static_cast<int32_t>(page.encoding));
    writer.field_i32(5, page.definition_levels_byte_length);
    writer.field_i32(6, page.repetition_levels_byte_length);
    writer.field_bool(7, page.is_compressed);
    writer.end_struct();
  }
  writer.end_struct();
  return writer.take();
}

}  // namespace strata::parquet
