// Writes a join dataset in the spirit of the H2O.ai db-benchmark "J1": a
// large left table x and three right tables of growing size, as CSV:
//
//   J1_<N>_NA_<p>_0.csv        x: N rows      id1,id2,id3,id4,id5,id6,v1
//   J1_<N>_<N/1e6>_<p>_0.csv   small          id1,id4,v2
//   J1_<N>_<N/1e3>_<p>_0.csv   medium         id1,id2,id4,id5,v2
//   J1_<N>_<N>_<p>_0.csv       big            id1,id2,id3,id4,id5,id6,v2
//
// (the small table has at least 10 rows and the medium one at least 100, so
// that small data sets still give three different right tables).
//
// Key columns: id1, id2 and id3 are integers keyed to the small, medium and
// big table; id4, id5 and id6 are the same keys as strings "id<key>". Each
// right table of m rows holds its own key column as m distinct values in
// random order: 90% of them ("shared", 1..0.9m) also occur in x, 10%
// (m+1..1.1m) never do. x draws that key uniformly from 1..m, so 90% of its
// rows match exactly one right row and 10% (0.9m+1..m) match none. A right
// table's other key columns are drawn like x's. v1 and v2 are floats in
// [0, 100) with 6 decimals.
//
// With a null percentage p, each key of x (the integer and its string
// together) and v1 are null in p% of the rows, and v2 in p% of the right
// rows; right-table keys are never null. Null keys never match.
//
// Usage: generate_join --rows 1e7 [--nulls-percent 0] [--seed 108]
//                      [--output-dir bench/data]
// Prints the paths of the four written files. The same arguments always
// give the same bytes.
#include <algorithm>
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
  int nulls_percent = 0;
  uint64_t seed = 108;
  std::string output_dir = "bench/data";
};

/// The sizes of the three right tables for an x of `rows` rows.
struct RightSizes {
  int64_t small, medium, big;
};

RightSizes right_sizes(int64_t rows) {
  return {std::max<int64_t>(10, rows / 1000000), std::max<int64_t>(100, rows / 1000), rows};
}

Options parse_arguments(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument("option " + flag + " needs a value");
    const std::string value = argv[++i];
    if (flag == "--rows") {
      options.rows = parse_count(flag, value);
    } else if (flag == "--nulls-percent") {
      options.nulls_percent = parse_percent(flag, value);
    } else if (flag == "--seed") {
      options.seed = static_cast<uint64_t>(parse_count(flag, value));
    } else if (flag == "--output-dir") {
      options.output_dir = value;
    } else {
      throw std::invalid_argument("unknown option " + flag + "; expected --rows, --nulls-percent, --seed or --output-dir");
    }
  }
  if (options.rows == 0) throw std::invalid_argument("--rows is required, e.g. --rows 1e7");
  if (options.rows <= right_sizes(options.rows).medium)
    throw std::invalid_argument("--rows must be more than " + std::to_string(right_sizes(options.rows).medium) +
                                " (the medium right table), got " + std::to_string(options.rows));
  return options;
}

/// Draws the key of an x row for a right table of m rows: 1..m, where
/// 0.9m+1..m exist only in x.
int64_t x_key(Random& random, int64_t m) { return random.one_to(m); }

/// The m distinct keys of a right table, in random order: the shared keys
/// 1..0.9m and the right-only keys m+1..m+(m-0.9m).
std::vector<int64_t> right_keys(Random& random, int64_t m) {
  const int64_t shared = m * 9 / 10;
  std::vector<int64_t> keys;
  keys.reserve(static_cast<size_t>(m));
  for (int64_t k = 1; k <= shared; ++k) keys.push_back(k);
  for (int64_t k = m + 1; k <= m + (m - shared); ++k) keys.push_back(k);
  for (size_t i = keys.size(); i > 1; --i) std::swap(keys[i - 1], keys[random.below(i)]);  // Fisher-Yates
  return keys;
}

/// A right table's key that is not its own: drawn among the keys that table
/// of size m holds (shared or right-only), so some rows match x and some
/// do not.
int64_t other_key(Random& random, int64_t m) {
  const int64_t shared = m * 9 / 10;
  const int64_t draw = random.one_to(shared + (m - shared));
  return draw <= shared ? draw : m + (draw - shared);
}

class NullDraw {
 public:
  NullDraw(uint64_t seed, int percent)
      : random_(seed), percent_(percent), threshold_((uint64_t{1} << 32) * static_cast<uint64_t>(percent) / 100) {}
  bool next() { return percent_ != 0 && (random_.next() >> 32) < threshold_; }

 private:
  Random random_;
  int percent_;
  uint64_t threshold_;
};

void put_value(CsvWriter& out, Random& random, bool is_null) {
  const uint64_t micro = random.below(100'000'000);
  if (!is_null) out.put_fixed6(micro);
}

void put_key_int(CsvWriter& out, int64_t key, bool is_null) {
  if (!is_null) out.put_unsigned(static_cast<uint64_t>(key));
}

void put_key_string(CsvWriter& out, int64_t key, bool is_null) {
  if (is_null) return;
  out.put("id", 2);
  out.put_unsigned(static_cast<uint64_t>(key));
}

void write_x(const Options& options, const RightSizes& sizes, std::FILE* file) {
  Random random(options.seed);
  NullDraw nulls(options.seed ^ 0x5bd1e995ULL, options.nulls_percent);
  CsvWriter out(file);
  static const char kHeader[] = "id1,id2,id3,id4,id5,id6,v1\n";
  out.put(kHeader, sizeof(kHeader) - 1);
  for (int64_t row = 0; row < options.rows; ++row) {
    const int64_t keys[3] = {x_key(random, sizes.small), x_key(random, sizes.medium), x_key(random, sizes.big)};
    const bool null_keys[3] = {nulls.next(), nulls.next(), nulls.next()};
    out.reserve_line();
    for (int k = 0; k < 3; ++k) {
      put_key_int(out, keys[k], null_keys[k]);
      out.put(',');
    }
    for (int k = 0; k < 3; ++k) {
      put_key_string(out, keys[k], null_keys[k]);
      out.put(',');
    }
    put_value(out, random, nulls.next());
    out.put('\n');
  }
  out.flush();
}

// A right table of `m` rows whose own key is key column `own` (0, 1 or 2 for
// id1, id2, id3); it carries the key columns 0..own as integers and strings.
void write_right(const Options& options, const RightSizes& sizes, int own, int64_t m, std::FILE* file) {
  Random random(options.seed + 1 + static_cast<uint64_t>(own));
  NullDraw nulls(options.seed ^ (0x27d4eb2fULL + static_cast<uint64_t>(own)), options.nulls_percent);
  const int64_t key_space[3] = {sizes.small, sizes.medium, sizes.big};
  const std::vector<int64_t> own_keys = right_keys(random, m);
  CsvWriter out(file);
  std::string header;
  for (int k = 0; k <= own; ++k) header += "id" + std::to_string(k + 1) + ",";
  for (int k = 0; k <= own; ++k) header += "id" + std::to_string(k + 4) + ",";
  header += "v2\n";
  out.put(header.data(), header.size());
  std::vector<int64_t> keys(static_cast<size_t>(own) + 1);
  for (int64_t row = 0; row < m; ++row) {
    for (int k = 0; k <= own; ++k)
      keys[static_cast<size_t>(k)] = k == own ? own_keys[static_cast<size_t>(row)] : other_key(random, key_space[k]);
    out.reserve_line();
    for (int k = 0; k <= own; ++k) {
      put_key_int(out, keys[static_cast<size_t>(k)], false);
      out.put(',');
    }
    for (int k = 0; k <= own; ++k) {
      put_key_string(out, keys[static_cast<size_t>(k)], false);
      out.put(',');
    }
    put_value(out, random, nulls.next());
    out.put('\n');
  }
  out.flush();
}

std::string file_name(const Options& options, const std::string& right) {
  return "J1_" + short_count(options.rows) + "_" + right + "_" + std::to_string(options.nulls_percent) + "_0.csv";
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse_arguments(argc, argv);
    const RightSizes sizes = right_sizes(options.rows);
    const std::filesystem::path dir(options.output_dir);
    const std::filesystem::path x = dir / file_name(options, "NA");
    dataset_writing::write_atomically(x, [&](std::FILE* file) { write_x(options, sizes, file); });
    std::printf("%s\n", x.c_str());
    const int64_t right_rows[3] = {sizes.small, sizes.medium, sizes.big};
    for (int own = 0; own < 3; ++own) {
      const std::filesystem::path path = dir / file_name(options, short_count(right_rows[own]));
      dataset_writing::write_atomically(
          path, [&](std::FILE* file) { write_right(options, sizes, own, right_rows[own], file); });
      std::printf("%s\n", path.c_str());
    }
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "generate_join: %s\n", error.what());
    return 2;
  }
}
