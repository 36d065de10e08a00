#include "io/parquet/writer_schema.hpp"

#include "io/parquet/parquet_error.hpp"
#include "strata/core/decimal.hpp"

namespace strata::parquet {

namespace {

using Kind = LogicalType::Kind;

LogicalType integer(int bits, bool is_signed) {
  LogicalType logical;
  logical.kind = Kind::Integer;
  logical.bit_width = static_cast<int8_t>(bits);
  logical.is_signed = is_signed;
  return logical;
}

LogicalType simple(Kind kind) {
  LogicalType logical;
  logical.kind = kind;
  return logical;
}

LogicalType temporal(Kind kind, ParquetTimeUnit unit, bool utc) {
  LogicalType logical;
  logical.kind = kind;
  logical.unit = unit;
  logical.adjusted_to_utc = utc;
  return logical;
}

// Fills the physical type and annotations of a leaf element.
void describe_leaf(const DataType& type, SchemaElement& element) {
  switch (type.id()) {
    case TypeId::Null:
      element.type = PhysicalType::Int32;
      element.logical_type = simple(Kind::Unknown);
      return;
    case TypeId::Bool: element.type = PhysicalType::Boolean; return;
    case TypeId::Int8:
      element.type = PhysicalType::Int32;
      element.logical_type = integer(8, true);
      element.converted_type = ConvertedType::Int8;
      return;
    case TypeId::Int16:
      element.type = PhysicalType::Int32;
      element.logical_type = integer(16, true);
      element.converted_type = ConvertedType::Int16;
      return;
    case TypeId::Int32: element.type = PhysicalType::Int32; return;
    case TypeId::Int64: element.type = PhysicalType::Int64; return;
    case TypeId::UInt8:
      element.type = PhysicalType::Int32;
      element.logical_type = integer(8, false);
      element.converted_type = ConvertedType::Uint8;
      return;
    case TypeId::UInt16:
      element.type = PhysicalType::Int32;
      element.logical_type = integer(16, false);
      element.converted_type = ConvertedType::Uint16;
      return;
    case TypeId::UInt32:
      element.type = PhysicalType::Int32;
      element.logical_type = integer(32, false);
      element.converted_type = ConvertedType::Uint32;
      return;
    case TypeId::UInt64:
      element.type = PhysicalType::Int64;
      element.logical_type = integer(64, false);
      element.converted_type = ConvertedType::Uint64;
      return;
    case TypeId::Float32: element.type = PhysicalType::Float; return;
    case TypeId::Float64: element.type = PhysicalType::Double; return;
    case TypeId::Decimal: {
      const int precision = type.precision();
      element.type = precision <= 9 ? PhysicalType::Int32 : precision <= 18 ? PhysicalType::Int64
                                                                             : PhysicalType::FixedLenByteArray;
      if (element.type == PhysicalType::FixedLenByteArray) element.type_length = decimal_byte_width(precision);
      element.logical_type.kind = Kind::Decimal;
      element.logical_type.precision = precision;
      element.logical_type.scale = type.scale();
      element.converted_type = ConvertedType::Decimal;
      element.precision = precision;
      element.scale = type.scale();
      return;
    }
    case TypeId::String:
    case TypeId::Categorical:
      element.type = PhysicalType::ByteArray;
      element.logical_type = simple(Kind::String);
      element.converted_type = ConvertedType::Utf8;
      return;
    case TypeId::Binary: element.type = PhysicalType::ByteArray; return;
    case TypeId::Date:
      element.type = PhysicalType::Int32;
      element.logical_type = simple(Kind::Date);
      element.converted_type = ConvertedType::Date;
      return;
    case TypeId::Time:
      element.type = PhysicalType::Int64;
      element.logical_type = temporal(Kind::Time, ParquetTimeUnit::Nanos, false);
      return;
    case TypeId::Timestamp: {
      element.type = PhysicalType::Int64;
      const bool utc = !type.timezone().empty();
      switch (type.unit()) {
        case TimeUnit::Second:
        case TimeUnit::Milli:
          element.logical_type = temporal(Kind::Timestamp, ParquetTimeUnit::Millis, utc);
          if (utc) element.converted_type = ConvertedType::TimestampMillis;
          return;
        case TimeUnit::Micro:
          element.logical_type = temporal(Kind::Timestamp, ParquetTimeUnit::Micros, utc);
          if (utc) element.converted_type = ConvertedType::TimestampMicros;
          return;
        case TimeUnit::Nano: element.logical_type = temporal(Kind::Timestamp, ParquetTimeUnit::Nanos, utc); return;
      }
      return;
    }
    case TypeId::Duration: element.type = PhysicalType::Int64; return;
    default: break;
  }
  throw UnsupportedError("writing a column of type " + type.to_string() + " to Parquet is not supported");
}

class SchemaWriter {
 public:
  explicit SchemaWriter(WriteSchema& out) : out_(out) {}

  WriteNode add(const std::string& name, const DataType& type, bool nullable, Repetition repetition, int parent_def,
                int parent_rep, bool top_level) {
    path_.push_back(name);
    WriteNode node;
    node.name = name;
    node.type = type;
    node.nullable = nullable;
    node.definition_level = parent_def + (repetition == Repetition::Optional ? 1 : 0);
    SchemaElement element;
    element.name = name;
    element.repetition = repetition;
    const size_t index = out_.elements.size();
    out_.elements.push_back(element);
    switch (type.id()) {
      case TypeId::Struct: {
        node.kind = WriteNode::Kind::Struct;
        out_.elements[index].num_children = static_cast<int32_t>(type.fields().size());
        if (type.fields().empty())
          throw UnsupportedError("writing the struct column '" + name +
                                 "' without fields to Parquet is not supported (Parquet groups need a field)");
        for (const Field& field : type.fields())
          node.children.push_back(add(field.name, field.type, field.nullable,
                                      field.nullable ? Repetition::Optional : Repetition::Required,
                                      node.definition_level, parent_rep, false));
        break;
      }
      case TypeId::List: {
        node.kind = WriteNode::Kind::List;
        node.repetition_level = parent_rep + 1;
        out_.elements[index].num_children = 1;
        out_.elements[index].converted_type = ConvertedType::List;
        out_.elements[index].logical_type.kind = LogicalType::Kind::List;
        // The standard three-level layout: <list> (LIST) { repeated group list { optional element } }.
        SchemaElement repeated;
        repeated.name = "list";
        repeated.repetition = Repetition::Repeated;
        repeated.num_children = 1;
        out_.elements.push_back(repeated);
        path_.push_back("list");
        node.children.push_back(add("element", type.child(), true, Repetition::Optional, node.definition_level + 1,
                                    node.repetition_level, false));
        path_.pop_back();
        break;
      }
      default: {
        node.kind = WriteNode::Kind::Leaf;
        describe_leaf(type, out_.elements[index]);
        node.leaf_index = static_cast<int>(out_.leaves.size());
        WriteLeaf leaf;
        leaf.path = path_;
        leaf.element = out_.elements[index];
        leaf.type = type;
        leaf.max_definition_level = node.definition_level;
        leaf.max_repetition_level = parent_rep;
        leaf.top_level = top_level;
        out_.leaves.push_back(std::move(leaf));
        break;
      }
    }
    path_.pop_back();
    return node;
  }

 private:
  WriteSchema& out_;
  std::vector<std::string> path_;
};

}  // namespace

int decimal_byte_width(int precision) {
  // The smallest n with 2^(8n - 1) > 10^precision - 1.
  int bytes = 1;
  while (bytes < 16) {
    const Int128 limit = static_cast<Int128>(static_cast<unsigned __int128>(1) << (8 * bytes - 1));
    if (limit > decimal::max_for_precision(precision)) break;
    ++bytes;
  }
  return bytes;
}

WriteSchema build_write_schema(const Schema& schema) {
  WriteSchema out;
  SchemaElement root;
  root.name = "schema";
  root.num_children = static_cast<int32_t>(schema.size());
  out.elements.push_back(root);
  SchemaWriter writer(out);
  for (const Field& field : schema.fields())
    out.columns.push_back(writer.add(field.name, field.type, field.nullable,
                                     field.nullable ? Repetition::Optional : Repetition::Required, 0, 0, true));
  return out;
}

}  // namespace strata::parquet
