#include "io/parquet/parquet_format.hpp"

namespace strata::parquet {

std::string physical_type_name(PhysicalType type) {
  switch (type) {
    case PhysicalType::Boolean: return "BOOLEAN";
    case PhysicalType::Int32: return "INT32";
    case PhysicalType::Int64: return "INT64";
    case PhysicalType::Int96: return "INT96";
    case PhysicalType::Float: return "FLOAT";
    case PhysicalType::Double: return "DOUBLE";
    case PhysicalType::ByteArray: return "BYTE_ARRAY";
    case PhysicalType::FixedLenByteArray: return "FIXED_LEN_BYTE_ARRAY";
  }
  return "physical type #" + std::to_string(static_cast<int32_t>(type));
}

std::string encoding_name(Encoding encoding) {
  switch (encoding) {
    case Encoding::Plain: return "PLAIN";
    case Encoding::PlainDictionary: return "PLAIN_DICTIONARY";
    case Encoding::Rle: return "RLE";
    case Encoding::BitPacked: return "BIT_PACKED";
    case Encoding::DeltaBinaryPacked: return "DELTA_BINARY_PACKED";
    case Encoding::DeltaLengthByteArray: return "DELTA_LENGTH_BYTE_ARRAY";
    case Encoding::DeltaByteArray: return "DELTA_BYTE_ARRAY";
    case Encoding::RleDictionary: return "RLE_DICTIONARY";
    case Encoding::ByteStreamSplit: return "BYTE_STREAM_SPLIT";
  }
  return "encoding #" + std::to_string(static_cast<int32_t>(encoding));
}

std::string codec_name(Codec codec) {
  switch (codec) {
    case Codec::Uncompressed: return "UNCOMPRESSED";
    case Codec::Snappy: return "SNAPPY";
    case Codec::Gzip: return "GZIP";
    case Codec::Lzo: return "LZO";
    case Codec::Brotli: return "BROTLI";
    case Codec::Lz4: return "LZ4";
    case Codec::Zstd: return "ZSTD";
    case Codec::Lz4Raw: return "LZ4_RAW";
  }
  return "codec #" + std::to_string(static_cast<int32_t>(codec));
}

std::string converted_type_name(ConvertedType type) {
  static const char* const names[] = {"UTF8",     "MAP",         "MAP_KEY_VALUE", "LIST",        "ENUM",
                                      "DECIMAL",  "DATE",        "TIME_MILLIS",   "TIME_MICROS", "TIMESTAMP_MILLIS",
                                      "TIMESTAMP_MICROS", "UINT_8", "UINT_16",   "UINT_32",     "UINT_64",
                                      "INT_8",    "INT_16",      "INT_32",        "INT_64",      "JSON",
                                      "BSON",     "INTERVAL"};
  const auto index = static_cast<int32_t>(type);
  if (index >= 0 && index < static_cast<int32_t>(sizeof(names) / sizeof(names[0]))) return names[index];
  return "converted type #" + std::to_string(index);
}

std::string logical_type_name(const LogicalType& type) {
  using Kind = LogicalType::Kind;
  switch (type.kind) {
    case Kind::None: return "none";
    case Kind::String: return "STRING";
    case Kind::Map: return "MAP";
    case Kind::List: return "LIST";
    case Kind::Enum: return "ENUM";
    case Kind::Decimal: return "DECIMAL";
    case Kind::Date: return "DATE";
    case Kind::Time: return "TIME";
    case Kind::Timestamp: return "TIMESTAMP";
    case Kind::Integer: return "INTEGER";
    case Kind::Unknown: return "UNKNOWN (null)";
    case Kind::Json: return "JSON";
    case Kind::Bson: return "BSON";
    case Kind::Uuid: return "UUID";
    case Kind::Float16: return "FLOAT16";
    case Kind::Variant: return "VARIANT";
    case Kind::Geometry: return "GEOMETRY";
    case Kind::Geography: return "GEOGRAPHY";
    case Kind::Unrecognized: return "logical type #" + std::to_string(type.unrecognized_id);
  }
  return "?";
}

}  // namespace strata::parquet
