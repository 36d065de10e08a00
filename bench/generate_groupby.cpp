// Writes the H2O.ai db-benchmark group-by dataset "G1" as CSV:
//
//   id1,id2  strings "id001".."id<K>"          (K groups each)
//   id3      strings "id0000000001".."id<N/K>" (N/K groups)
//   id4,id5  integers 1..K
//   id6      integer  1..N/K
//   v1       integer  1..5
//   v2       integer  1..15
//   v3       float in [0, 100) with 6 decimals, printed like "%.6f"
//
// The same arguments always give the same bytes (fixed-seed xoshiro256**).
// With a null percentage p, as in the original generator, p% of the distinct
// values of each id column become null (every row holding them), and each v
// column is null in p% of the rows (drawn independently per row). Nulls are
// empty fields. The file is written under a temporary name and renamed when
// complete, so an interrupted run never leaves a truncated dataset behind.
//
// With --sorted it writes the H2O "sorted" variant (file name ending in
// "_1.csv"): the same rows as without it, ordered by id1..id6 ascending with
// nulls first, as R data.table's setkey orders them; rows with equal ids keep
// their order. The string ids are zero-padded, so their order is the numeric
// one as long as the padding holds (at most 999 groups). The rows are held
// in memory for the sort, 24 bytes each (1e8 rows: about 3.6 GB with the
// sort's buffer).
//
// Usage: generate_groupby --rows 1e7 [--groups 100] [--nulls-percent 0] [--sorted]
//                         [--seed 108] [--output-dir bench/data | --output FILE]
// Prints the path of the written file.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "dataset_writing.hpp"

namespace {

using dataset_writing::CsvWriter;
using dataset_writing::parse_count;
using dataset_writing::parse_percent;
using dataset_writing::Random;
using dataset_writing::short_count;

struct Options {
  int64_t rows = 0;
  int64_t groups = 100;
  int nulls_percent = 0;
  bool sorted = false;
  uint64_t seed = 108;
  std::string output_dir = "bench/data";
  std::string output_file;  // overrides output_dir when set
};

/// Marks `percent`% of the values 1..count as null, chosen at random: the
/// original generator nulls whole id values, not single cells.
std::vector<bool> choose_null_values(int64_t count, int percent, Random& random) {
  std::vector<bool> is_null(static_cast<size_t>(count) + 1, false);
  const int64_t null_values = count * percent / 100;
  std::vector<int64_t> values(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) values[static_cast<size_t>(i)] = i + 1;
  for (int64_t i = 0; i < null_values; ++i) {  // partial Fisher-Yates shuffle
    const auto j = i + static_cast<int64_t>(random.below(static_cast<uint64_t>(count - i)));
    std::swap(values[static_cast<size_t>(i)], values[static_cast<size_t>(j)]);
    is_null[static_cast<size_t>(values[static_cast<size_t>(i)])] = true;
  }
  return is_null;
}

/// The H2O file name "G1_<rows>_<groups>_<nulls>_<sorted>.csv".
std::string dataset_name(const Options& options) {
  return "G1_" + short_count(options.rows) + "_" + short_count(options.groups) + "_" +
         std::to_string(options.nulls_percent) + (options.sorted ? "_1.csv" : "_0.csv");
}

Options parse_arguments(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--sorted") {
      options.sorted = true;
      continue;
    }
    if (i + 1 >= argc) throw std::invalid_argument("option " + flag + " needs a value");
    const std::string value = argv[++i];
    if (flag == "--rows") {
      options.rows = parse_count(flag, value);
    } else if (flag == "--groups") {
      options.groups = parse_count(flag, value);
    } else if (flag == "--nulls-percent") {
      options.nulls_percent = parse_percent(flag, value);
    } else if (flag == "--seed") {
      options.seed = static_cast<uint64_t>(parse_count(flag, value));
    } else if (flag == "--output-dir") {
      options.output_dir = value;
    } else if (flag == "--output") {
      options.output_file = value;
    } else {
      throw std::invalid_argument("unknown option " + flag +
                                  "; expected --rows, --groups, --nulls-percent, --sorted, --seed, --output-dir or --output");
    }
  }
  if (options.rows == 0) throw std::invalid_argument("--rows is required, e.g. --rows 1e7");
  if (options.rows < options.groups) {
    throw std::invalid_argument("--rows (" + std::to_string(options.rows) + ") must be at least --groups (" +
                                std::to_string(options.groups) + ")");
  }
  // Past the padding, "id1000" would sort before "id999" as a string.
  if (options.sorted && (options.groups > 999 || options.rows / options.groups > 9'999'999'999)) {
    throw std::invalid_argument("--sorted needs at most 999 groups and 9999999999 rows per group, so that the "
                                "zero-padded string ids sort as their numbers");
  }
  return options;
}

/// One generated row. An id of 0 is null, which also makes nulls sort first;
/// v1 and v2 of 0 are null too (their values start at 1).
struct Row {
  int64_t id[6];
  int64_t v1, v2;
  uint64_t v3_micro;
  bool v3_null;
};

/// Draws the rows in file order. Every value is drawn in a fixed order
/// whatever is null, so that a row's values do not depend on the null
/// settings; the null choices come from their own stream so that the
/// non-null values are identical with and without nulls.
class RowSource {
 public:
  explicit RowSource(const Options& options)
      : k_(options.groups),
        n_over_k_(options.rows / options.groups),
        percent_(options.nulls_percent),
        random_(options.seed),
        null_random_(options.seed ^ 0x5bd1e995ULL),
        // A row's v value is null when a draw below 2^32 falls under this.
        value_null_threshold_((uint64_t{1} << 32) * static_cast<uint64_t>(percent_) / 100) {
    const int64_t sizes[6] = {k_, k_, n_over_k_, k_, k_, n_over_k_};
    for (int column = 0; column < 6; ++column) {
      null_id_[column] = percent_ ? choose_null_values(sizes[column], percent_, null_random_)
                                  : std::vector<bool>(static_cast<size_t>(sizes[column]) + 1, false);
    }
  }

  Row next() {
    Row row;
    const int64_t bounds[6] = {k_, k_, n_over_k_, k_, k_, n_over_k_};
    for (int column = 0; column < 6; ++column) row.id[column] = random_.one_to(bounds[column]);
    row.v1 = random_.one_to(5);
    row.v2 = random_.one_to(15);
    row.v3_micro = random_.below(100'000'000);
    for (int column = 0; column < 6; ++column) {
      if (null_id_[column][static_cast<size_t>(row.id[column])]) row.id[column] = 0;
    }
    if (value_is_null()) row.v1 = 0;
    if (value_is_null()) row.v2 = 0;
    row.v3_null = value_is_null();
    return row;
  }

 private:
  bool value_is_null() { return percent_ != 0 && (null_random_.next() >> 32) < value_null_threshold_; }

  int64_t k_, n_over_k_;
  int percent_;
  Random random_, null_random_;
  uint64_t value_null_threshold_;
  std::vector<bool> null_id_[6];
};

void put_row(CsvWriter& out, const Row& row) {
  out.reserve_line();
  const int string_id_width[3] = {3, 3, 10};
  for (int column = 0; column < 6; ++column) {
    if (column > 0) out.put(',');
    if (row.id[column] == 0) continue;
    const auto value = static_cast<uint64_t>(row.id[column]);
    if (column < 3) {
      out.put("id", 2);
      out.put_unsigned(value, string_id_width[column]);
    } else {
      out.put_unsigned(value);
    }
  }
  out.put(',');
  if (row.v1 != 0) out.put_unsigned(static_cast<uint64_t>(row.v1));
  out.put(',');
  if (row.v2 != 0) out.put_unsigned(static_cast<uint64_t>(row.v2));
  out.put(',');
  if (!row.v3_null) out.put_fixed6(row.v3_micro);
  out.put('\n');
}

/// A row in 24 bytes, so that 1e8 rows and the sort's buffer fit in a few
/// GB: the six ids packed into a 128-bit key, most significant first (0 for
/// null, so nulls sort first), and the v values in a payload.
class PackedRows {
 public:
  explicit PackedRows(const Options& options)
      : k_bits_(std::bit_width(static_cast<uint64_t>(options.groups))),
        n_over_k_bits_(std::bit_width(static_cast<uint64_t>(options.rows / options.groups))) {
    rows_.reserve(static_cast<size_t>(options.rows));
  }

  void add(const Row& row) {
    Key key = 0;
    for (int column = 0; column < 6; ++column) key = (key << bits(column)) | static_cast<uint64_t>(row.id[column]);
    const uint64_t payload = row.v3_micro | static_cast<uint64_t>(row.v1) << 32 |
                             static_cast<uint64_t>(row.v2) << 40 | static_cast<uint64_t>(row.v3_null) << 48;
    rows_.push_back({static_cast<uint64_t>(key >> 64), static_cast<uint64_t>(key), payload});
  }

  /// Orders the rows by id1..id6; rows with equal ids keep their order.
  void sort() {
    std::stable_sort(rows_.begin(), rows_.end(), [](const Packed& a, const Packed& b) {
      return a.key_high != b.key_high ? a.key_high < b.key_high : a.key_low < b.key_low;
    });
  }

  size_t size() const { return rows_.size(); }

  Row operator[](size_t index) const {
    const Packed& packed = rows_[index];
    Row row;
    Key key = static_cast<Key>(packed.key_high) << 64 | packed.key_low;
    for (int column = 5; column >= 0; --column) {
      const int width = bits(column);
      row.id[column] = static_cast<int64_t>(key & ((Key{1} << width) - 1));
      key >>= width;
    }
    row.v3_micro = packed.payload & 0xffffffffULL;
    row.v1 = static_cast<int64_t>(packed.payload >> 32 & 0xff);
    row.v2 = static_cast<int64_t>(packed.payload >> 40 & 0xff);
    row.v3_null = (packed.payload >> 48 & 1) != 0;
    return row;
  }

 private:
  using Key = unsigned __int128;
  struct Packed {
    uint64_t key_high, key_low, payload;
  };
  // id3 and id6 range over N/K values, the others over K.
  int bits(int column) const { return column == 2 || column == 5 ? n_over_k_bits_ : k_bits_; }

  int k_bits_, n_over_k_bits_;
  std::vector<Packed> rows_;
};

void write_dataset(const Options& options, std::FILE* file) {
  RowSource source(options);
  CsvWriter out(file);
  static const char kHeader[] = "id1,id2,id3,id4,id5,id6,v1,v2,v3\n";
  out.put(kHeader, sizeof(kHeader) - 1);
  if (!options.sorted) {
    for (int64_t row = 0; row < options.rows; ++row) put_row(out, source.next());
  } else {
    PackedRows rows(options);
    for (int64_t row = 0; row < options.rows; ++row) rows.add(source.next());
    rows.sort();
    for (size_t row = 0; row < rows.size(); ++row) put_row(out, rows[row]);
  }
  out.flush();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse_arguments(argc, argv);
    const std::filesystem::path target = options.output_file.empty()
                                             ? std::filesystem::path(options.output_dir) / dataset_name(options)
                                             : std::filesystem::path(options.output_file);
    dataset_writing::write_atomically(target, [&](std::FILE* file) { write_dataset(options, file); });
    std::printf("%s\n", target.c_str());
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "generate_groupby: %s\n", error.what());
    return 2;
  }
}
