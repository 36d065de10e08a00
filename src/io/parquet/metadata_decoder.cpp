#include "io/parquet/metadata_decoder.hpp"

#include "io/parquet/parquet_error.hpp"
#include "io/parquet/thrift_compact_reader.hpp"

namespace strata::parquet {

using thrift::CompactReader;
using thrift::CompactType;
using thrift::FieldHeader;
using thrift::ListHeader;
using thrift::read_struct;

namespace {

template <typename Element, typename ReadElement>
std::vector<Element> read_list(CompactReader& reader, const FieldHeader& field, CompactType element_type,
                               const char* what, ReadElement&& read_element) {
  const ListHeader list = reader.read_list_header(field);
  CompactReader::expect_element(list, element_type, what);
  std::vector<Element> out;
  out.reserve(static_cast<size_t>(list.size));
  for (int64_t i = 0; i < list.size; ++i) out.push_back(read_element());
  return out;
}

template <typename Enum>
Enum read_enum(CompactReader& reader, const FieldHeader& field) {
  return static_cast<Enum>(reader.read_i32(field));
}

// Empty structs of the LogicalType union (StringType, DateType, ...).
void skip_empty_struct(CompactReader& reader, const FieldHeader& field) {
  reader.expect_struct(field);
  read_struct(reader, [&](const FieldHeader& inner) { reader.skip(inner.type); });
}

ParquetTimeUnit read_time_unit(CompactReader& reader, const FieldHeader& field) {
  reader.expect_struct(field);
  ParquetTimeUnit unit = ParquetTimeUnit::Micros;
  bool seen = false;
  read_struct(reader, [&](const FieldHeader& member) {
    switch (member.id) {
      case 1: unit = ParquetTimeUnit::Millis; seen = true; break;
      case 2: unit = ParquetTimeUnit::Micros; seen = true; break;
      case 3: unit = ParquetTimeUnit::Nanos; seen = true; break;
      default: break;
    }
    if (member.type == CompactType::Struct) skip_empty_struct(reader, member);
    else reader.skip(member.type);
  });
  if (!seen) throw_corrupt("a TIME or TIMESTAMP logical type has no (known) unit");
  return unit;
}

LogicalType read_logical_type(CompactReader& reader, const FieldHeader& field) {
  reader.expect_struct(field);
  LogicalType logical;
  using Kind = LogicalType::Kind;
  read_struct(reader, [&](const FieldHeader& member) {
    auto simple = [&](Kind kind) {
      logical.kind = kind;
      skip_empty_struct(reader, member);
    };
    switch (member.id) {
      case 1: simple(Kind::String); break;
      case 2: simple(Kind::Map); break;
      case 3: simple(Kind::List); break;
      case 4: simple(Kind::Enum); break;
      case 5:
        reader.expect_struct(member);
        logical.kind = Kind::Decimal;
        read_struct(reader, [&](const FieldHeader& f) {
          if (f.id == 1) logical.scale = reader.read_i32(f);
          else if (f.id == 2) logical.precision = reader.read_i32(f);
          else reader.skip(f.type);
        });
        break;
      case 6: simple(Kind::Date); break;
      case 7:
      case 8:
        reader.expect_struct(member);
        logical.kind = member.id == 7 ? Kind::Time : Kind::Timestamp;
        read_struct(reader, [&](const FieldHeader& f) {
          if (f.id == 1) logical.adjusted_to_utc = reader.read_bool(f);
          else if (f.id == 2) logical.unit = read_time_unit(reader, f);
          else reader.skip(f.type);
        });
        break;
      case 10:
        reader.expect_struct(member);
        logical.kind = Kind::Integer;
        read_struct(reader, [&](const FieldHeader& f) {
          if (f.id == 1) logical.bit_width = reader.read_byte(f);
          else if (f.id == 2) logical.is_signed = reader.read_bool(f);
          else reader.skip(f.type);
        });
        break;
      case 11: simple(Kind::Unknown); break;
      case 12: simple(Kind::Json); break;
      case 13: simple(Kind::Bson); break;
      case 14: simple(Kind::Uuid); break;
      case 15: simple(Kind::Float16); break;
      case 16: logical.kind = Kind::Variant; reader.skip(member.type); break;
      case 17: logical.kind = Kind::Geometry; reader.skip(member.type); break;
      case 18: logical.kind = Kind::Geography; reader.skip(member.type); break;
      default:
        logical.kind = Kind::Unrecognized;
        logical.unrecognized_id = member.id;
        reader.skip(member.type);
        break;
    }
  });
  return logical;
}

SchemaElement read_schema_element(CompactReader& reader) {
  SchemaElement element;
  bool has_name = false;
  read_struct(reader, [&](const FieldHeader& f) {
    switch (f.id) {
      case 1: element.type = read_enum<PhysicalType>(reader, f); break;
      case 2: element.type_length = reader.read_i32(f); break;
      case 3: element.repetition = read_enum<Repetition>(reader, f); break;
      case 4: element.name = reader.read_string(f); has_name = true; break;
      case 5: element.num_children = reader.read_i32(f); break;
      case 6: element.converted_type = read_enum<ConvertedType>(reader, f); break;
      case 7: element.scale = reader.read_i32(f); break;
      case 8: element.precision = reader.read_i32(f); break;
      case 9: element.field_id = reader.read_i32(f); break;
      case 10: element.logical_type = read_logical_type(reader, f); break;
      default: reader.skip(f.type); break;
    }
  });
  if (!has_name) throw_corrupt("a schema element has no name");
  return element;
}

Statistics read_statistics(CompactReader& reader, const FieldHeader& field) {
  reader.expect_struct(field);
  Statistics stats;
  read_struct(reader, [&](const FieldHeader& f) {
    switch (f.id) {
      case 1: stats.max = reader.read_string(f); break;
      case 2: stats.min = reader.read_string(f); break;
      case 3: stats.null_count = reader.read_i64(f); break;
      case 4: stats.distinct_count = reader.read_i64(f); break;
      case 5: stats.max_value = reader.read_string(f); break;
      case 6: stats.min_value = reader.read_string(f); break;
      case 7: stats.is_max_value_exact = reader.read_bool(f); break;
      case 8: stats.is_min_value_exact = reader.read_bool(f); break;
      default: reader.skip(f.type); break;
    }
  });
  return stats;
}

KeyValue read_key_value(CompactReader& reader) {
  KeyValue kv;
  read_struct(reader, [&](const FieldHeader& f) {
    if (f.id == 1) kv.key = reader.read_string(f);
    else if (f.id == 2) kv.value = reader.read_string(f);
    else reader.skip(f.type);
  });
  return kv;
}

std::vector<KeyValue> read_key_values(CompactReader& reader, const FieldHeader& field) {
  return read_list<KeyValue>(reader, field, CompactType::Struct, "key/value structs",
                             [&] { return read_key_value(reader); });
}

PageEncodingStats read_page_encoding_stats(CompactReader& reader) {
  PageEncodingStats stats;
  read_struct(reader, [&](const FieldHeader& f) {
    switch (f.id) {
      case 1: stats.page_type = read_enum<PageType>(reader, f); break;
      case 2: stats.encoding = read_enum<Encoding>(reader, f); break;
      case 3: stats.count = reader.read_i32(f); break;
      default: reader.skip(f.type); break;
    }
  });
  return stats;
}

ColumnMetaData read_column_metadata(CompactReader& reader, const FieldHeader& field) {
  reader.expect_struct(field);
  ColumnMetaData meta;
  read_struct(reader, [&](const FieldHeader& f) {
    switch (f.id) {
      case 1: meta.type = read_enum<PhysicalType>(reader, f); break;
      case 2:
        meta.encodings = read_list<Encoding>(reader, f, CompactType::I32, "encodings",
                                             [&] { return static_cast<Encoding>(reader.read_i32_element()); });
        break;
      case 3:
        meta.path_in_schema = read_list<std::string>(reader, f, CompactType::Binary, "strings",
                                                     [&] { return reader.read_string_element(); });
        break;
      case 4: meta.codec = read_enum<Codec>(reader, f); break;
      case 5: meta.num_values = reader.read_i64(f); break;
      case 6: meta.total_uncompressed_size = reader.read_i64(f); break;
      case 7: meta.total_compressed_size = reader.read_i64(f); break;
      case 8: meta.key_value_metadata = read_key_values(reader, f); break;
      case 9: meta.data_page_offset = reader.read_i64(f); break;
      case 10: meta.index_page_offset = reader.read_i64(f); break;
      case 11: meta.dictionary_page_offset = reader.read_i64(f); break;
      case 12: meta.statistics = read_statistics(reader, f); break;
      case 13:
        meta.encoding_stats = read_list<PageEncodingStats>(reader, f, CompactType::Struct, "page encoding stats",
                                                           [&] { return read_page_encoding_stats(reader); });
        break;
      default: reader.skip(f.type); break;
    }
  });
  return meta;
}

ColumnChunk read_column_chunk(CompactReader& reader) {
  ColumnChunk chunk;
  read_struct(reader, [&](const FieldHeader& f) {
    switch (f.id) {
      case 1: chunk.file_path = reader.read_string(f); break;
      case 2: chunk.file_offset = reader.read_i64(f); break;
      case 3: chunk.meta_data = read_column_metadata(reader, f); break;
      case 8:
      case 9: chunk.encrypted = true; reader.skip(f.type); break;
      default: reader.skip(f.type); break;
    }
  });
  return chunk;
}

RowGroup read_row_group(CompactReader& reader) {
  RowGroup group;
  read_struct(reader, [&](const FieldHeader& f) {
    switch (f.id) {
      case 1:
        group.columns = read_list<ColumnChunk>(reader, f, CompactType::Struct, "column chunks",
                                               [&] { return read_column_chunk(reader); });
        break;
      case 2: group.total_byte_size = reader.read_i64(f); break;
      case 3: group.num_rows = reader.read_i64(f); break;
      case 5: group.file_offset = reader.read_i64(f); break;
      case 6: group.total_compressed_size = reader.read_i64(f); break;
      case 7: group.ordinal = reader.read_i16(f); break;
      default: reader.skip(f.type); break;
    }
  });
  return group;
}

bool read_column_order(CompactReader& reader) {
  bool type_defined = false;
  read_struct(reader, [&](const FieldHeader& f) {
    if (f.id == 1) type_defined = true;
    reader.skip(f.type);
  });
  return type_defined;
}

}  // namespace

FileMetaData decode_file_metadata(const uint8_t* data, size_t size) {
  CompactReader reader(data, size);
  FileMetaData meta;
  read_struct(reader, [&](const FieldHeader& f) {
    switch (f.id) {
      case 1: meta.version = reader.read_i32(f); break;
      case 2:
        meta.schema = read_list<SchemaElement>(reader, f, CompactType::Struct, "schema elements",
                                               [&] { return read_schema_element(reader); });
        break;
      case 3: meta.num_rows = reader.read_i64(f); break;
      case 4:
        meta.row_groups = read_list<RowGroup>(reader, f, CompactType::Struct, "row groups",
                                              [&] { return read_row_group(reader); });
        break;
      case 5: meta.key_value_metadata = read_key_values(reader, f); break;
      case 6: meta.created_by = reader.read_string(f); break;
      case 7:
        meta.column_orders_type_defined = read_list<bool>(reader, f, CompactType::Struct, "column orders",
                                                          [&] { return read_column_order(reader); });
        break;
      case 8: meta.encryption_algorithm_set = true; reader.skip(f.type); break;
      default: reader.skip(f.type); break;
    }
  });
  if (meta.schema.empty()) throw_corrupt("the file metadata has no schema");
  if (meta.num_rows < 0) throw_corrupt("the file metadata has a negative row count " + std::to_string(meta.num_rows));
  return meta;
}

PageHeader decode_page_header(const uint8_t* data, size_t size, size_t& header_size) {
  CompactReader reader(data, size);
  PageHeader header;
  bool has_type = false;
  read_struct(reader, [&](const FieldHeader& f) {
    switch (f.id) {
      case 1: header.type = read_enum<PageType>(reader, f); has_type = true; break;
      case 2: header.uncompressed_page_size = reader.read_i32(f); break;
      case 3: header.compressed_page_size = reader.read_i32(f); break;
      case 4: header.crc = reader.read_i32(f); break;
      case 5: {
        reader.expect_struct(f);
        DataPageHeader page;
        read_struct(reader, [&](const FieldHeader& g) {
          switch (g.id) {
            case 1: page.num_values = reader.read_i32(g); break;
            case 2: page.encoding = read_enum<Encoding>(reader, g); break;
            case 3: page.definition_level_encoding = read_enum<Encoding>(reader, g); break;
            case 4: page.repetition_level_encoding = read_enum<Encoding>(reader, g); break;
            default: reader.skip(g.type); break;
          }
        });
        header.data_page_header = page;
        break;
      }
      case 7: {
        reader.expect_struct(f);
        DictionaryPageHeader page;
        read_struct(reader, [&](const FieldHeader& g) {
          switch (g.id) {
            case 1: page.num_values = reader.read_i32(g); break;
            case 2: page.encoding = read_enum<Encoding>(reader, g); break;
            case 3: page.is_sorted = reader.read_bool(g); break;
            default: reader.skip(g.type); break;
          }
        });
        header.dictionary_page_header = page;
        break;
      }
      case 8: {
        reader.expect_struct(f);
        DataPageHeaderV2 page;
        read_struct(reader, [&](const FieldHeader& g) {
          switch (g.id) {
            case 1: page.num_values = reader.read_i32(g); break;
            case 2: page.num_nulls = reader.read_i32(g); break;
            case 3: page.num_rows = reader.read_i32(g); break;
            case 4: page.encoding = read_enum<Encoding>(reader, g); break;
            case 5: page.definition_levels_byte_length = reader.read_i32(g); break;
            case 6: page.repetition_levels_byte_length = reader.read_i32(g); break;
            case 7: page.is_compressed = reader.read_bool(g); break;
            default: reader.skip(g.type); break;
          }
        });
        header.data_page_header_v2 = page;
        break;
      }
      default: reader.skip(f.type); break;
    }
  });
  if (!has_type) throw_corrupt("a page header has no page type");
  if (header.compressed_page_size < 0 || header.uncompressed_page_size < 0)
    throw_corrupt("a page header has a negative size (compressed " + std::to_string(header.compressed_page_size) +
                  ", uncompressed " + std::to_string(header.uncompressed_page_size) + ")");
  header_size = reader.position();
  return header;
}

}  // namespace strata::parquet
