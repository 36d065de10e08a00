#pragma once
// Constructing list and struct arrays from their parts.
#include <optional>
#include <vector>

#include "strata/core/array.hpp"

namespace strata {

/// A list array: row i holds items[offsets[i] .. offsets[i+1]). `offsets`
/// has length + 1 non-decreasing entries starting at 0 and ending at
/// items.length(); `valid` (empty = all valid) marks null lists.
Array make_list_array(const std::vector<int64_t>& offsets, const Array& items,
                      const std::vector<bool>& valid = {});

/// A list array from nested C++ vectors of arrays: each element one row
/// (std::nullopt = null list). All rows share the item type `item_type`.
Array make_list_array(const DataType& item_type, const std::vector<std::optional<Array>>& rows);

/// A struct array from equally long children; `valid` (empty = all valid)
/// marks null rows.
Array make_struct_array(const std::vector<Field>& fields, const std::vector<Array>& children,
                        const std::vector<bool>& valid = {});

/// The child of a struct array by field name, with null struct rows
/// turned into nulls. Throws SchemaError naming the available fields.
Array struct_field_by_name(const Array& structs, const std::string& name);

}  // namespace strata
