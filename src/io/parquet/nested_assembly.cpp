#include "io/parquet/nested_assembly.hpp"

#include <cstring>

#include "io/parquet/parquet_error.hpp"
#include "strata/core/bitmap.hpp"

namespace strata::parquet {

namespace {

template <size_t Width>
void spread_fixed(const uint8_t* dense, const uint8_t* validity, int64_t length, uint8_t* out) {
  int64_t k = 0;
  int64_t i = 0;
  // Whole 64-row words first: all-valid words copy in one go.
  for (; i + 64 <= length; i += 64) {
    uint64_t word;
    std::memcpy(&word, validity + i / 8, 8);
    if (word == ~uint64_t{0}) {
      std::memcpy(out + i * Width, dense + k * Width, 64 * Width);
      k += 64;
    } else if (word == 0) {
      std::memset(out + i * Width, 0, 64 * Width);
    } else {
      for (int b = 0; b < 64; ++b) {
        if ((word >> b) & 1) std::memcpy(out + (i + b) * Width, dense + (k++) * Width, Width);
        else std::memset(out + (i + b) * Width, 0, Width);
      }
    }
  }
  for (; i < length; ++i) {
    if (bitmap::get(validity, i)) std::memcpy(out + i * Width, dense + (k++) * Width, Width);
    else std::memset(out + i * Width, 0, Width);
  }
}

void spread_any_width(const uint8_t* dense, const uint8_t* validity, int64_t length, int width, uint8_t* out) {
  switch (width) {
    case 1: spread_fixed<1>(dense, validity, length, out); return;
    case 2: spread_fixed<2>(dense, validity, length, out); return;
    case 4: spread_fixed<4>(dense, validity, length, out); return;
    case 8: spread_fixed<8>(dense, validity, length, out); return;
    case 16: spread_fixed<16>(dense, validity, length, out); return;
    default: break;
  }
  throw InternalError("spread of width " + std::to_string(width));
}

// Slot bookkeeping of one node over its first leaf's levels.
struct Slots {
  std::vector<int64_t> entries;  // level entry index of each slot
};

Slots find_slots(const ReadNode& node, const LeafData& leaf) {
  Slots slots;
  const auto rep_limit = static_cast<uint8_t>(node.slot_repetition_level);
  const auto def_limit = static_cast<uint8_t>(node.slot_definition_level);
  const uint8_t* rep = leaf.repetition_levels.data();
  const uint8_t* def = leaf.definition_levels.data();
  slots.entries.reserve(static_cast<size_t>(leaf.entries));
  for (int64_t e = 0; e < leaf.entries; ++e)
    if (rep[e] <= rep_limit && def[e] >= def_limit) slots.entries.push_back(e);
  return slots;
}

BufferPtr validity_from_slots(const Slots& slots, const LeafData& leaf, int definition_level, int64_t& null_count) {
  const auto n = static_cast<int64_t>(slots.entries.size());
  const auto threshold = static_cast<uint8_t>(definition_level);
  BufferPtr bits = bitmap::make_zeroed(n);
  null_count = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (leaf.definition_levels[static_cast<size_t>(slots.entries[static_cast<size_t>(i)])] >= threshold)
      bitmap::set(bits->data(), i);
    else
      ++null_count;
  }
  return null_count > 0 ? bits : nullptr;
}

const LeafData& first_leaf_of(const ReadNode& node, const std::vector<LeafData>& leaves, int leaf_base) {
  if (node.first_leaf < leaf_base || static_cast<size_t>(node.first_leaf - leaf_base) >= leaves.size())
    throw InternalError("a column without decoded leaves reached assembly");
  return leaves[static_cast<size_t>(node.first_leaf - leaf_base)];
}

Array assemble_node(const ReadNode& node, const std::vector<LeafData>& leaves, int leaf_base) {
  const LeafData& leaf = first_leaf_of(node, leaves, leaf_base);
  const Slots slots = find_slots(node, leaf);
  const auto length = static_cast<int64_t>(slots.entries.size());
  int64_t null_count = 0;
  switch (node.kind) {
    case ReadNode::Kind::Leaf: {
      BufferPtr validity = validity_from_slots(slots, leaf, node.definition_level, null_count);
      if (length - null_count != leaf.dense.length())
        throw_corrupt("column has " + std::to_string(leaf.dense.length()) + " values but its levels describe " +
                      std::to_string(length - null_count));
      return spread_dense_values(leaf.dense, std::move(validity), length, null_count);
    }
    case ReadNode::Kind::Struct: {
      BufferPtr validity = node.nullable ? validity_from_slots(slots, leaf, node.definition_level, null_count) : nullptr;
      auto data = std::make_shared<ArrayData>();
      data->type = node.type;
      data->length = length;
      data->values = Buffer::allocate(0);
      for (const ReadNode& child : node.children) {
        Array array = assemble_node(child, leaves, leaf_base);
        if (array.length() != length)
          throw_corrupt("struct field '" + child.name + "' has " + std::to_string(array.length()) +
                        " values but its struct has " + std::to_string(length));
        data->children.push_back(array.data_ptr());
      }
      data->validity = std::move(validity);
      data->null_count = null_count;
      return Array(std::move(data));
    }
    case ReadNode::Kind::List: {
      const auto rep_limit = static_cast<uint8_t>(node.slot_repetition_level);
      const auto def_limit = static_cast<uint8_t>(node.slot_definition_level);
      const auto element_def = static_cast<uint8_t>(node.element_definition_level);
      const auto element_rep = static_cast<uint8_t>(node.element_repetition_level);
      const auto valid_def = static_cast<uint8_t>(node.definition_level);
      BufferPtr offsets = Buffer::allocate((length + 1) * 8);
      int64_t* offset = offsets->as<int64_t>();
      BufferPtr validity = bitmap::make_zeroed(length);
      int64_t slot = -1;
      int64_t elements = 0;
      for (int64_t e = 0; e < leaf.entries; ++e) {
        const uint8_t r = leaf.repetition_levels[static_cast<size_t>(e)];
        const uint8_t d = leaf.definition_levels[static_cast<size_t>(e)];
        if (r <= rep_limit) {
          if (d < def_limit) continue;  // belongs to a null or empty ancestor
          ++slot;
          offset[slot] = elements;
          if (d >= valid_def) bitmap::set(validity->data(), slot);
          else ++null_count;
          if (d >= element_def) ++elements;
        } else if (r == element_rep && d >= element_def) {
          if (slot < 0) throw_corrupt("repetition levels do not start with 0: a list continues before it begins");
          ++elements;
        }
      }
      offset[length] = elements;
      Array items = assemble_node(node.children[0], leaves, leaf_base);
      if (items.length() != elements)
        throw_corrupt("list elements (" + std::to_string(items.length()) + ") disagree with the list levels (" +
                      std::to_string(elements) + ")");
      auto data = std::make_shared<ArrayData>();
      data->type = node.type;
      data->length = length;
      data->values = std::move(offsets);
      data->children.push_back(items.data_ptr());
      if (null_count > 0) data->validity = std::move(validity);
      data->null_count = null_count;
      return Array(std::move(data));
    }
  }
  throw InternalError("unknown read node kind");
}

}  // namespace

Array spread_dense_values(const Array& dense, BufferPtr validity, int64_t length, int64_t null_count) {
  if (!validity || null_count == 0) {
    if (dense.length() != length) throw InternalError("dense values do not match the column length");
    return dense;
  }
  const DataType& type = dense.type();
  auto data = std::make_shared<ArrayData>();
  data->type = type;
  data->length = length;
  data->null_count = null_count;
  if (type.id() == TypeId::Null) return make_null_array(type, length);
  const uint8_t* valid = validity->data();
  if (type.id() == TypeId::Bool) {
    data->values = bitmap::make_zeroed(length);
    const uint8_t* bits = dense.bool_bits();
    int64_t k = 0;
    for (int64_t i = 0; i < length; ++i)
      if (bitmap::get(valid, i) && bitmap::get(bits, k++)) bitmap::set(data->values->data(), i);
  } else {
    const int width = type.is_string_like() ? 16 : type.id() == TypeId::Categorical ? 4 : type.byte_width();
    data->values = Buffer::allocate(length * width);
    spread_any_width(dense.data().values->data(), valid, length, width, data->values->data());
    data->string_data = dense.data().string_data;
    data->dictionary = dense.data().dictionary;
  }
  data->validity = std::move(validity);
  return Array(std::move(data));
}

Array assemble_column(const ReadNode& node, const std::vector<LeafData>& leaves) {
  return assemble_node(node, leaves, node.first_leaf);
}

}  // namespace strata::parquet
