#include "io/parquet/level_encoding.hpp"

#include <cstring>

#include "strata/compute/selection.hpp"
#include "strata/core/bitmap.hpp"
#include "strata/core/error.hpp"

namespace strata::parquet {

namespace {

template <size_t Width>
void compact_fixed(const uint8_t* values, const uint8_t* validity, int64_t length, uint8_t* out) {
  int64_t k = 0;
  int64_t i = 0;
  for (; i + 64 <= length; i += 64) {
    uint64_t word;
    std::memcpy(&word, validity + i / 8, 8);
    if (word == ~uint64_t{0}) {
      std::memcpy(out + k * Width, values + i * Width, 64 * Width);
      k += 64;
    } else {
      while (word != 0) {
        const int b = __builtin_ctzll(word);
        std::memcpy(out + (k++) * Width, values + (i + b) * Width, Width);
        word &= word - 1;
      }
    }
  }
  for (; i < length; ++i)
    if (bitmap::get(validity, i)) std::memcpy(out + (k++) * Width, values + i * Width, Width);
}

void compact_width(const uint8_t* values, const uint8_t* validity, int64_t length, int width, uint8_t* out) {
  switch (width) {
    case 1: compact_fixed<1>(values, validity, length, out); return;
    case 2: compact_fixed<2>(values, validity, length, out); return;
    case 4: compact_fixed<4>(values, validity, length, out); return;
    case 8: compact_fixed<8>(values, validity, length, out); return;
    case 16: compact_fixed<16>(values, validity, length, out); return;
    default: throw InternalError("compaction of width " + std::to_string(width));
  }
}

// Emits levels and value indices of one leaf by walking its path.
class LeafWalker {
 public:
  LeafWalker(std::vector<const WriteNode*> path, std::vector<Array> arrays, LeafWriteData& out,
             std::vector<int64_t>& indices, bool keep_def, bool keep_rep)
      : path_(std::move(path)), arrays_(std::move(arrays)), out_(out), indices_(indices), keep_def_(keep_def),
        keep_rep_(keep_rep) {}

  void walk(size_t depth, int64_t row, int def, int rep) {
    const WriteNode& node = *path_[depth];
    const Array& array = arrays_[depth];
    if (array.is_null(row)) {
      if (!node.nullable)
        throw InvalidInputError("field '" + node.name + "' is declared non-nullable but holds a null (row " +
                                std::to_string(row) + "). Hint: mark the field nullable");
      level(def, rep);
      return;
    }
    const int node_def = def + (node.nullable ? 1 : 0);
    switch (node.kind) {
      case WriteNode::Kind::Leaf:
        level(node_def, rep);
        indices_.push_back(row);
        return;
      case WriteNode::Kind::Struct: walk(depth + 1, row, node_def, rep); return;
      case WriteNode::Kind::List: {
        const int64_t* offsets = array.list_offsets();
        const int64_t begin = offsets[row];
        const int64_t end = offsets[row + 1];
        if (begin == end) {
          level(node_def, rep);
          return;
        }
        for (int64_t j = begin; j < end; ++j) walk(depth + 1, j, node_def + 1, j == begin ? rep : node.repetition_level);
        return;
      }
    }
  }

 private:
  void level(int def, int rep) {
    if (keep_def_) out_.definition_levels.push_back(static_cast<uint8_t>(def));
    if (keep_rep_) out_.repetition_levels.push_back(static_cast<uint8_t>(rep));
    ++out_.entries;
  }

  std::vector<const WriteNode*> path_;
  std::vector<Array> arrays_;
  LeafWriteData& out_;
  std::vector<int64_t>& indices_;
  bool keep_def_;
  bool keep_rep_;
};

void collect_paths(const WriteNode& node, std::vector<const WriteNode*>& path,
                   std::vector<std::vector<const WriteNode*>>& out) {
  path.push_back(&node);
  if (node.kind == WriteNode::Kind::Leaf) out.push_back(path);
  for (const WriteNode& child : node.children) collect_paths(child, path, out);
  path.pop_back();
}

// The arrays along a path: the column, then each struct field or list items.
std::vector<Array> arrays_along(const std::vector<const WriteNode*>& path, const Array& column) {
  std::vector<Array> arrays{column};
  for (size_t d = 0; d + 1 < path.size(); ++d) {
    const WriteNode& node = *path[d];
    if (node.kind == WriteNode::Kind::List) {
      arrays.push_back(arrays.back().list_items());
    } else {
      int64_t index = 0;
      while (&node.children[static_cast<size_t>(index)] != path[d + 1]) ++index;
      arrays.push_back(arrays.back().struct_field(index));
    }
  }
  return arrays;
}

}  // namespace

Array compact_valid_values(const Array& array) {
  if (array.null_count() == 0) return array;
  const DataType& type = array.type();
  const int64_t count = array.length() - array.null_count();
  auto data = std::make_shared<ArrayData>();
  data->type = type;
  data->length = count;
  if (type.id() == TypeId::Null) return make_null_array(type, 0);
  const uint8_t* validity = array.validity_bits();
  if (type.id() == TypeId::Bool) {
    data->values = bitmap::make_zeroed(count);
    int64_t k = 0;
    for (int64_t i = 0; i < array.length(); ++i) {
      if (!bitmap::get(validity, i)) continue;
      if (array.bool_at(i)) bitmap::set(data->values->data(), k);
      ++k;
    }
    return Array(std::move(data));
  }
  const int width = type.is_string_like() ? 16 : type.id() == TypeId::Categorical ? 4 : type.byte_width();
  data->values = Buffer::allocate(count * width);
  compact_width(array.data().values->data(), validity, array.length(), width, data->values->data());
  data->string_data = array.data().string_data;
  data->dictionary = array.data().dictionary;
  return Array(std::move(data));
}

std::vector<LeafWriteData> build_leaf_write_data(const WriteNode& column, const Array& array,
                                                 const std::vector<WriteLeaf>& leaves) {
  std::vector<LeafWriteData> out;
  if (column.kind == WriteNode::Kind::Leaf) {
    if (!column.nullable && array.null_count() > 0)
      throw InvalidInputError("column '" + column.name + "' is declared non-nullable but holds " +
                              std::to_string(array.null_count()) + " nulls. Hint: mark the field nullable");
    LeafWriteData data;
    data.entries = array.length();
    data.null_count = array.null_count();
    if (leaves[static_cast<size_t>(column.leaf_index)].max_definition_level > 0 && array.null_count() > 0) {
      data.definition_levels.resize(static_cast<size_t>(array.length()));
      for (int64_t i = 0; i < array.length(); ++i) data.definition_levels[static_cast<size_t>(i)] = array.is_valid(i);
    }
    data.values = compact_valid_values(array);
    out.push_back(std::move(data));
    return out;
  }
  std::vector<std::vector<const WriteNode*>> paths;
  std::vector<const WriteNode*> path;
  collect_paths(column, path, paths);
  for (const auto& leaf_path : paths) {
    const WriteLeaf& leaf = leaves[static_cast<size_t>(leaf_path.back()->leaf_index)];
    std::vector<Array> arrays = arrays_along(leaf_path, array);
    const Array leaf_array = arrays.back();
    LeafWriteData data;
    std::vector<int64_t> indices;
    LeafWalker walker(leaf_path, std::move(arrays), data, indices, leaf.max_definition_level > 0,
                      leaf.max_repetition_level > 0);
    for (int64_t row = 0; row < array.length(); ++row) walker.walk(0, row, 0, 0);
    data.null_count = data.entries - static_cast<int64_t>(indices.size());
    data.values = compact_valid_values(compute::take(leaf_array, indices));
    out.push_back(std::move(data));
  }
  return out;
}

}  // namespace strata::parquet
