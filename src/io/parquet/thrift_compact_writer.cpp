#include "io/parquet/thrift_compact_writer.hpp"

namespace strata::parquet::thrift {

void CompactWriter::begin_struct() {
  field_id_stack_.push_back(last_field_id_);
  last_field_id_ = 0;
}

void CompactWriter::end_struct() {
  out_.push_back(static_cast<char>(CompactType::Stop));
  last_field_id_ = field_id_stack_.back();
  field_id_stack_.pop_back();
}

void CompactWriter::write_varint(uint64_t value) {
  while (value >= 0x80) {
    out_.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out_.push_back(static_cast<char>(value));
}

void CompactWriter::write_zigzag(int64_t value) {
  write_varint((static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63));
}

void CompactWriter::field_header(int16_t id, CompactType type) {
  const int delta = id - last_field_id_;
  if (delta > 0 && delta <= 15) {
    out_.push_back(static_cast<char>((delta << 4) | static_cast<int>(type)));
  } else {
    out_.push_back(static_cast<char>(type));
    write_zigzag(id);
  }
  last_field_id_ = id;
}

void CompactWriter::field_bool(int16_t id, bool value) {
  field_header(id, value ? CompactType::BoolTrue : CompactType::BoolFalse);
}

void CompactWriter::field_byte(int16_t id, int8_t value) {
  field_header(id, CompactType::Byte);
  out_.push_back(static_cast<char>(value));
}

void CompactWriter::field_i32(int16_t id, int32_t value) {
  field_header(id, CompactType::I32);
  write_zigzag(value);
}

void CompactWriter::field_i64(int16_t id, int64_t value) {
  field_header(id, CompactType::I64);
  write_zigzag(value);
}

void CompactWriter::field_binary(int16_t id, std::string_view value) {
  field_header(id, CompactType::Binary);
  element_binary(value);
}

void CompactWriter::element_binary(std::string_view value) {
  write_varint(value.size());
  out_.append(value);
}

void CompactWriter::field_struct(int16_t id) { field_header(id, CompactType::Struct); }

void CompactWriter::field_list(int16_t id, CompactType element_type, int64_t size) {
  field_header(id, CompactType::List);
  if (size < 15) {
    out_.push_back(static_cast<char>((size << 4) | static_cast<int>(element_type)));
  } else {
    out_.push_back(static_cast<char>(0xf0 | static_cast<int>(element_type)));
    write_varint(static_cast<uint64_t>(size));
  }
}

}  // namespace strata::parquet::thrift
