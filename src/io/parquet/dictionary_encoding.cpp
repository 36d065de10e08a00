#include "io/parquet/dictionary_encoding.hpp"

#include <cstring>

#include "io/parquet/rle_bit_packed_hybrid.hpp"
#include "strata/core/hash.hpp"

namespace strata::parquet {

namespace {

// Open addressing over slot -> (dictionary index + 1); keys are compared
// through the first row that holds each distinct value.
template <typename KeyOf, typename HashOf>
std::optional<DictionaryEncoding> build(const PhysicalColumn& column, int64_t max_bytes, KeyOf&& equal_rows,
                                        HashOf&& hash_row, auto&& value_bytes) {
  DictionaryEncoding out;
  out.indices.resize(static_cast<size_t>(column.count));
  std::vector<int64_t> first_rows;
  size_t capacity = 1024;
  std::vector<uint32_t> slots(capacity, 0);
  std::vector<uint64_t> slot_hashes(capacity, 0);
  int64_t bytes = 0;
  for (int64_t row = 0; row < column.count; ++row) {
    const uint64_t hash = hash_row(row);
    size_t slot = hash & (capacity - 1);
    while (true) {
      const uint32_t entry = slots[slot];
      if (entry == 0) {
        bytes += value_bytes(row);
        if (bytes > max_bytes) return std::nullopt;
        first_rows.push_back(row);
        slots[slot] = static_cast<uint32_t>(first_rows.size());
        slot_hashes[slot] = hash;
        out.indices[static_cast<size_t>(row)] = static_cast<uint32_t>(first_rows.size() - 1);
        if (first_rows.size() * 2 > capacity) {
          // Grow and rehash.
          capacity *= 2;
          std::vector<uint32_t> new_slots(capacity, 0);
          std::vector<uint64_t> new_hashes(capacity, 0);
          for (size_t s = 0; s < slots.size(); ++s) {
            if (slots[s] == 0) continue;
            size_t target = slot_hashes[s] & (capacity - 1);
            while (new_slots[target] != 0) target = (target + 1) & (capacity - 1);
            new_slots[target] = slots[s];
            new_hashes[target] = slot_hashes[s];
          }
          slots.swap(new_slots);
          slot_hashes.swap(new_hashes);
        }
        break;
      }
      if (slot_hashes[slot] == hash && equal_rows(first_rows[entry - 1], row)) {
        out.indices[static_cast<size_t>(row)] = entry - 1;
        break;
      }
      slot = (slot + 1) & (capacity - 1);
    }
  }
  out.size = static_cast<int64_t>(first_rows.size());
  out.dictionary_page.reserve(static_cast<size_t>(bytes));
  for (int64_t row : first_rows) {
    if (column.type == PhysicalType::ByteArray) {
      const std::string_view text = column.strings.string_at(row);
      const auto length = static_cast<uint32_t>(text.size());
      out.dictionary_page.append(reinterpret_cast<const char*>(&length), 4);
      out.dictionary_page.append(text);
    } else {
      out.dictionary_page.append(reinterpret_cast<const char*>(column.fixed) + row * column.width,
                                 static_cast<size_t>(column.width));
    }
  }
  return out;
}

}  // namespace

std::optional<DictionaryEncoding> build_dictionary(const PhysicalColumn& column, int64_t max_bytes) {
  if (column.type == PhysicalType::Boolean) return std::nullopt;
  if (column.type == PhysicalType::ByteArray) {
    const Array& strings = column.strings;
    const StringView* views = strings.views();
    return build(
        column, max_bytes,
        [&](int64_t a, int64_t b) {
          if (views[a].size_and_prefix() != views[b].size_and_prefix()) return false;
          return strings.string_at(a) == strings.string_at(b);
        },
        [&](int64_t row) { return hashing::string(strings.string_at(row)); },
        [&](int64_t row) { return int64_t{4} + views[row].size; });
  }
  const int width = column.width;
  const uint8_t* values = column.fixed;
  auto equal = [&](int64_t a, int64_t b) { return std::memcmp(values + a * width, values + b * width, static_cast<size_t>(width)) == 0; };
  auto bytes_of = [&](int64_t) { return int64_t{width}; };
  if (width == 4) {
    return build(column, max_bytes, equal,
                 [&](int64_t row) {
                   uint32_t v;
                   std::memcpy(&v, values + row * 4, 4);
                   return hashing::mix64(v);
                 },
                 bytes_of);
  }
  if (width == 8) {
    return build(column, max_bytes, equal,
                 [&](int64_t row) {
                   uint64_t v;
                   std::memcpy(&v, values + row * 8, 8);
                   return hashing::mix64(v);
                 },
                 bytes_of);
  }
  return build(column, max_bytes, equal, [&](int64_t row) { return hashing::bytes(values + row * width, static_cast<size_t>(width)); },
               bytes_of);
}

std::optional<DictionaryEncoding> dictionary_from_categorical(const Array& categorical, int64_t max_bytes) {
  const Array categories = categorical.dictionary();
  DictionaryEncoding out;
  int64_t bytes = 0;
  for (int64_t i = 0; i < categories.length(); ++i) bytes += 4 + static_cast<int64_t>(categories.string_at(i).size());
  if (bytes > max_bytes) return std::nullopt;
  out.size = categories.length();
  out.dictionary_page.reserve(static_cast<size_t>(bytes));
  for (int64_t i = 0; i < categories.length(); ++i) {
    const std::string_view text = categories.string_at(i);
    const auto length = static_cast<uint32_t>(text.size());
    out.dictionary_page.append(reinterpret_cast<const char*>(&length), 4);
    out.dictionary_page.append(text);
  }
  out.indices.assign(categorical.codes(), categorical.codes() + categorical.length());
  return out;
}

void encode_dictionary_indices(const DictionaryEncoding& dictionary, int64_t begin, int64_t end, std::string& out) {
  // At least one bit: some readers reject a zero bit width.
  const int bit_width = std::max(1, bit_width_for(static_cast<uint64_t>(std::max<int64_t>(dictionary.size - 1, 0))));
  out.push_back(static_cast<char>(bit_width));
  encode_rle_bit_packed(dictionary.indices.data() + begin, end - begin, bit_width, out);
}

}  // namespace strata::parquet
