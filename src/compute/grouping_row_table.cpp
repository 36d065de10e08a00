// The general key table: several keys of any mix of types (and single keys
// without a specialised table: bool, null-typed). Each row is encoded into
// bytes, column by column (so the type dispatch happens once per column,
// not per row):
//   null-typed key   one 0 byte
//   bool             validity byte, value byte
//   fixed width      validity byte, canonical value bits (zeros when null)
//   string/binary    validity byte, 4-byte size, the bytes
// Two rows are the same key exactly when their encodings are equal, so the
// table hashes and compares plain byte strings.
#include <cstring>
#include <typeinfo>

#include "compute/internal/key_hashing.hpp"
#include "compute/internal/key_table.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute::internal {

namespace {

enum class KeyLayout { NullTyped, Bool, Fixed, String };

KeyLayout layout_of(const DataType& type) {
  if (type.id() == TypeId::Null) return KeyLayout::NullTyped;
  if (type.id() == TypeId::Bool) return KeyLayout::Bool;
  if (type.is_string_like()) return KeyLayout::String;
  return KeyLayout::Fixed;
}

// Bytes every row needs for a key, excluding string contents.
size_t fixed_bytes(const DataType& type) {
  switch (layout_of(type)) {
    case KeyLayout::NullTyped: return 1;
    case KeyLayout::Bool: return 2;
    case KeyLayout::String: return 1 + 4;
    case KeyLayout::Fixed: return 1 + static_cast<size_t>(type.byte_width());
  }
  return 0;
}

// Encodes rows [begin, end) of `keys`; row r's bytes are
// bytes[offsets[r - begin], offsets[r - begin + 1]).
void encode_rows(const std::vector<Array>& keys, int64_t begin, int64_t end, std::vector<uint8_t>& bytes,
                 std::vector<size_t>& offsets) {
  const auto n = static_cast<size_t>(end - begin);
  size_t row_fixed = 0;
  for (const Array& key : keys) row_fixed += fixed_bytes(key.type());
  offsets.assign(n + 1, 0);
  for (size_t r = 0; r < n; ++r) offsets[r + 1] = row_fixed;
  for (const Array& key : keys) {
    if (layout_of(key.type()) != KeyLayout::String) continue;
    const StringView* views = key.views();
    for (size_t r = 0; r < n; ++r)
      if (key.is_valid(begin + static_cast<int64_t>(r))) offsets[r + 1] += views[begin + static_cast<int64_t>(r)].size;
  }
  for (size_t r = 0; r < n; ++r) offsets[r + 1] += offsets[r];
  bytes.assign(offsets[n], 0);
  std::vector<size_t> cursor(offsets.begin(), offsets.end() - 1);
  uint8_t* out = bytes.data();
  for (const Array& key : keys) {
    switch (layout_of(key.type())) {
      case KeyLayout::NullTyped:
        for (size_t r = 0; r < n; ++r) out[cursor[r]++] = 0;
        break;
      case KeyLayout::Bool:
        for (size_t r = 0; r < n; ++r) {
          const int64_t row = begin + static_cast<int64_t>(r);
          const bool valid = key.is_valid(row);
          out[cursor[r]] = valid;
          out[cursor[r] + 1] = valid && key.bool_at(row);
          cursor[r] += 2;
        }
        break;
      case KeyLayout::String: {
        const StringView* views = key.views();
        for (size_t r = 0; r < n; ++r) {
          const int64_t row = begin + static_cast<int64_t>(r);
          uint8_t* dst = out + cursor[r];
          if (!key.is_valid(row)) {
            cursor[r] += 5;  // validity 0, size 0
            continue;
          }
          const std::string_view text = key.resolve(views[row]);
          const auto size = static_cast<uint32_t>(text.size());
          dst[0] = 1;
          std::memcpy(dst + 1, &size, 4);
          if (size > 0) std::memcpy(dst + 5, text.data(), size);
          cursor[r] += 5 + size;
        }
        break;
      }
      case KeyLayout::Fixed:
        visit_physical(key.type(), [&](auto tag) {
          using T = typename decltype(tag)::type;
          if constexpr (is_fixed_width_v<T>) {
            const T* values = key.values<T>();
            for (size_t r = 0; r < n; ++r) {
              const int64_t row = begin + static_cast<int64_t>(r);
              if (key.is_valid(row)) {
                const KeyBits<T> bits = key_bits(values[row]);
                out[cursor[r]] = 1;
                std::memcpy(out + cursor[r] + 1, &bits, sizeof bits);
              }
              cursor[r] += 1 + sizeof(T);
            }
          }
        });
        break;
    }
  }
}

class RowKeyTable final : public KeyTable {
  struct Slot {
    uint32_t id;
    uint32_t tag;
  };

 public:
  explicit RowKeyTable(std::vector<DataType> types) : types_(std::move(types)) {
    for (const DataType& type : types_)
      if (type.is_nested() || type.id() == TypeId::Categorical)
        throw UnsupportedError("grouping by a " + type.to_string() + " key is not supported; "
                               "cast the key to a string or unnest it first");
    resize_slots(64);
    starts_.push_back(0);
  }

  void insert(const std::vector<Array>& keys, int64_t begin, int64_t end, uint32_t* out) override {
    encode_rows(keys, begin, end, scratch_bytes_, scratch_offsets_);
    for (int64_t r = 0; r < end - begin; ++r) {
      const uint8_t* row = scratch_bytes_.data() + scratch_offsets_[static_cast<size_t>(r)];
      const size_t size = scratch_offsets_[static_cast<size_t>(r) + 1] - scratch_offsets_[static_cast<size_t>(r)];
      out[r] = find_or_insert(row, size, hashing::bytes(row, size));
    }
  }

  void find(const std::vector<Array>& keys, int64_t begin, int64_t end, uint32_t* out) const override {
    std::vector<uint8_t> bytes;
    std::vector<size_t> offsets;
    encode_rows(keys, begin, end, bytes, offsets);
    for (int64_t r = 0; r < end - begin; ++r) {
      const uint8_t* row = bytes.data() + offsets[static_cast<size_t>(r)];
      const size_t size = offsets[static_cast<size_t>(r) + 1] - offsets[static_cast<size_t>(r)];
      out[r] = lookup(row, size, hashing::bytes(row, size));
    }
  }

  std::vector<uint32_t> merge(const KeyTable& other_table) override {
    const auto& other = dynamic_cast<const RowKeyTable&>(other_table);
    std::vector<uint32_t> mapping(other.hashes_.size());
    STRATA_CHECK(&other != this, "a key table cannot merge itself");
    for (size_t g = 0; g < other.hashes_.size(); ++g)
      mapping[g] = find_or_insert(other.data_.data() + other.starts_[g], other.starts_[g + 1] - other.starts_[g],
                                  other.hashes_[g]);
    return mapping;
  }

  int64_t size() const override { return static_cast<int64_t>(hashes_.size()); }

  std::vector<Array> keys() const override {
    const size_t groups = hashes_.size();
    std::vector<size_t> cursor(starts_.begin(), starts_.end() - 1);
    std::vector<Array> out;
    for (const DataType& type : types_) out.push_back(decode_column(type, groups, cursor));
    return out;
  }

 private:
  Array decode_column(const DataType& type, size_t groups, std::vector<size_t>& cursor) const {
    const uint8_t* in = data_.data();
    switch (layout_of(type)) {
      case KeyLayout::NullTyped:
        for (size_t g = 0; g < groups; ++g) cursor[g] += 1;
        return make_null_array(type, static_cast<int64_t>(groups));
      case KeyLayout::Bool: {
        BoolBuilder builder;
        for (size_t g = 0; g < groups; ++g) {
          if (in[cursor[g]]) builder.append(in[cursor[g] + 1] != 0);
          else builder.append_null();
          cursor[g] += 2;
        }
        return builder.finish();
      }
      case KeyLayout::String: {
        StringBuilder builder(type);
        for (size_t g = 0; g < groups; ++g) {
          uint32_t size = 0;
          std::memcpy(&size, in + cursor[g] + 1, 4);
          if (in[cursor[g]]) builder.append(std::string_view(reinterpret_cast<const char*>(in + cursor[g] + 5), size));
          else builder.append_null();
          cursor[g] += 5 + size;
        }
        return builder.finish();
      }
      case KeyLayout::Fixed:
        return visit_physical(type, [&](auto tag) -> Array {
          using T = typename decltype(tag)::type;
          if constexpr (is_fixed_width_v<T>) {
            FixedWidthBuilder<T> builder(type);
            for (size_t g = 0; g < groups; ++g) {
              if (in[cursor[g]]) {
                KeyBits<T> bits;
                std::memcpy(&bits, in + cursor[g] + 1, sizeof bits);
                builder.append(from_key_bits<T>(bits));
              } else {
                builder.append_null();
              }
              cursor[g] += 1 + sizeof(T);
            }
            return builder.finish();
          } else {
            throw InternalError("unexpected key type " + type.to_string());
          }
        });
    }
    throw InternalError("unexpected key layout");
  }

  bool equal(uint32_t group, const uint8_t* row, size_t size) const {
    return starts_[group + 1] - starts_[group] == size && std::memcmp(data_.data() + starts_[group], row, size) == 0;
  }

  uint32_t find_or_insert(const uint8_t* row, size_t size, uint64_t hash) {
    const auto tag = static_cast<uint32_t>(hash >> 32);
    size_t pos = hash & mask_;
    while (true) {
      Slot& slot = slots_[pos];
      if (slot.id == kNoGroup) {
        const auto id = static_cast<uint32_t>(hashes_.size());
        slot = Slot{id, tag};
        data_.insert(data_.end(), row, row + size);
        starts_.push_back(data_.size());
        hashes_.push_back(hash);
        if (table_needs_growth(hashes_.size(), slots_.size())) resize_slots(slots_.size() * 2);
        return id;
      }
      if (slot.tag == tag && equal(slot.id, row, size)) return slot.id;
      pos = (pos + 1) & mask_;
    }
  }

  uint32_t lookup(const uint8_t* row, size_t size, uint64_t hash) const {
    const auto tag = static_cast<uint32_t>(hash >> 32);
    size_t pos = hash & mask_;
    while (true) {
      const Slot& slot = slots_[pos];
      if (slot.id == kNoGroup) return kNoGroup;
      if (slot.tag == tag && equal(slot.id, row, size)) return slot.id;
      pos = (pos + 1) & mask_;
    }
  }

  void resize_slots(size_t capacity) {
    slots_.assign(capacity, Slot{kNoGroup, 0});
    mask_ = capacity - 1;
    for (size_t g = 0; g < hashes_.size(); ++g) {
      size_t pos = hashes_[g] & mask_;
      while (slots_[pos].id != kNoGroup) pos = (pos + 1) & mask_;
      slots_[pos] = Slot{static_cast<uint32_t>(g), static_cast<uint32_t>(hashes_[g] >> 32)};
    }
  }

  std::vector<DataType> types_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  std::vector<uint8_t> data_;     // encoded rows of all groups, back to back
  std::vector<size_t> starts_;    // group g's row is data_[starts_[g], starts_[g + 1])
  std::vector<uint64_t> hashes_;  // per group
  std::vector<uint8_t> scratch_bytes_;
  std::vector<size_t> scratch_offsets_;
};

}  // namespace

std::unique_ptr<KeyTable> make_row_key_table(const std::vector<DataType>& types) {
  return std::make_unique<RowKeyTable>(types);
}

}  // namespace strata::compute::internal
