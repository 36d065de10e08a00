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
// Usage: generate_groupby --rows 1e7 [--groups 100] [--nulls-percent 0]
//                         [--seed 108] [--output-dir bench/data | --output FILE]
// Prints the path of the written file.
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
  int64_t groups = 100;
  int nulls_percent = 0;
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

/// The H2O file name "G1_<rows>_<groups>_<nulls>_0.csv".
std::string dataset_name(const Options& options) {
  return "G1_" + short_count(options.rows) + "_" + short_count(options.groups) + "_" +
         std::to_string(options.nulls_percent) + "_0.csv";
}

Options parse_arguments(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
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
                                  "; expected --rows, --groups, --nulls-percent, --seed, --output-dir or --output");
    }
  }
  if (options.rows == 0) throw std::invalid_argument("--rows is required, e.g. --rows 1e7");
  if (options.rows < options.groups) {
    throw std::invalid_argument("--rows (" + std::to_string(options.rows) + ") must be at least --groups (" +
                                std::to_string(options.groups) + ")");
  }
  return options;
}

void write_dataset(const Options& options, std::FILE* file) {
  const int64_t k = options.groups;
  const int64_t n_over_k = options.rows / k;
  Random random(options.seed);

  // Null choices come from their own stream so that the non-null values are
  // identical with and without nulls.
  Random null_random(options.seed ^ 0x5bd1e995ULL);
  const int percent = options.nulls_percent;
  std::vector<bool> no_nulls_k(static_cast<size_t>(k) + 1, false);
  std::vector<bool> no_nulls_nk(static_cast<size_t>(n_over_k) + 1, false);
  std::vector<bool> null_id[6] = {
      percent ? choose_null_values(k, percent, null_random) : no_nulls_k,
      percent ? choose_null_values(k, percent, null_random) : no_nulls_k,
      percent ? choose_null_values(n_over_k, percent, null_random) : no_nulls_nk,
      percent ? choose_null_values(k, percent, null_random) : no_nulls_k,
      percent ? choose_null_values(k, percent, null_random) : no_nulls_k,
      percent ? choose_null_values(n_over_k, percent, null_random) : no_nulls_nk,
  };
  // A row's v value is null when a draw below 2^32 falls under this threshold.
  const uint64_t value_null_threshold = (uint64_t{1} << 32) * static_cast<uint64_t>(percent) / 100;
  auto value_is_null = [&] { return percent != 0 && (null_random.next() >> 32) < value_null_threshold; };

  CsvWriter out(file);
  static const char kHeader[] = "id1,id2,id3,id4,id5,id6,v1,v2,v3\n";
  out.put(kHeader, sizeof(kHeader) - 1);

  auto put_id_string = [&](int column, int64_t value, int width) {
    if (null_id[column][static_cast<size_t>(value)]) return;
    out.put("id", 2);
    out.put_unsigned(static_cast<uint64_t>(value), width);
  };
  auto put_id_integer = [&](int column, int64_t value) {
    if (null_id[column][static_cast<size_t>(value)]) return;
    out.put_unsigned(static_cast<uint64_t>(value));
  };

  for (int64_t row = 0; row < options.rows; ++row) {
    // Draw every value in a fixed order whatever is null, so that a row's
    // values do not depend on the null settings.
    const int64_t id1 = random.one_to(k), id2 = random.one_to(k), id3 = random.one_to(n_over_k);
    const int64_t id4 = random.one_to(k), id5 = random.one_to(k), id6 = random.one_to(n_over_k);
    const int64_t v1 = random.one_to(5), v2 = random.one_to(15);
    const uint64_t v3_micro = random.below(100'000'000);

    out.reserve_line();
    put_id_string(0, id1, 3);
    out.put(',');
    put_id_string(1, id2, 3);
    out.put(',');
    put_id_string(2, id3, 10);
    out.put(',');
    put_id_integer(3, id4);
    out.put(',');
    put_id_integer(4, id5);
    out.put(',');
    put_id_integer(5, id6);
    out.put(',');
    if (!value_is_null()) out.put_unsigned(static_cast<uint64_t>(v1));
    out.put(',');
    if (!value_is_null()) out.put_unsigned(static_cast<uint64_t>(v2));
    out.put(',');
    if (!value_is_null()) out.put_fixed6(v3_micro);
    out.put('\n');
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
