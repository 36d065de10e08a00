#pragma once
// The parts of the Parquet format's Thrift definitions (parquet.thrift) that
// Strata reads and writes, as plain C++ structs. Field numbers live in
// metadata_decoder.cpp / metadata_encoder.cpp. Enums keep unknown values
// from newer writers (they have a fixed underlying type) so that the code
// using them can refuse them with a clear message.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace strata::parquet {

enum class PhysicalType : int32_t {
  Boolean = 0,
  Int32 = 1,
  Int64 = 2,
  Int96 = 3,
  Float = 4,
  Double = 5,
  ByteArray = 6,
  FixedLenByteArray = 7,
};

enum class ConvertedType : int32_t {
  Utf8 = 0,
  Map = 1,
  MapKeyValue = 2,
  List = 3,
  Enum = 4,
  Decimal = 5,
  Date = 6,
  TimeMillis = 7,
  TimeMicros = 8,
  TimestampMillis = 9,
  TimestampMicros = 10,
  Uint8 = 11,
  Uint16 = 12,
  Uint32 = 13,
  Uint64 = 14,
  Int8 = 15,
  Int16 = 16,
  Int32 = 17,
  Int64 = 18,
  Json = 19,
  Bson = 20,
  Interval = 21,
};

enum class Repetition : int32_t { Required = 0, Optional = 1, Repeated = 2 };

enum class Encoding : int32_t {
  Plain = 0,
  PlainDictionary = 2,
  Rle = 3,
  BitPacked = 4,
  DeltaBinaryPacked = 5,
  DeltaLengthByteArray = 6,
  DeltaByteArray = 7,
  RleDictionary = 8,
  ByteStreamSplit = 9,
};

enum class Codec : int32_t {
  Uncompressed = 0,
  Snappy = 1,
  Gzip = 2,
  Lzo = 3,
  Brotli = 4,
  Lz4 = 5,  // Hadoop framing (deprecated)
  Zstd = 6,
  Lz4Raw = 7,
};

enum class PageType : int32_t { DataPage = 0, IndexPage = 1, DictionaryPage = 2, DataPageV2 = 3 };

enum class ParquetTimeUnit : uint8_t { Millis, Micros, Nanos };

/// The LogicalType union (Parquet 2.4+); `kind` says which member is set.
struct LogicalType {
  enum class Kind : uint8_t {
    None,
    String,
    Map,
    List,
    Enum,
    Decimal,
    Date,
    Time,
    Timestamp,
    Integer,
    Unknown,  // the always-null type
    Json,
    Bson,
    Uuid,
    Float16,
    Variant,
    Geometry,
    Geography,
    Unrecognized,  // a member this reader does not know (newer writer)
  };
  Kind kind = Kind::None;
  int32_t scale = 0;
  int32_t precision = 0;
  bool adjusted_to_utc = false;
  ParquetTimeUnit unit = ParquetTimeUnit::Micros;
  int8_t bit_width = 0;
  bool is_signed = true;
  int16_t unrecognized_id = 0;
};

struct SchemaElement {
  std::optional<PhysicalType> type;  // set for leaves only
  int32_t type_length = 0;           // FIXED_LEN_BYTE_ARRAY width
  std::optional<Repetition> repetition;
  std::string name;
  int32_t num_children = 0;
  std::optional<ConvertedType> converted_type;
  int32_t scale = 0;
  int32_t precision = 0;
  std::optional<int32_t> field_id;
  LogicalType logical_type;
};

struct Statistics {
  std::optional<std::string> max;  // legacy, signed byte order for binaries
  std::optional<std::string> min;
  std::optional<int64_t> null_count;
  std::optional<int64_t> distinct_count;
  std::optional<std::string> max_value;  // in the column's sort order
  std::optional<std::string> min_value;
  std::optional<bool> is_max_value_exact;
  std::optional<bool> is_min_value_exact;
};

struct KeyValue {
  std::string key;
  std::optional<std::string> value;
};

/// How many pages of a column chunk have one page type and encoding.
struct PageEncodingStats {
  PageType page_type = PageType::DataPage;
  Encoding encoding = Encoding::Plain;
  int32_t count = 0;
};

struct ColumnMetaData {
  PhysicalType type = PhysicalType::Int32;
  std::vector<Encoding> encodings;
  std::vector<std::string> path_in_schema;
  Codec codec = Codec::Uncompressed;
  int64_t num_values = 0;
  int64_t total_uncompressed_size = 0;
  int64_t total_compressed_size = 0;
  std::vector<KeyValue> key_value_metadata;
  int64_t data_page_offset = 0;
  std::optional<int64_t> index_page_offset;
  std::optional<int64_t> dictionary_page_offset;
  std::optional<Statistics> statistics;
  std::vector<PageEncodingStats> encoding_stats;  // empty when the writer left them out
};

struct ColumnChunk {
  std::optional<std::string> file_path;
  int64_t file_offset = 0;
  std::optional<ColumnMetaData> meta_data;
  bool encrypted = false;  // crypto metadata or encrypted column metadata present
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  int64_t total_byte_size = 0;
  int64_t num_rows = 0;
  std::optional<int64_t> file_offset;
  std::optional<int64_t> total_compressed_size;
  std::optional<int16_t> ordinal;
};

struct FileMetaData {
  int32_t version = 0;
  std::vector<SchemaElement> schema;
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
  std::vector<KeyValue> key_value_metadata;
  std::optional<std::string> created_by;
  /// Per leaf column: true when its ColumnOrder is TYPE_DEFINED_ORDER (the
  /// only order defined so far). Empty when the writer wrote no orders.
  std::vector<bool> column_orders_type_defined;
  bool encryption_algorithm_set = false;
};

struct DataPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::Plain;
  Encoding definition_level_encoding = Encoding::Rle;
  Encoding repetition_level_encoding = Encoding::Rle;
};

struct DictionaryPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::Plain;
  bool is_sorted = false;
};

struct DataPageHeaderV2 {
  int32_t num_values = 0;
  int32_t num_nulls = 0;
  int32_t num_rows = 0;
  Encoding encoding = Encoding::Plain;
  int32_t definition_levels_byte_length = 0;
  int32_t repetition_levels_byte_length = 0;
  bool is_compressed = true;
};

struct PageHeader {
  PageType type = PageType::DataPage;
  int32_t uncompressed_page_size = 0;
  int32_t compressed_page_size = 0;
  std::optional<int32_t> crc;
  std::optional<DataPageHeader> data_page_header;
  std::optional<DictionaryPageHeader> dictionary_page_header;
  std::optional<DataPageHeaderV2> data_page_header_v2;
};

// Human-readable names for messages.
std::string physical_type_name(PhysicalType type);
std::string encoding_name(Encoding encoding);
std::string codec_name(Codec codec);
std::string converted_type_name(ConvertedType type);
std::string logical_type_name(const LogicalType& type);

}  // namespace strata::parquet
