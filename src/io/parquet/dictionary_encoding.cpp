#include "io/parquet/dictionary_encoding.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "io/parquet/rle_bit_packed_hybrid.hpp"
#include "strata/core/hash.hpp"

namespace strata::parquet {

namespace {

// Building a dictionary pays only when values repeat. After this many
// values, a column whose values were nearly all distinct is written PLAIN
// without hashing the rest.
constexpr int64_t kCardinalitySample = int64_t{1} << 16;
constexpr double kMaxDistinctFraction = 0.9;

// An open-addressing hash table from values to dictionary indices. Slots
// are 8 bytes (a 32-bit hash tag and the index), so that the table stays
// small enough for the caches; `equal(index)` compares the value with the
// dictionary's entry.
class IndexTable {
 public:
  IndexTable() : slots_(1024) {}

  template <typename Equal>
  uint32_t find_or_insert(uint64_t hash, uint32_t next, Equal&& equal, bool& inserted) {
    const auto tag = static_cast<uint32_t>(hash >> 32);
    size_t slot = hash & (slots_.size() - 1);
    while (true) {
      Slot& entry = slots_[slot];
      if (entry.index_plus_one == 0) {
        entry = {tag, next + 1};
        hashes_.push_back(hash);
        inserted = true;
        if (++size_ * 2 > slots_.size()) grow();
        return next;
      }
      if (entry.tag == tag && equal(entry.index_plus_one - 1)) {
        inserted = false;
        return entry.index_plus_one - 1;
      }
      slot = (slot + 1) & (slots_.size() - 1);
    }
  }

 private:
  struct Slot {
    uint32_t tag = 0;
    uint32_t index_plus_one = 0;
  };

  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& entry : old) {
      if (entry.index_plus_one == 0) continue;
      size_t slot = hashes_[entry.index_plus_one - 1] & (slots_.size() - 1);
      while (slots_[slot].index_plus_one != 0) slot = (slot + 1) & (slots_.size() - 1);
      slots_[slot] = entry;
    }
  }

  std::vector<Slot> slots_;
  std::vector<uint64_t> hashes_;  // per dictionary entry, for growing
  size_t size_ = 0;
};

bool too_many_distinct(int64_t seen, int64_t distinct) {
  return seen == kCardinalitySample && static_cast<double>(distinct) > kMaxDistinctFraction * static_cast<double>(seen);
}

// 4- and 8-byte values: the value is the key.
template <typename Word>
std::optional<DictionaryEncoding> build_words(const PhysicalColumn& column, int64_t max_bytes) {
  DictionaryEncoding out;
  out.indices.resize(static_cast<size_t>(column.count));
  std::vector<Word> values;
  IndexTable table;
  const int64_t limit = max_bytes / static_cast<int64_t>(sizeof(Word));
  for (int64_t row = 0; row < column.count; ++row) {
    Word word;
    std::memcpy(&word, column.fixed + row * static_cast<int64_t>(sizeof(Word)), sizeof(Word));
    bool inserted = false;
    const uint32_t index =
        table.find_or_insert(hashing::mix64(uint64_t{word}), static_cast<uint32_t>(values.size()),
                             [&](uint32_t candidate) { return values[candidate] == word; }, inserted);
    if (inserted) {
      values.push_back(word);
      out.first_rows.push_back(row);
      if (static_cast<int64_t>(values.size()) > limit) return std::nullopt;
    }
    out.indices[static_cast<size_t>(row)] = index;
    if (too_many_distinct(row + 1, static_cast<int64_t>(values.size()))) return std::nullopt;
  }
  out.size = static_cast<int64_t>(values.size());
  out.dictionary_page.assign(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(Word));
  return out;
}

// Byte equality of two equally long values; short ones (most keys) with
// overlapping word loads instead of a memcmp call.
bool same_bytes(const char* a, const char* b, size_t size) {
  if (size >= 8 && size <= 16) {
    uint64_t a0, a1, b0, b1;
    std::memcpy(&a0, a, 8);
    std::memcpy(&b0, b, 8);
    std::memcpy(&a1, a + size - 8, 8);
    std::memcpy(&b1, b + size - 8, 8);
    return a0 == b0 && a1 == b1;
  }
  if (size >= 4 && size < 8) {
    uint32_t a0, a1, b0, b1;
    std::memcpy(&a0, a, 4);
    std::memcpy(&b0, b, 4);
    std::memcpy(&a1, a + size - 4, 4);
    std::memcpy(&b1, b + size - 4, 4);
    return a0 == b0 && a1 == b1;
  }
  return std::memcmp(a, b, size) == 0;
}

// Strings and other widths: keyed by hash, compared by bytes.
std::optional<DictionaryEncoding> build_bytes(const PhysicalColumn& column, int64_t max_bytes) {
  const bool strings = column.type == PhysicalType::ByteArray;
  DictionaryEncoding out;
  out.indices.resize(static_cast<size_t>(column.count));
  std::string& page = out.dictionary_page;  // PLAIN values, built as distinct values appear
  page.reserve(static_cast<size_t>(std::min<int64_t>(max_bytes, int64_t{1} << 20)));
  IndexTable table;
  std::vector<uint32_t> offsets;  // where each distinct value's bytes are in `page`
  const size_t width = static_cast<size_t>(column.width);
  const StringView* views = strings ? column.strings.views() : nullptr;
  for (int64_t row = 0; row < column.count; ++row) {
    const std::string_view value =
        strings ? column.strings.resolve(views[row])
                : std::string_view(reinterpret_cast<const char*>(column.fixed) + row * column.width, width);
    const size_t offset = page.size() + (strings ? 4 : 0);
    bool inserted = false;
    const uint32_t index = table.find_or_insert(
        hashing::string(value), static_cast<uint32_t>(out.first_rows.size()),
        [&](uint32_t candidate) {
          const uint32_t begin = offsets[candidate];
          const uint32_t end = candidate + 1 < offsets.size() ? offsets[candidate + 1] - (strings ? 4 : 0)
                                                             : static_cast<uint32_t>(page.size());
          return end - begin == value.size() && same_bytes(page.data() + begin, value.data(), value.size());
        },
        inserted);
    if (inserted) {
      if (static_cast<int64_t>(offset + value.size()) > max_bytes) return std::nullopt;
      offsets.push_back(static_cast<uint32_t>(offset));
      if (strings) {
        const auto length = static_cast<uint32_t>(value.size());
        page.append(reinterpret_cast<const char*>(&length), 4);
      }
      page.append(value);
      out.first_rows.push_back(row);
    }
    out.indices[static_cast<size_t>(row)] = index;
    if (too_many_distinct(row + 1, static_cast<int64_t>(out.first_rows.size()))) return std::nullopt;
  }
  out.size = static_cast<int64_t>(out.first_rows.size());
  return out;
}

}  // namespace

std::optional<DictionaryEncoding> build_dictionary(const PhysicalColumn& column, int64_t max_bytes) {
  if (column.type == PhysicalType::Boolean || column.count == 0) return std::nullopt;
  if (column.type != PhysicalType::ByteArray) {
    if (column.width == 4) return build_words<uint32_t>(column, max_bytes);
    if (column.width == 8) return build_words<uint64_t>(column, max_bytes);
  }
  return build_bytes(column, max_bytes);
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
