#pragma once
// A reader for the Thrift compact protocol, the encoding of Parquet's file
// footer and page headers.
//
// Why hand-written rather than libthrift: Parquet needs only the compact
// protocol and a handful of structs (FileMetaData, PageHeader and their
// parts). A ~300-line decoder avoids a large runtime dependency and generated
// code, and — more important — lets every read be bounds-checked for hostile
// input: lengths and container sizes are checked against the bytes that
// remain, nesting depth is limited, and any violation is an
// InvalidInputError, never a crash, an over-read or a huge allocation.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace strata::parquet::thrift {

/// Wire types of the compact protocol.
enum class CompactType : uint8_t {
  Stop = 0,
  BoolTrue = 1,
  BoolFalse = 2,
  Byte = 3,
  I16 = 4,
  I32 = 5,
  I64 = 6,
  Double = 7,
  Binary = 8,
  List = 9,
  Set = 10,
  Map = 11,
  Struct = 12,
};

struct FieldHeader {
  int16_t id = 0;
  CompactType type = CompactType::Stop;
};

struct ListHeader {
  CompactType element_type = CompactType::Stop;
  int64_t size = 0;
};

/// Reads values from a byte range it does not own. Not thread-safe.
class CompactReader {
 public:
  /// Nested structs and containers deeper than this are rejected.
  static constexpr int kMaxDepth = 64;

  CompactReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  size_t position() const { return position_; }

  /// Struct framing: begin_struct() before the first next_field() of a
  /// struct, end_struct() after next_field() returned false.
  void begin_struct();
  void end_struct();
  /// Reads the next field header; false at the struct's STOP marker.
  bool next_field(FieldHeader& field);

  // Field values, checked against the field's wire type.
  bool read_bool(const FieldHeader& field);
  int8_t read_byte(const FieldHeader& field);
  int16_t read_i16(const FieldHeader& field);
  int32_t read_i32(const FieldHeader& field);
  int64_t read_i64(const FieldHeader& field);
  double read_double(const FieldHeader& field);
  std::string read_string(const FieldHeader& field);
  /// A list or set header; the size is checked against the remaining bytes.
  ListHeader read_list_header(const FieldHeader& field);
  /// Marks the start of a struct field (checks its wire type).
  void expect_struct(const FieldHeader& field);

  // List elements (the element type was checked by the caller).
  int32_t read_i32_element();
  int64_t read_i64_element();
  std::string read_string_element();
  /// Checks that the list's elements have `expected` type.
  static void expect_element(const ListHeader& list, CompactType expected, const char* what);

  /// Skips one value of wire type `type` (used for unknown fields).
  void skip(CompactType type);

 private:
  uint64_t read_varint();
  int64_t read_zigzag();
  uint8_t read_raw_byte();
  std::string_view read_bytes(size_t count);
  void expect(const FieldHeader& field, CompactType expected, const char* what) const;
  void skip_value(CompactType type, int depth);
  void enter();
  void leave() { --depth_; }

  const uint8_t* data_;
  size_t size_;
  size_t position_ = 0;
  int depth_ = 0;
  int16_t last_field_id_ = 0;
  std::vector<int16_t> field_id_stack_;
  // A bool field's value lives in its header's type nibble.
  bool pending_bool_ = false;
};

/// Calls on_field(field) for every field of the struct at the reader's
/// position; on_field must consume the value (or call reader.skip).
template <typename OnField>
void read_struct(CompactReader& reader, OnField&& on_field) {
  reader.begin_struct();
  FieldHeader field;
  while (reader.next_field(field)) on_field(field);
  reader.end_struct();
}

}  // namespace strata::parquet::thrift
