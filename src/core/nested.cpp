#include "strata/core/nested.hpp"

#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"

namespace strata {

namespace {

void apply_validity(ArrayData& data, const std::vector<bool>& valid) {
  if (valid.empty()) return;
  if (static_cast<int64_t>(valid.size()) != data.length)
    throw InvalidInputError("validity has " + std::to_string(valid.size()) + " entries for " +
                            std::to_string(data.length) + " rows");
  data.validity = bitmap::make_zeroed(data.length);
  for (int64_t i = 0; i < data.length; ++i)
    if (valid[static_cast<size_t>(i)]) bitmap::set(data.validity->data(), i);
  finish_validity(data);
}

}  // namespace

Array make_list_array(const std::vector<int64_t>& offsets, const Array& items, const std::vector<bool>& valid) {
  if (offsets.empty() || offsets.front() != 0 || offsets.back() != items.length())
    throw InvalidInputError("list offsets must start at 0 and end at the item count (" +
                            std::to_string(items.length()) + ")");
  for (size_t i = 1; i < offsets.size(); ++i)
    if (offsets[i] < offsets[i - 1]) throw InvalidInputError("list offsets must not decrease");
  auto data = std::make_shared<ArrayData>();
  data->type = DataType::list(items.type());
  data->length = static_cast<int64_t>(offsets.size()) - 1;
  data->values = Buffer::copy_of(offsets.data(), static_cast<int64_t>(offsets.size() * sizeof(int64_t)));
  data->children.push_back(items.data_ptr());
  apply_validity(*data, valid);
  return Array(std::move(data));
}

Array make_list_array(const DataType& item_type, const std::vector<std::optional<Array>>& rows) {
  std::vector<int64_t> offsets{0};
  std::vector<Array> pieces;
  std::vector<bool> valid;
  bool any_null = false;
  for (const auto& row : rows) {
    if (row && row->type() != item_type)
      throw TypeError("list item of type " + row->type().to_string() + " in a list of " + item_type.to_string());
    offsets.push_back(offsets.back() + (row ? row->length() : 0));
    if (row) pieces.push_back(*row);
    valid.push_back(row.has_value());
    any_null |= !row.has_value();
  }
  Array items = pieces.empty() ? make_null_array(item_type, 0) : concat_arrays(pieces);
  return make_list_array(offsets, items, any_null ? valid : std::vector<bool>{});
}

Array make_struct_array(const std::vector<Field>& fields, const std::vector<Array>& children,
                        const std::vector<bool>& valid) {
  if (fields.size() != children.size())
    throw InvalidInputError("struct has " + std::to_string(fields.size()) + " fields but " +
                            std::to_string(children.size()) + " children");
  std::vector<Field> typed = fields;
  const int64_t length = children.empty() ? static_cast<int64_t>(valid.size()) : children[0].length();
  for (size_t i = 0; i < children.size(); ++i) {
    if (children[i].length() != length)
      throw InvalidInputError("struct field '" + fields[i].name + "' has " + std::to_string(children[i].length()) +
                              " rows, expected " + std::to_string(length));
    typed[i].type = children[i].type();
  }
  auto data = std::make_shared<ArrayData>();
  data->type = DataType::structure(std::move(typed));
  data->length = length;
  data->values = Buffer::allocate(0);
  for (const auto& child : children) data->children.push_back(child.data_ptr());
  apply_validity(*data, valid);
  return Array(std::move(data));
}

Array struct_field_by_name(const Array& structs, const std::string& name) {
  if (structs.type().id() != TypeId::Struct)
    throw TypeError("cannot get field '" + name + "' of a " + structs.type().to_string() + " value");
  const auto& fields = structs.type().fields();
  std::vector<std::string> names;
  for (size_t f = 0; f < fields.size(); ++f) {
    names.push_back(fields[f].name);
    if (fields[f].name != name) continue;
    Array child = structs.struct_field(static_cast<int64_t>(f));
    if (structs.null_count() == 0) return child;
    auto data = std::make_shared<ArrayData>(child.data());
    data->validity = bitmap::and_bitmaps(child.data().validity, structs.data().validity, child.length());
    finish_validity(*data);
    return Array(std::move(data));
  }
  std::string message = "struct has no field '" + name + "'";
  const std::string hint = closest_name(name, names);
  message += hint.empty() ? "" : "; did you mean '" + hint + "'?";
  throw SchemaError(message);
}

}  // namespace strata
