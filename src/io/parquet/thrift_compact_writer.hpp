#pragma once
// A writer for the Thrift compact protocol (see thrift_compact_reader.hpp for
// why Strata does not use libthrift). Appends to a string; not thread-safe.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/parquet/thrift_compact_reader.hpp"

namespace strata::parquet::thrift {

class CompactWriter {
 public:
  /// Struct framing: every begin_struct() needs a matching end_struct(),
  /// which writes the STOP marker.
  void begin_struct();
  void end_struct();

  void field_bool(int16_t id, bool value);
  void field_byte(int16_t id, int8_t value);
  void field_i32(int16_t id, int32_t value);
  void field_i64(int16_t id, int64_t value);
  void field_binary(int16_t id, std::string_view value);
  /// Writes a struct field's header; follow with begin_struct()...end_struct().
  void field_struct(int16_t id);
  /// Writes a list field's header; follow with `size` elements.
  void field_list(int16_t id, CompactType element_type, int64_t size);

  // List elements.
  void element_i32(int32_t value) { write_zigzag(value); }
  void element_i64(int64_t value) { write_zigzag(value); }
  void element_binary(std::string_view value);

  const std::string& bytes() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void field_header(int16_t id, CompactType type);
  void write_varint(uint64_t value);
  void write_zigzag(int64_t value);

  std::string out_;
  int16_t last_field_id_ = 0;
  std::vector<int16_t> field_id_stack_;
};

}  // namespace strata::parquet::thrift
