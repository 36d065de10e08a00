#include "io/parquet/thrift_compact_reader.hpp"

#include <cstring>

#include "io/parquet/parquet_error.hpp"

namespace strata::parquet::thrift {

namespace {

const char* type_name(CompactType type) {
  switch (type) {
    case CompactType::Stop: return "stop";
    case CompactType::BoolTrue:
    case CompactType::BoolFalse: return "bool";
    case CompactType::Byte: return "byte";
    case CompactType::I16: return "i16";
    case CompactType::I32: return "i32";
    case CompactType::I64: return "i64";
    case CompactType::Double: return "double";
    case CompactType::Binary: return "binary";
    case CompactType::List: return "list";
    case CompactType::Set: return "set";
    case CompactType::Map: return "map";
    case CompactType::Struct: return "struct";
  }
  return "unknown";
}

CompactType to_type(uint8_t nibble) {
  if (nibble > static_cast<uint8_t>(CompactType::Struct))
    throw_corrupt("Thrift metadata has unknown wire type " + std::to_string(nibble));
  return static_cast<CompactType>(nibble);
}

// The smallest number of bytes one element of a container can occupy, used to
// reject container sizes larger than the remaining input.
size_t min_element_bytes(CompactType type) {
  switch (type) {
    case CompactType::Double: return 8;
    default: return 1;
  }
}

}  // namespace

void CompactReader::enter() {
  if (++depth_ > kMaxDepth)
    throw_corrupt("Thrift metadata nests deeper than " + std::to_string(kMaxDepth) + " levels");
}

uint8_t CompactReader::read_raw_byte() {
  if (position_ >= size_) throw_corrupt("Thrift metadata ends unexpectedly at byte " + std::to_string(position_));
  return data_[position_++];
}

std::string_view CompactReader::read_bytes(size_t count) {
  if (count > size_ - position_)
    throw_corrupt("Thrift metadata declares " + std::to_string(count) + " bytes but only " +
                  std::to_string(size_ - position_) + " remain");
  std::string_view out(reinterpret_cast<const char*>(data_ + position_), count);
  position_ += count;
  return out;
}

uint64_t CompactReader::read_varint() {
  uint64_t result = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    const uint8_t byte = read_raw_byte();
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return result;
  }
  throw_corrupt("Thrift metadata has a variable-length integer longer than 10 bytes");
}

int64_t CompactReader::read_zigzag() {
  const uint64_t raw = read_varint();
  return static_cast<int64_t>(raw >> 1) ^ -static_cast<int64_t>(raw & 1);
}

void CompactReader::begin_struct() {
  enter();
  field_id_stack_.push_back(last_field_id_);
  last_field_id_ = 0;
}

void CompactReader::end_struct() {
  last_field_id_ = field_id_stack_.back();
  field_id_stack_.pop_back();
  leave();
}

bool CompactReader::next_field(FieldHeader& field) {
  const uint8_t header = read_raw_byte();
  const CompactType type = to_type(header & 0x0f);
  if (type == CompactType::Stop) return false;
  const int delta = header >> 4;
  int64_t id = 0;
  if (delta != 0) {
    id = last_field_id_ + delta;
  } else {
    id = read_zigzag();
  }
  if (id < INT16_MIN || id > INT16_MAX) throw_corrupt("Thrift field id " + std::to_string(id) + " is out of range");
  field.id = static_cast<int16_t>(id);
  field.type = type;
  last_field_id_ = field.id;
  pending_bool_ = type == CompactType::BoolTrue;
  return true;
}

void CompactReader::expect(const FieldHeader& field, CompactType expected, const char* what) const {
  const bool is_bool = field.type == CompactType::BoolTrue || field.type == CompactType::BoolFalse;
  const bool ok = expected == CompactType::BoolTrue ? is_bool : field.type == expected;
  if (!ok)
    throw_corrupt(std::string("Thrift field ") + std::to_string(field.id) + " should be " + what + " but has wire type " +
                  type_name(field.type));
}

bool CompactReader::read_bool(const FieldHeader& field) {
  expect(field, CompactType::BoolTrue, "bool");
  return pending_bool_;
}

int8_t CompactReader::read_byte(const FieldHeader& field) {
  expect(field, CompactType::Byte, "byte");
  return static_cast<int8_t>(read_raw_byte());
}

int16_t CompactReader::read_i16(const FieldHeader& field) {
  expect(field, CompactType::I16, "i16");
  const int64_t value = read_zigzag();
  if (value < INT16_MIN || value > INT16_MAX) throw_corrupt("Thrift i16 value " + std::to_string(value) + " is out of range");
  return static_cast<int16_t>(value);
}

int32_t CompactReader::read_i32(const FieldHeader& field) {
  expect(field, CompactType::I32, "i32");
  return read_i32_element();
}

int32_t CompactReader::read_i32_element() {
  const int64_t value = read_zigzag();
  if (value < INT32_MIN || value > INT32_MAX) throw_corrupt("Thrift i32 value " + std::to_string(value) + " is out of range");
  return static_cast<int32_t>(value);
}

int64_t CompactReader::read_i64(const FieldHeader& field) {
  expect(field, CompactType::I64, "i64");
  return read_zigzag();
}

int64_t CompactReader::read_i64_element() { return read_zigzag(); }

double CompactReader::read_double(const FieldHeader& field) {
  expect(field, CompactType::Double, "double");
  const std::string_view bytes = read_bytes(8);
  double value;
  std::memcpy(&value, bytes.data(), 8);
  return value;
}

std::string CompactReader::read_string(const FieldHeader& field) {
  expect(field, CompactType::Binary, "binary");
  return read_string_element();
}

std::string CompactReader::read_string_element() {
  const uint64_t length = read_varint();
  if (length > size_ - position_)
    throw_corrupt("Thrift string of " + std::to_string(length) + " bytes exceeds the " +
                  std::to_string(size_ - position_) + " bytes that remain");
  return std::string(read_bytes(static_cast<size_t>(length)));
}

ListHeader CompactReader::read_list_header(const FieldHeader& field) {
  if (field.type != CompactType::List && field.type != CompactType::Set) expect(field, CompactType::List, "list");
  const uint8_t header = read_raw_byte();
  ListHeader list;
  list.element_type = to_type(header & 0x0f);
  uint64_t size = header >> 4;
  if (size == 15) size = read_varint();
  const size_t remaining = size_ - position_;
  if (size > remaining / min_element_bytes(list.element_type))
    throw_corrupt("Thrift list of " + std::to_string(size) + " elements cannot fit in the " +
                  std::to_string(remaining) + " bytes that remain");
  list.size = static_cast<int64_t>(size);
  return list;
}

void CompactReader::expect_struct(const FieldHeader& field) { expect(field, CompactType::Struct, "struct"); }

void CompactReader::expect_element(const ListHeader& list, CompactType expected, const char* what) {
  if (list.size > 0 && list.element_type != expected)
    throw_corrupt(std::string("Thrift list should hold ") + what + " but holds " + type_name(list.element_type));
}

void CompactReader::skip(CompactType type) { skip_value(type, 0); }

void CompactReader::skip_value(CompactType type, int depth) {
  if (depth > kMaxDepth) throw_corrupt("Thrift metadata nests deeper than " + std::to_string(kMaxDepth) + " levels");
  switch (type) {
    case CompactType::Stop: throw_corrupt("Thrift metadata has a value of wire type stop");
    case CompactType::BoolTrue:
    case CompactType::BoolFalse: return;  // the value is in the field header
    case CompactType::Byte: read_raw_byte(); return;
    case CompactType::I16:
    case CompactType::I32:
    case CompactType::I64: read_varint(); return;
    case CompactType::Double: read_bytes(8); return;
    case CompactType::Binary: {
      const uint64_t length = read_varint();
      if (length > size_ - position_) throw_corrupt("Thrift binary value overruns the metadata");
      read_bytes(static_cast<size_t>(length));
      return;
    }
    case CompactType::List:
    case CompactType::Set: {
      FieldHeader pseudo{0, CompactType::List};
      const ListHeader list = read_list_header(pseudo);
      for (int64_t i = 0; i < list.size; ++i) {
        // Bools inside containers take one byte each.
        if (list.element_type == CompactType::BoolTrue || list.element_type == CompactType::BoolFalse) read_raw_byte();
        else skip_value(list.element_type, depth + 1);
      }
      return;
    }
    case CompactType::Map: {
      const uint64_t size = read_varint();
      if (size == 0) return;
      const uint8_t types = read_raw_byte();
      const CompactType key = to_type(types >> 4);
      const CompactType value = to_type(types & 0x0f);
      if (size > (size_ - position_) / 2) throw_corrupt("Thrift map size exceeds the remaining metadata");
      for (uint64_t i = 0; i < size; ++i) {
        for (CompactType t : {key, value}) {
          if (t == CompactType::BoolTrue || t == CompactType::BoolFalse) read_raw_byte();
          else skip_value(t, depth + 1);
        }
      }
      return;
    }
    case CompactType::Struct: {
      begin_struct();
      FieldHeader field;
      while (next_field(field)) skip_value(field.type, depth + 1);
      end_struct();
      return;
    }
  }
}

}  // namespace strata::parquet::thrift
